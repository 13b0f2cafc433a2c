// Damped iteration + Newton polish for x = F(x).
#include "analysis/numerics/fixed_point.hpp"

#include <cmath>

namespace hebbmc::analysis {
namespace {

// Infinity norm (0 for an empty vector).
double max_norm(const Eigen::VectorXd& v) { return v.size() == 0 ? 0.0 : v.cwiseAbs().maxCoeff(); }

// True if no entry is NaN or infinite.
bool finite(const Eigen::VectorXd& v) { return v.allFinite(); }

// Damped iteration until the residual is below switch_tolerance or the budget is spent.
// Returns false (with a status) only if F stops being finite.
bool damped_iteration(const FixedPointMap& F, FixedPointResult& r, const FixedPointOptions& o) {
  double damping = o.damping;
  Eigen::VectorXd g = F(r.x) - r.x;
  for (int it = 0; it < o.max_iterations; ++it) {
    if (!finite(g)) {
      r.status = "F not finite during the damped iteration";
      return false;
    }
    r.residual = max_norm(g);
    if (r.residual <= o.switch_tolerance) return true;
    const Eigen::VectorXd next = r.x + damping * g;
    const Eigen::VectorXd g_next = F(next) - next;
    ++r.iterations;
    // A correction that reverses direction and grows means overshoot (a Jacobian eigenvalue
    // below -1): damp harder. A growing residual along the same direction is a slow escape
    // (e.g. from the ghost of a vanished branch) and must not be damped.
    if (finite(g_next) && g_next.dot(g) < 0.0 && max_norm(g_next) > r.residual)
      damping = std::max(0.5 * damping, 1e-3);
    r.x = next;
    g = g_next;
  }
  r.residual = max_norm(g);
  return finite(g);
}

// Jacobian of G(x) = F(x) - x: analytic dF - I if given, else forward differences.
Eigen::MatrixXd jacobian(const FixedPointMap& F, const JacobianMap& dF, const Eigen::VectorXd& x,
                         const Eigen::VectorXd& g, double fd_step) {
  const Eigen::Index n = x.size();
  if (dF) return dF(x) - Eigen::MatrixXd::Identity(n, n);
  Eigen::MatrixXd J(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    Eigen::VectorXd xp = x;
    const double h = fd_step * std::max(1.0, std::abs(x(j)));
    xp(j) += h;
    J.col(j) = ((F(xp) - xp) - g) / h;
  }
  return J;
}

// Newton on G(x) = 0 with backtracking on max|G|.
void newton_polish(const FixedPointMap& F, const JacobianMap& dF, FixedPointResult& r, const FixedPointOptions& o) {
  Eigen::VectorXd g = F(r.x) - r.x;
  for (int step = 0; step < o.max_newton_steps; ++step) {
    r.residual = max_norm(g);
    const Eigen::MatrixXd J = jacobian(F, dF, r.x, g, o.fd_step);
    const Eigen::VectorXd dx = J.partialPivLu().solve(-g);
    if (!finite(dx) || !J.allFinite()) {
      r.status = "singular or non-finite Jacobian (critical point?)";
      return;
    }
    if (r.residual <= o.tolerance && max_norm(dx) <= o.step_tolerance) {
      r.converged = true;
      r.status = "converged";
      return;
    }
    double t = 1.0;
    Eigen::VectorXd x_new = r.x + dx, g_new = F(x_new) - x_new;
    while ((!finite(g_new) || max_norm(g_new) > r.residual) && t > 1e-6) {
      t *= 0.5;
      x_new = r.x + t * dx;
      g_new = F(x_new) - x_new;
    }
    ++r.iterations;
    if (!finite(g_new) || max_norm(g_new) > r.residual) {
      r.status = "Newton line search failed";
      return;
    }
    r.x = x_new;
    g = g_new;
  }
  r.status = "Newton did not converge within max_newton_steps";
}

}  // namespace

FixedPointResult solve_fixed_point(const FixedPointMap& F, const Eigen::VectorXd& x0,
                                   const FixedPointOptions& options, const JacobianMap& dF) {
  FixedPointResult r;
  r.x = x0;
  if (!finite(x0)) {
    r.status = "non-finite start";
    return r;
  }
  if (damped_iteration(F, r, options)) newton_polish(F, dF, r, options);
  return r;
}

}  // namespace hebbmc::analysis
