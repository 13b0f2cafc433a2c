// Averages over the tilted (1RSB) measure of the inner Gaussian variable (docs/rsb.md, "Numerics"):
// for u = beta (a + s z), z ~ N(0,1), the weight cosh^theta(u) / E cosh^theta(u) (finite T), or
// for X = a + s z the weight exp(mu |X|) / E exp(mu |X|) (T = 0, closed forms).
#pragma once

#include "analysis/numerics/gauss_hermite.hpp"

#include <vector>

namespace hebbmc::analysis {

/// Finite-temperature inner averages of the 1RSB functional (docs/rsb.md, eq. R1).
struct TiltedAverages {
  double log_z = 0.0;     ///< ln E_z cosh^theta(u)
  double tanh = 0.0;      ///< <tanh u>
  double tanh2 = 0.0;     ///< <tanh^2 u>
  double log_cosh = 0.0;  ///< <ln cosh u>
};

/// <.> over z with weight cosh^theta(beta (a + s z)), theta in [0, 1], finite beta > 0, s >= 0.
/// Gauss-Hermite (`rule`) when beta s <= 1/2; otherwise the trapezoid rule with step 0.2 in u over
/// both tilted modes +-12 widths: the integrand is analytic in |Im u| < pi/2, so the error is
/// ~exp(-pi^2/0.2) (docs/rsb.md, "Numerics"). Log-domain throughout: no overflow for large beta s.
TiltedAverages tilted_averages(const GaussHermite& rule, double beta, double a, double s, double theta);

/// Zero-temperature inner averages (docs/rsb.md, eq. Z1).
struct ZeroTemperatureTilted {
  double log_z = 0.0;  ///< ln E_z exp(mu |X|)
  double sign = 0.0;   ///< <sign X>
  double abs = 0.0;    ///< <|X|>
};

/// <.> over z with weight exp(mu |X|), X = a + s z, mu >= 0, s > 0: closed forms with Phi and phi.
ZeroTemperatureTilted tilted_zero_temperature(double a, double s, double mu);

/// Quadrature nodes z_i and weights w_i (including the density) with sum_i w_i f(z_i) ~ E f(z),
/// z ~ N(0,1), for an f that is smooth except on the scale `width` around `z_star`: 10-point
/// Gauss-Legendre panels on |z| <= 12, of width 0.5 width at z_star growing by 1.5 per panel up to
/// 1 (docs/rsb.md, "Numerics"). z_star may lie outside [-12, 12].
struct QuadratureRule {
  std::vector<double> nodes;    ///< z_i
  std::vector<double> weights;  ///< w_i, summing to ~1
};
QuadratureRule graded_gaussian_rule(double z_star, double width);

/// ln Phi(x), Phi the standard normal distribution function, accurate for every x (continued
/// fraction of the Mills ratio below x = -5).
double log_normal_cdf(double x);

}  // namespace hebbmc::analysis
