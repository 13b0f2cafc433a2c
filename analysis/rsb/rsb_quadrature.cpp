// Tilted inner averages of the one-step RSB functional (docs/rsb.md, "Numerics").
#include "analysis/rsb/rsb_quadrature.hpp"
#include "analysis/numerics/special_functions.hpp"

#include <boost/math/quadrature/gauss.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace hebbmc::analysis {

namespace {

// ln(e^x + e^y) without overflow.
double log_add(double x, double y) {
  const double hi = std::max(x, y), lo = std::min(x, y);
  return hi + std::log1p(std::exp(lo - hi));
}

constexpr double kStep = 0.2;      // trapezoid step in u (error ~ exp(-pi^2 / kStep))
constexpr double kWidths = 12.0;   // Gaussian widths kept on each side of the tilted modes
constexpr double kSmooth = 0.5;    // beta s below which Gauss-Hermite is at rounding level

// Accumulates weighted sums in the log domain: weights exp(l_i - max).
struct LogSums {
  std::vector<double> l, u;
  TiltedAverages finish(double log_norm) const {
    const double top = *std::max_element(l.begin(), l.end());
    double z = 0, t = 0, t2 = 0, lc = 0;
    for (std::size_t i = 0; i < l.size(); ++i) {
      const double w = std::exp(l[i] - top), th = std::tanh(u[i]);
      z += w;
      t += w * th;
      t2 += w * th * th;
      lc += w * log_cosh(u[i]);
    }
    return {top + std::log(z) + log_norm, t / z, t2 / z, lc / z};
  }
};

}  // namespace

TiltedAverages tilted_averages(const GaussHermite& rule, double beta, double a, double s, double theta) {
  if (!(beta > 0.0) || std::isinf(beta) || !(s >= 0.0) || !(theta >= 0.0 && theta <= 1.0) || !std::isfinite(a))
    throw std::invalid_argument("tilted_averages: need finite beta > 0, s >= 0, theta in [0, 1], finite a");
  const double c = beta * a, sigma = beta * s;
  if (sigma == 0.0) return {theta * log_cosh(c), std::tanh(c), std::tanh(c) * std::tanh(c), log_cosh(c)};
  LogSums sums;
  if (sigma <= kSmooth) {
    for (int i = 0; i < rule.order(); ++i) {
      const double u = c + sigma * rule.nodes()[i];
      sums.u.push_back(u);
      sums.l.push_back(std::log(rule.weights()[i]) + theta * log_cosh(u));
    }
    return sums.finish(0.0);
  }
  // u ~ N(c, sigma^2) tilted by cosh^theta(u) has modes near c +- theta sigma^2.
  const double lo = c - theta * sigma * sigma - kWidths * sigma, hi = c + theta * sigma * sigma + kWidths * sigma;
  const long first = static_cast<long>(std::floor(lo / kStep)), last = static_cast<long>(std::ceil(hi / kStep));
  for (long j = first; j <= last; ++j) {
    const double u = j * kStep, t = (u - c) / sigma;
    sums.u.push_back(u);
    sums.l.push_back(-0.5 * t * t + theta * log_cosh(u));
  }
  // Density of u: exp(-t^2/2) / (sigma sqrt(2 pi)), times the step.
  return sums.finish(std::log(kStep / (sigma * std::sqrt(2.0 * std::numbers::pi))));
}

QuadratureRule graded_gaussian_rule(double z_star, double width) {
  constexpr double kHalf = 12.0, kMaxPanel = 1.0, kGrowth = 1.5;
  std::vector<double> cuts{-kHalf, kHalf};
  if (width > 0.0 && z_star > -kHalf - kMaxPanel && z_star < kHalf + kMaxPanel) {
    double w = std::min(0.5 * width, kMaxPanel);
    if (z_star > -kHalf && z_star < kHalf) cuts.push_back(z_star);
    for (double up = z_star, down = z_star; up < kHalf || down > -kHalf; w = std::min(kGrowth * w, kMaxPanel)) {
      up += w;
      down -= w;
      if (up > -kHalf && up < kHalf) cuts.push_back(up);
      if (down > -kHalf && down < kHalf) cuts.push_back(down);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  QuadratureRule rule;
  using GL = boost::math::quadrature::gauss<double, 10>;
  const auto& x = GL::abscissa();
  const auto& wt = GL::weights();
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    const int pieces = static_cast<int>(std::ceil((cuts[k + 1] - cuts[k]) / kMaxPanel - 1e-12));
    const double len = (cuts[k + 1] - cuts[k]) / std::max(pieces, 1);
    for (int p = 0; p < pieces; ++p) {
      const double mid = cuts[k] + (p + 0.5) * len, half = 0.5 * len;
      // Boost stores the non-negative abscissae of the symmetric rule (0 first for odd orders).
      for (std::size_t i = 0; i < x.size(); ++i)
        for (double sgn : {1.0, -1.0}) {
          if (x[i] == 0.0 && sgn < 0) continue;
          const double z = mid + sgn * half * x[i];
          rule.nodes.push_back(z);
          rule.weights.push_back(half * wt[i] * std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi));
        }
    }
  }
  return rule;
}

double log_normal_cdf(double x) {
  if (x > -5.0) return std::log(0.5 * std::erfc(-x / std::numbers::sqrt2));
  // Phi(x) = phi(x) R(-x), R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...)))) (Laplace), converged for t >= 5.
  const double t = -x;
  double r = t;
  for (int k = 80; k >= 1; --k) r = t + k / r;
  return -0.5 * x * x - 0.5 * std::log(2.0 * std::numbers::pi) - std::log(r);
}

ZeroTemperatureTilted tilted_zero_temperature(double a, double s, double mu) {
  if (!(s > 0.0) || !(mu >= 0.0) || !std::isfinite(a))
    throw std::invalid_argument("tilted_zero_temperature: need s > 0, mu >= 0, finite a");
  // A+ = E[e^{mu X}; X > 0] = exp(mu a + mu^2 s^2 / 2) Phi((a + mu s^2)/s), A- likewise with a -> -a.
  const double log_plus = mu * a + 0.5 * mu * mu * s * s + log_normal_cdf((a + mu * s * s) / s);
  const double log_minus = -mu * a + 0.5 * mu * mu * s * s + log_normal_cdf((-a + mu * s * s) / s);
  ZeroTemperatureTilted out;
  out.log_z = log_add(log_plus, log_minus);
  const double p_plus = std::exp(log_plus - out.log_z), p_minus = std::exp(log_minus - out.log_z);
  out.sign = p_plus - p_minus;
  // d A+/d mu = (a + mu s^2) A+ + s phi(a/s), d A-/d mu = (-a + mu s^2) A- + s phi(a/s).
  const double log_phi = -0.5 * (a / s) * (a / s) - 0.5 * std::log(2.0 * std::numbers::pi);
  out.abs = (a + mu * s * s) * p_plus + (-a + mu * s * s) * p_minus + 2.0 * s * std::exp(log_phi - out.log_z);
  return out;
}

}  // namespace hebbmc::analysis
