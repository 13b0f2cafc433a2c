// Replica-symmetric theory of the storage model (physics.md 5(a), 5(b)): the common result type and
// the dispatcher on the interaction order P.
#pragma once

#include "analysis/numerics/fixed_point.hpp"
#include "analysis/numerics/gauss_hermite.hpp"

#include <limits>
#include <string>

namespace hebbmc::analysis {

/// Outcome of one RS solve.
struct RSSolution {
  double m = 0;  ///< Mattis magnetization of the condensed pattern
  double q = 0;  ///< replica overlap (1 at beta = +inf)
  /// RS free energy per neuron f (docs/theory.md); at beta = +inf the ground-state energy.
  double free_energy = std::numeric_limits<double>::quiet_NaN();
  /// Internal energy per neuron u = d(beta f)/d(beta) = <H>/N, comparable with the MC `energy`.
  double energy = std::numeric_limits<double>::quiet_NaN();
  /// Susceptibility beta (1 - q) (C of AGS); finite at beta = +inf.
  double chi = std::numeric_limits<double>::quiet_NaN();
  bool converged = false;  ///< true iff (m, q) solves the equation to the solver tolerance
  int iterations = 0;      ///< damped iterations plus Newton steps
  double residual = std::numeric_limits<double>::quiet_NaN();  ///< max|F(x) - x| at the answer
  std::string equation;    ///< e.g. "physics.md 5(a)"
  std::string status;      ///< "converged" or the reason it is not
  std::string branch;      ///< "retrieval" (|m| > threshold), "spin glass" (q > threshold) or "paramagnetic"
};

/// Numerical settings shared by the RS solvers.
struct RSOptions {
  int gauss_hermite_order = GaussHermite::kDefaultOrder;  ///< nodes of the Gaussian rule
  FixedPointOptions solver;                               ///< iteration / Newton tolerances
  double branch_threshold = 1e-6;  ///< |m| (resp. q) above this counts as retrieval (resp. glassy)
};

/// RS for the storage model: P = 2 -> 5(a), P >= 4 -> 5(b). beta may be +infinity. alpha >= 0.
/// Start (m0, q0) selects the branch (m0 = 1 retrieval). Throws std::invalid_argument for odd P,
/// P < 2, alpha < 0, beta < 0 or NaN.
RSSolution solve_rs_storage(int P, double alpha, double beta, double m0 = 1.0, double q0 = 1.0,
                            const RSOptions& options = {});

/// Largest alpha at which a retrieval solution (started from m0 = 1, q0 = 1) exists and converges,
/// located by bisection to `tolerance`: the storage capacity alpha_c(T) of the RS theory
/// (physics.md 5(a): 0.138 at T = 0 and P = 2). NaN if there is no retrieval even at alpha = 0.
double rs_storage_capacity(int P, double beta, double tolerance = 1e-6, const RSOptions& options = {});

/// Branch label of a solution: "retrieval", "spin glass" or "paramagnetic".
std::string rs_branch(double m, double q, double threshold);

}  // namespace hebbmc::analysis
