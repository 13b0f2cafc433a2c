// Solutions of an order-parameter model at one control point: one branch from one start, every
// branch from the model's starts, and the thermodynamic state among them (docs/theory.md, "Branches").
#pragma once

#include "analysis/numerics/fixed_point.hpp"
#include "analysis/numerics/order_parameter_model.hpp"
#include "analysis/numerics/stability.hpp"

#include <string>
#include <vector>

namespace hebbmc::analysis {

/// Numerical settings of the branch solver.
struct SolverOptions {
  FixedPointOptions fixed_point;  ///< damped iteration + Newton tolerances
  double fd_step = 1e-6;          ///< relative step of the central-difference Jacobian (Newton and stability)
  double same_point = 1e-6;       ///< two solutions closer than this (max norm of x) are one branch
};

/// One solution (or failure) at one control point. When `converged` is false every value in
/// `values` is NaN and `status` says why: a failure is never returned as numbers.
struct BranchSolution {
  Control control;         ///< where it was solved
  std::string start;       ///< name of the start (or "warm start")
  std::string branch;      ///< label from the model's classify(); "none" if not converged
  Eigen::VectorXd x;       ///< solution (last iterate if not converged)
  OrderParameters values;  ///< m, q, energy, free energy, replicon (NaN if not converged)
  bool converged = false;  ///< x solves x = F(x) to the solver tolerance
  std::string status;      ///< "converged", "converged; <note>", or the reason of the failure
  int iterations = 0;      ///< damped iterations plus Newton steps
  double residual = Stability::nan;  ///< max|F(x) - x|
  Stability stability;               ///< eigenvalues of I - dF/dx (only if converged)
};

/// Solves the model at `c` from x0 (damped iteration then Newton; options.fixed_point.max_iterations
/// = 0 is pure Newton, which also finds unstable branches from a nearby start).
BranchSolution solve_branch(const OrderParameterModel& model, const Control& c, const Eigen::VectorXd& x0,
                            const std::string& start, const SolverOptions& options = {});

/// Every branch at `c`: one solve per model start, duplicates (same x) merged, failures kept.
std::vector<BranchSolution> find_branches(const OrderParameterModel& model, const Control& c,
                                          const SolverOptions& options = {});

/// The equilibrium state among `branches`: lowest finite free energy among the converged, locally
/// stable ones (nullptr if none).
const BranchSolution* thermodynamic_state(const std::vector<BranchSolution>& branches);

/// Start of the model named `name` at `c` (throws std::invalid_argument if the model has none).
Eigen::VectorXd model_start(const OrderParameterModel& model, const Control& c, const std::string& name);

}  // namespace hebbmc::analysis
