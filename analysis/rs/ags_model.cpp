// AGS equations (physics.md 5(a)) in the variables (m, C), C = beta (1 - q) (docs/theory.md).
//
// Why C rather than q: at large beta, 1 - q ~ C / beta is tiny and r = q / (1 - C)^2 depends on it
// through C only; iterating C keeps the problem well conditioned for every beta and makes
// beta = +inf the same map (with the closed-form T = 0 averages of tanh_averages).
#include "analysis/rs/ags_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hebbmc::analysis {

AgsPoint AgsModel::point(double alpha, double beta, double m, double C) {
  const double q = std::isinf(beta) ? 1.0 : std::clamp(1.0 - C / beta, 0.0, 1.0);
  const double b = (alpha == 0.0 || q == 0.0) ? 0.0 : std::sqrt(alpha * q) / std::max(1.0 - C, 1e-12);
  return {m, C, q, alpha == 0.0 ? 0.0 : b * b / alpha, b};
}

double AgsModel::free_energy(double alpha, double beta, const AgsPoint& p, const TanhAverages& a) {
  double f = 0.5 * p.m * p.m - a.log_cosh;
  if (!std::isinf(beta)) f -= std::log(2.0) / beta;
  if (alpha == 0.0) return f;
  f += 0.5 * alpha * (1.0 - p.q / (1.0 - p.C) + p.r * p.C);
  if (!std::isinf(beta)) f += alpha / (2.0 * beta) * std::log(1.0 - p.C);  // NaN when C >= 1
  return f;
}

double AgsModel::energy(double alpha, const AgsPoint& p) {
  if (alpha == 0.0) return -0.5 * p.m * p.m;
  return -0.5 * p.m * p.m + 0.5 * alpha * (1.0 - 1.0 / (1.0 - p.C) - p.C * p.r);
}

Eigen::VectorXd AgsModel::map(const Eigen::VectorXd& x, const Control& c) const {
  // (m, C) -> (E tanh(beta g), beta E sech^2(beta g)), g = m + z sqrt(alpha r)
  const double beta = c.beta();
  const AgsPoint p = point(c["alpha"], beta, x(0), x(1));
  const TanhAverages a = tanh_averages(rule_, beta, p.m, p.b);
  return Eigen::Vector2d(a.tanh, a.beta_sech2);
}

VariableBounds AgsModel::bounds(const Control& c) const {
  const double beta = c.beta();
  return {Eigen::Vector2d(-1.0, 0.0), Eigen::Vector2d(1.0, std::isinf(beta) ? std::numeric_limits<double>::infinity() : beta)};
}

std::vector<BranchStart> AgsModel::starts(const Control& c) const {
  const double beta = c.beta();
  return {{"retrieval", Eigen::Vector2d(1.0, 0.0)},
          {"spin glass", Eigen::Vector2d(0.0, 0.0)},
          {"paramagnetic", Eigen::Vector2d(0.0, std::isinf(beta) ? 0.0 : beta)}};
}

OrderParameters AgsModel::evaluate(const Eigen::VectorXd& x, const Control& c) const {
  const double alpha = c["alpha"], beta = c.beta();
  const AgsPoint p = point(alpha, beta, x(0), x(1));
  const TanhAverages a = tanh_averages(rule_, beta, p.m, p.b);
  OrderParameters o;
  o.m = p.m;
  o.q = std::isinf(beta) ? 1.0 : 1.0 - a.sech2;
  // Replicon (AGS 1987): (1 - C)^2 - alpha beta^2 E sech^4(beta g) > 0 for RS stability.
  o.replicon = alpha == 0.0 ? 1.0 : (1.0 - p.C) * (1.0 - p.C) - alpha * beta2_sech4(rule_, beta, p.m, p.b);
  if (alpha > 0.0 && p.C >= 1.0) {
    o.note = "1 - beta(1-q) <= 0: unphysical, free energy undefined";
    o.replicon = OrderParameters::nan;
    return o;
  }
  o.free_energy = free_energy(alpha, beta, p, a);
  o.energy = energy(alpha, p);
  return o;
}

}  // namespace hebbmc::analysis
