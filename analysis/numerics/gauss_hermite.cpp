// Gauss-Hermite rule and the Gaussian tanh averages of physics.md section 5.
#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/numerics/special_functions.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace hebbmc::analysis {

namespace {

// Orthonormal Hermite polynomials p_k = He_k / sqrt(k!) at x: returns {p_n(x), p_{n-1}(x)}.
// The normalisation keeps the recurrence finite for n ~ 100 and |x| ~ 20.
std::pair<double, double> orthonormal_hermite(int n, double x) {
  double previous = 0.0, current = 1.0;  // p_{-1}, p_0
  for (int k = 0; k < n; ++k) {
    const double next = (x * current - std::sqrt(static_cast<double>(k)) * previous) / std::sqrt(k + 1.0);
    previous = current;
    current = next;
  }
  return {current, previous};
}

}  // namespace

GaussHermite::GaussHermite(int order) {
  if (order < 1) throw std::invalid_argument("GaussHermite: order must be >= 1");
  // Golub-Welsch: the monic He_k obey He_{k+1} = x He_k - k He_{k-1}, so the Jacobi matrix has a
  // zero diagonal and off-diagonal sqrt(k); the nodes are its eigenvalues.
  const Eigen::Index n = order;
  Eigen::VectorXd diag = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd sub(std::max<Eigen::Index>(n - 1, 0));
  for (Eigen::Index k = 1; k < n; ++k) sub(k - 1) = std::sqrt(static_cast<double>(k));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver;
  solver.computeFromTridiagonal(diag, sub, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw std::runtime_error("GaussHermite: eigensolver failed");
  // The eigenvector weights are only accurate to ~1e-16 absolute, useless for the tail weights
  // (~1e-32 at n = 101) that high moments need. So: two Newton steps on p_n (p_n' = sqrt(n) p_{n-1})
  // polish the nodes, and the Christoffel formula w = 1 / (n p_{n-1}(x)^2) gives every weight to
  // full relative precision. Symmetrising makes odd moments vanish exactly.
  nodes_.resize(order);
  weights_.resize(order);
  for (int i = 0; i < order; ++i) {
    double x = solver.eigenvalues()(i);
    for (int step = 0; step < 2; ++step) {
      const auto [pn, pn1] = orthonormal_hermite(order, x);
      x -= pn / (std::sqrt(static_cast<double>(order)) * pn1);
    }
    nodes_[i] = x;
    const double pn1 = orthonormal_hermite(order, x).second;
    weights_[i] = 1.0 / (order * pn1 * pn1);
  }
  for (int i = 0; i < order / 2; ++i) {
    const int j = order - 1 - i;
    const double x = 0.5 * (nodes_[j] - nodes_[i]), w = 0.5 * (weights_[i] + weights_[j]);
    nodes_[i] = -x;
    nodes_[j] = x;
    weights_[i] = weights_[j] = w;
  }
  if (order % 2 == 1) nodes_[order / 2] = 0.0;
}

namespace {

using std::numbers::pi;
using std::numbers::ln2;

// erf(kappa u) is the smooth stand-in for tanh(u); kappa = 1 / (sqrt(pi) ln 2) makes its
// antiderivative tend to |u| - ln 2, like ln cosh u, so every remainder below decays as e^{-2|u|}.
constexpr double kKappa = std::numbers::inv_sqrtpi / ln2;
// Trapezoid rule on |u| <= kHalfWidth: every remainder is analytic in |Im u| < pi/2, so the error
// is ~ exp(-pi^2 / kStep) ~ 1e-17 (plus e^{-2 kHalfWidth} ~ 1e-17 from truncation).
constexpr double kStep = 0.2;
constexpr double kHalfWidth = 20.0;
// Largest sharpness s = beta b given to Gauss-Hermite: its error for tanh(c + s z) is 2e-13 at
// s = 1 and at rounding level at s = 1/2 (tests/unit/test_gauss_hermite.cpp).
constexpr double kSmoothLimit = 0.5;

// Antiderivative of erf(kappa u) vanishing at 0.
double erf_primitive(double u) {
  return u * std::erf(kKappa * u) + std::expm1(-kKappa * kKappa * u * u) * std::numbers::inv_sqrtpi / kKappa;
}

// Averages of tanh(x), sech^2(x), ln cosh(x), x = c + s z, at sharpness s > kSmoothLimit:
// substitute u = c + s z, so the Gaussian density phi((u - c)/s)/s is the smooth factor, tanh the
// sharp one.
TanhAverages sharp_averages(double c, double s) {
  // Closed forms for X ~ N(c, s^2): E erf(kX) = erf(kc/v), E exp(-k^2 X^2) = exp(-k^2c^2/v^2)/v,
  // with v = sqrt(1 + 2 k^2 s^2); E[X erf(kX)] follows by Stein's lemma.
  const double k = kKappa;
  const double v = std::sqrt(1.0 + 2.0 * k * k * s * s);
  const double erf_mean = std::erf(k * c / v);
  const double gauss_mean = std::exp(-k * k * c * c / (v * v)) / v;
  const double primitive_mean = c * erf_mean + s * s * k * 2.0 * std::numbers::inv_sqrtpi * gauss_mean +
                                (gauss_mean - 1.0) * std::numbers::inv_sqrtpi / k;
  double tanh_rest = 0.0, sech2 = 0.0, logcosh_rest = 0.0;
  const int half = static_cast<int>(kHalfWidth / kStep);
  for (int j = -half; j <= half; ++j) {
    const double u = j * kStep;
    const double t = (u - c) / s;
    const double density = std::exp(-0.5 * t * t) * std::numbers::inv_sqrtpi / std::numbers::sqrt2 / s;
    const double ch = std::cosh(std::min(std::abs(u), 350.0));
    tanh_rest += density * (std::tanh(u) - std::erf(k * u));
    sech2 += density / (ch * ch);
    logcosh_rest += density * (log_cosh(u) - erf_primitive(u));
  }
  TanhAverages a;
  a.tanh = erf_mean + kStep * tanh_rest;
  a.sech2 = kStep * sech2;
  a.log_cosh = primitive_mean + kStep * logcosh_rest;  // E ln cosh(X), rescaled by the caller
  return a;
}

// Same averages at sharpness s <= kSmoothLimit, where the integrand is smooth on the rule's scale.
TanhAverages smooth_averages(const GaussHermite& rule, double c, double s) {
  TanhAverages a;
  a.tanh = rule.expect([&](double z) { return std::tanh(c + s * z); });
  a.sech2 = rule.expect([&](double z) {
    const double ch = std::cosh(std::min(std::abs(c + s * z), 350.0));
    return 1.0 / (ch * ch);
  });
  a.log_cosh = rule.expect([&](double z) { return log_cosh(c + s * z); });
  return a;
}

// beta = +inf: tanh -> sign, beta sech^2(beta g) -> 2 delta(g), (1/beta) ln cosh(beta g) -> |g|.
TanhAverages zero_temperature_averages(double h, double b) {
  TanhAverages a;
  a.sech2 = 0.0;
  if (b == 0.0) {
    a.tanh = (h > 0) - (h < 0);
    a.sech2 = h == 0.0 ? 1.0 : 0.0;
    a.beta_sech2 = h == 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
    a.log_cosh = std::abs(h);
    return a;
  }
  const double y = h / (b * std::numbers::sqrt2);
  const double gauss = std::sqrt(2.0 / pi) * std::exp(-y * y);
  a.tanh = std::erf(y);
  a.beta_sech2 = gauss / b;
  a.log_cosh = b * gauss + h * std::erf(y);
  return a;
}

}  // namespace

TanhAverages tanh_averages(const GaussHermite& rule, double beta, double h, double b) {
  if (!(beta >= 0.0) || !(b >= 0.0) || !std::isfinite(h))
    throw std::invalid_argument("tanh_averages: need beta >= 0, b >= 0, finite h");
  if (beta == 0.0) return TanhAverages{};
  if (std::isinf(beta)) return zero_temperature_averages(h, b);
  const double c = beta * h, s = beta * b;
  TanhAverages a = s > kSmoothLimit ? sharp_averages(c, s) : smooth_averages(rule, c, s);
  a.sech2 = std::clamp(a.sech2, 0.0, 1.0);  // rounding of sum w_i = 1 must not give q < 0
  a.beta_sech2 = beta * a.sech2;
  a.log_cosh /= beta;
  return a;
}

double beta2_sech4(const GaussHermite& rule, double beta, double h, double b) {
  if (!(beta >= 0.0) || !(b >= 0.0) || !std::isfinite(h))
    throw std::invalid_argument("beta2_sech4: need beta >= 0, b >= 0, finite h");
  if (std::isinf(beta)) return (b > 0.0 || h == 0.0) ? std::numeric_limits<double>::infinity() : 0.0;
  const double c = beta * h, s = beta * b;
  const auto sech4 = [](double u) {
    const double ch = std::cosh(std::min(std::abs(u), 170.0));
    return 1.0 / (ch * ch * ch * ch);
  };
  double mean = 0.0;
  if (s <= kSmoothLimit) {
    mean = rule.expect([&](double z) { return sech4(c + s * z); });
  } else {  // u = c + s z: the Gaussian density is the smooth factor (sech^4 is analytic in |Im u| < pi/2)
    const int half = static_cast<int>(kHalfWidth / kStep);
    for (int j = -half; j <= half; ++j) {
      const double u = j * kStep, t = (u - c) / s;
      mean += kStep * std::exp(-0.5 * t * t) * std::numbers::inv_sqrtpi / std::numbers::sqrt2 / s * sech4(u);
    }
  }
  return beta * beta * mean;
}

}  // namespace hebbmc::analysis
