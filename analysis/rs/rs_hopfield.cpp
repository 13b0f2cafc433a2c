// AGS equations (physics.md 5(a)), solved in the variables x = (m, C), C = beta (1 - q); the
// equations themselves live in ags_model.cpp (shared with the phase-diagram workbench).
#include "analysis/rs/rs_hopfield.hpp"

#include "analysis/rs/ags_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {
namespace {

// Packs a solver result into an RSSolution with q, chi, branch, free energy and energy.
RSSolution ags_solution(double alpha, double beta, const FixedPointResult& fp, const GaussHermite& rule,
                        const RSOptions& options) {
  RSSolution s;
  const double C_iter = fp.x.size() > 1 ? fp.x(1) : 0.0;
  const AgsPoint p0 = AgsModel::point(alpha, beta, fp.x(0), C_iter);
  const TanhAverages a = tanh_averages(rule, beta, p0.m, p0.b);
  // At alpha = 0 C is not iterated: take it (and q) from the averages at the solution.
  const AgsPoint p = alpha == 0.0 ? AgsPoint{p0.m, a.beta_sech2, 1.0 - a.sech2, 0.0, 0.0} : p0;
  s.m = p.m;
  s.q = std::isinf(beta) ? 1.0 : 1.0 - a.sech2;
  s.chi = p.C;
  s.converged = fp.converged;
  s.iterations = fp.iterations;
  s.residual = fp.residual;
  s.equation = alpha == 0.0 ? "physics.md 5(a) at alpha = 0 (Curie-Weiss)" : "physics.md 5(a) (AGS)";
  s.status = fp.status;
  s.branch = rs_branch(s.m, s.q, options.branch_threshold);
  if (alpha > 0.0 && p.C >= 1.0) {
    s.status += "; 1 - beta(1-q) <= 0: unphysical, free energy undefined";
    return s;
  }
  s.free_energy = AgsModel::free_energy(alpha, beta, p, a);
  s.energy = AgsModel::energy(alpha, p);
  return s;
}

}  // namespace

RSSolution solve_rs_hopfield(double alpha, double beta, double m0, double q0, const RSOptions& options) {
  if (!(alpha >= 0.0) || !(beta >= 0.0) || !std::isfinite(alpha))
    throw std::invalid_argument("solve_rs_hopfield: need alpha >= 0 finite and beta >= 0");
  const GaussHermite rule(options.gauss_hermite_order);
  FixedPointMap F;
  Eigen::VectorXd x0;
  if (alpha == 0.0) {  // Curie-Weiss: m = tanh(beta m)
    F = [&](const Eigen::VectorXd& x) {
      return Eigen::VectorXd::Constant(1, tanh_averages(rule, beta, x(0), 0.0).tanh);
    };
    x0 = Eigen::VectorXd::Constant(1, m0);
  } else {  // (m, C) -> (E tanh(beta g), beta E sech^2(beta g)), g = m + z sqrt(alpha r)
    F = [&](const Eigen::VectorXd& x) {
      const AgsPoint p = AgsModel::point(alpha, beta, x(0), x(1));
      const TanhAverages a = tanh_averages(rule, beta, p.m, p.b);
      Eigen::VectorXd next(2);
      next << a.tanh, a.beta_sech2;
      return next;
    };
    const double C0 = std::isinf(beta) ? 0.0 : beta * (1.0 - std::clamp(q0, 0.0, 1.0));
    x0 = Eigen::Vector2d(m0, C0);
  }
  const FixedPointResult fp = solve_fixed_point(F, x0, options.solver);
  return ags_solution(alpha, beta, fp, rule, options);
}

}  // namespace hebbmc::analysis
