// Branches of the multitasking RS model (docs/multitasking.md): the solutions at one (d, T) in
// physical terms, the equilibrium state among them, and a branch continued along d or T.
#pragma once

#include "analysis/multitask/multitask_rs.hpp"
#include "analysis/numerics/branches.hpp"

#include <string>
#include <vector>

namespace hebbmc::analysis {

/// One solution (or failure) of the multitasking equations, in physical terms.
struct MultitaskPoint {
  double d = Stability::nan;            ///< dilution
  double T = Stability::nan;            ///< temperature
  std::string start;                    ///< start(s) that converged here
  std::string branch = "none";          ///< structure label (MT9); "none" if not converged
  bool converged = false;               ///< false: every number below is NaN and `status` says why
  std::string status;                   ///< "converged" or the reason of the failure
  Eigen::VectorXd x;                    ///< solution variables, |x| sorted descending
  Eigen::VectorXd m;                    ///< Mattis amplitudes, sorted descending
  Eigen::VectorXd error;                ///< Monte Carlo standard error of x (empty when exact)
  int retrieved = 0;                    ///< number of amplitudes > 1e-6
  double f = Stability::nan;            ///< free energy per neuron (MT6)
  double hessian_min = Stability::nan;  ///< smallest eigenvalue of the stability Hessian (MT7)
  bool stable = false;                  ///< hessian_min > 0
};

/// Converts a solver result to a MultitaskPoint (canonical order, Hessian, error); failures keep NaN.
MultitaskPoint multitask_point(const MultitaskRS& model, const BranchSolution& s);
/// Every branch at (d, T) from the model's starts, symmetric duplicates merged, failures kept. If
/// none of them is stable, each saddle is left along its softest direction (both signs) and the
/// solutions found so are added (start "escape from <start>").
std::vector<MultitaskPoint> multitask_branches(const MultitaskRS& model, double d, double T,
                                               const SolverOptions& options = {});
/// The equilibrium state: lowest f among the converged, stable points (nullptr if none).
const MultitaskPoint* multitask_state(const std::vector<MultitaskPoint>& points);
/// The branch selected by start `start` at axis = values.front(), continued along `axis` ("d" or
/// "T") with warm starts (continuation.hpp); points where it is lost are failures, not numbers.
std::vector<MultitaskPoint> follow_multitask_branch(const MultitaskRS& model, const Control& base,
                                                    const std::string& axis, const std::vector<double>& values,
                                                    const std::string& start, const SolverOptions& options = {});

}  // namespace hebbmc::analysis
