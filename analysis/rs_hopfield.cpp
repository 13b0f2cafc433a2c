// AGS equations (physics.md 5(a)), solved in the variables x = (m, C), C = beta (1 - q).
//
// Why C rather than q: at large beta, 1 - q ~ C / beta is tiny and r = q / (1 - C)^2 depends on it
// through C only; iterating C keeps the problem well conditioned for every beta and makes
// beta = +inf the same map (with the closed-form T = 0 averages of tanh_averages).
#include "analysis/rs_hopfield.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {
namespace {

// The AGS order parameters at one iterate.
struct AgsPoint {
  double m, C, q, r, b;  // b = sqrt(alpha r): width of the Gaussian noise in g
};

// (m, C) -> the AGS quantities, with q = 1 - C / beta clamped to [0, 1] (iterates may leave it).
// sqrt(r) = sqrt(q) / (1 - C) keeps its sign only for C < 1, the physical side (1 - C is the
// inverse susceptibility factor); for C >= 1 the noise is taken as (nearly) infinite, the C -> 1-
// limit, which removes the spurious mirror root C = s / (s - 1) that r = q / (1 - C)^2 would admit.
AgsPoint ags_point(double alpha, double beta, double m, double C) {
  const double q = std::isinf(beta) ? 1.0 : std::clamp(1.0 - C / beta, 0.0, 1.0);
  const double b = (alpha == 0.0 || q == 0.0) ? 0.0 : std::sqrt(alpha * q) / std::max(1.0 - C, 1e-12);
  return {m, C, q, alpha == 0.0 ? 0.0 : b * b / alpha, b};
}

// AGS free energy per neuron (docs/theory.md, eq. F-AGS) at a stationary point.
double ags_free_energy(double alpha, double beta, const AgsPoint& p, const TanhAverages& a) {
  double f = 0.5 * p.m * p.m - a.log_cosh;
  if (!std::isinf(beta)) f -= std::log(2.0) / beta;
  if (alpha == 0.0) return f;
  f += 0.5 * alpha * (1.0 - p.q / (1.0 - p.C) + p.r * p.C);
  if (!std::isinf(beta)) f += alpha / (2.0 * beta) * std::log(1.0 - p.C);  // NaN when C >= 1
  return f;
}

// Internal energy u = d(beta f)/d(beta) (docs/theory.md, eq. U-AGS).
double ags_energy(double alpha, const AgsPoint& p) {
  if (alpha == 0.0) return -0.5 * p.m * p.m;
  return -0.5 * p.m * p.m + 0.5 * alpha * (1.0 - 1.0 / (1.0 - p.C) - p.C * p.r);
}

// Packs a solver result into an RSSolution with q, chi, branch, free energy and energy.
RSSolution ags_solution(double alpha, double beta, const FixedPointResult& fp, const GaussHermite& rule,
                        const RSOptions& options) {
  RSSolution s;
  const double C_iter = fp.x.size() > 1 ? fp.x(1) : 0.0;
  const AgsPoint p0 = ags_point(alpha, beta, fp.x(0), C_iter);
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
  s.free_energy = ags_free_energy(alpha, beta, p, a);
  s.energy = ags_energy(alpha, p);
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
      const AgsPoint p = ags_point(alpha, beta, x(0), x(1));
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
