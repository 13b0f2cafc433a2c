// Generic solver for x = F(x), x in R^n: the engine behind every RS equation (physics.md 5).
#pragma once

#include <Eigen/Dense>

#include <functional>
#include <string>

namespace hebbmc::analysis {

/// The map whose fixed point is sought.
using FixedPointMap = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
/// Analytic Jacobian dF/dx of a FixedPointMap; an empty function means finite differences.
using JacobianMap = std::function<Eigen::MatrixXd(const Eigen::VectorXd&)>;

/// Tolerances and budgets of solve_fixed_point.
struct FixedPointOptions {
  double damping = 0.5;            ///< x <- (1 - damping) x + damping F(x); halved when the residual grows
  int max_iterations = 5000;       ///< budget of the damped iteration
  double switch_tolerance = 1e-9;  ///< residual at which the iteration hands over to Newton
  double tolerance = 1e-12;        ///< converged: max|F(x) - x| below this ...
  double step_tolerance = 1e-9;    ///< ... and the last Newton step below this (guards critical slowing)
  int max_newton_steps = 50;       ///< budget of the Newton polish
  double fd_step = 1e-7;           ///< relative step of the finite-difference Jacobian
};

/// Outcome of solve_fixed_point; `converged` is false whenever `x` is not a verified fixed point.
struct FixedPointResult {
  Eigen::VectorXd x;            ///< last iterate
  bool converged = false;       ///< residual <= tolerance and Newton step <= step_tolerance
  int iterations = 0;           ///< damped iterations plus Newton steps
  double residual = 0.0;        ///< max|F(x) - x| at x
  std::string status;           ///< "converged" or the reason for failure
};

/// Damped fixed-point iteration from x0, then Newton on G(x) = F(x) - x (analytic Jacobian dF if
/// given, else forward differences; PartialPivLU, backtracking). The iteration selects the basin
/// (branch); Newton makes the answer exact and also finishes near bifurcations, where the iteration
/// slows down. max_iterations = 0 is pure Newton from x0 (warm starts, unstable branches).
FixedPointResult solve_fixed_point(const FixedPointMap& F, const Eigen::VectorXd& x0,
                                   const FixedPointOptions& options = {}, const JacobianMap& dF = {});

}  // namespace hebbmc::analysis
