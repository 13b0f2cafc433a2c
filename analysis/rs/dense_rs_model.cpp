// Dense-storage RS equations (physics.md 5(b)). The non-condensed patterns are a Gaussian field
// with covariance N xi(q), xi(q) = alpha q^P / P! (physics.md 5(f)), so the P-spin-glass RS
// functional applies, plus the Mattis term; see docs/theory.md for f and u.
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/numerics/special_functions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {

DenseRSModel::DenseRSModel(int P, const GaussHermite& rule) : P_(P), rule_(rule) {
  if (P < 4 || P % 2 != 0) throw std::invalid_argument("DenseRSModel: P must be even and >= 4");
}

DenseField DenseRSModel::field(int P, double alpha, double m, double q) {
  const double fact = factorial(P - 1);
  return {std::pow(m, P - 1) / fact, std::sqrt(alpha * std::pow(std::clamp(q, 0.0, 1.0), P - 1) / fact)};
}

// f = (P-1) m^P/P! - (1/beta) E ln 2cosh(beta g) - (beta/2)[xi(1) - xi(q) - (1-q) xi'(q)],
// with beta (1-q)^2 written as chi (1-q) so the last term has no cancellation and a beta = inf limit.
double DenseRSModel::free_energy(int P, double alpha, double beta, double m, double q, double chi,
                                 const TanhAverages& a) {
  double bracket = 0.0;  // [xi(1) - xi(q) - (1-q) xi'(q)] / (alpha (1-q)^2 / P!) = sum (k+1) q^k
  for (int k = 0; k <= P - 2; ++k) bracket += (k + 1) * std::pow(q, k);
  double f = (P - 1) * std::pow(m, P) / factorial(P) - a.log_cosh -
             0.5 * alpha / factorial(P) * chi * (1.0 - q) * bracket;
  if (!std::isinf(beta)) f -= std::log(2.0) / beta;
  return f;
}

double DenseRSModel::energy(int P, double alpha, double m, double q, double chi) {
  double geometric = 0.0;  // (1 - q^P) / (1 - q)
  for (int j = 0; j < P; ++j) geometric += std::pow(q, j);
  return -std::pow(m, P) / factorial(P) - alpha / factorial(P) * chi * geometric;
}

Eigen::VectorXd DenseRSModel::map(const Eigen::VectorXd& x, const Control& c) const {
  // (m, q) -> (E tanh(beta g), 1 - E sech^2(beta g)); at beta = inf, q = 1 stays fixed.
  const double beta = c.beta();
  const DenseField g = field(P_, c["alpha"], x(0), std::isinf(beta) ? 1.0 : x(1));
  const TanhAverages a = tanh_averages(rule_, beta, g.h, g.b);
  return Eigen::Vector2d(a.tanh, std::isinf(beta) ? 1.0 : 1.0 - a.sech2);
}

VariableBounds DenseRSModel::bounds(const Control&) const {
  return {Eigen::Vector2d(-1.0, 0.0), Eigen::Vector2d(1.0, 1.0)};
}

std::vector<BranchStart> DenseRSModel::starts(const Control&) const {
  return {{"retrieval", Eigen::Vector2d(1.0, 1.0)},
          {"spin glass", Eigen::Vector2d(0.0, 1.0)},
          {"paramagnetic", Eigen::Vector2d(0.0, 0.0)}};
}

OrderParameters DenseRSModel::evaluate(const Eigen::VectorXd& x, const Control& c) const {
  const double alpha = c["alpha"], beta = c.beta();
  const double q = std::isinf(beta) ? 1.0 : std::clamp(x(1), 0.0, 1.0);
  const DenseField g = field(P_, alpha, x(0), q);
  const TanhAverages a = tanh_averages(rule_, beta, g.h, g.b);
  OrderParameters o;
  o.m = x(0);
  o.q = q;
  o.free_energy = free_energy(P_, alpha, beta, o.m, q, a.beta_sech2, a);
  o.energy = energy(P_, alpha, o.m, q, a.beta_sech2);
  // Replicon of the P-spin RS functional: 1 - beta^2 xi''(q) E sech^4(beta g), xi'' = alpha q^(P-2)/(P-2)!.
  const double xi2 = alpha * std::pow(q, P_ - 2) / factorial(P_ - 2);
  o.replicon = xi2 == 0.0 ? 1.0 : 1.0 - xi2 * beta2_sech4(rule_, beta, g.h, g.b);
  return o;
}

}  // namespace hebbmc::analysis
