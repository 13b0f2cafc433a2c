// Gaussian expectations for the replica-symmetric equations (physics.md section 5: "Expectations
// E over z ~ N(0,1) (Gauss-Hermite)").
#pragma once

#include <cstddef>
#include <vector>

namespace hebbmc::analysis {

/// Gauss-Hermite rule in the probabilists' normalisation: sum_i w_i f(x_i) ~ E f(z), z ~ N(0,1).
///
/// Exact for polynomials of degree <= 2n - 1. For f(z) = tanh(c + s z) the error falls like
/// exp(-const sqrt(n) / s) (tanh has poles at distance pi / (2 s) from the real axis): with the
/// default n = 101 it is 2e-16 at s = 1/2, 2e-13 at s = 1, 1e-7 at s = 2, 1e-2 at s = 10. So 101
/// is ample for s <= 1/2, the only regime where tanh_averages uses the rule; sharper integrands
/// (beta b > 1/2, i.e. every low-temperature point) go through a change of variables instead.
class GaussHermite {
public:
  static constexpr int kDefaultOrder = 101;

  /// Builds the n-point rule (Golub-Welsch eigenvalues of the Jacobi matrix of He_n, polished).
  explicit GaussHermite(int order = kDefaultOrder);

  /// E f(z) approximated by the rule.
  template <class F>
  double expect(F&& f) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < nodes_.size(); ++i) sum += weights_[i] * f(nodes_[i]);
    return sum;
  }

  /// Number of nodes.
  int order() const { return static_cast<int>(nodes_.size()); }
  /// Nodes x_i, ascending.
  const std::vector<double>& nodes() const { return nodes_; }
  /// Weights w_i, summing to 1.
  const std::vector<double>& weights() const { return weights_; }

private:
  std::vector<double> nodes_;
  std::vector<double> weights_;
};

/// Gaussian averages of the tanh family over g = h + b z, z ~ N(0,1), at inverse temperature beta.
struct TanhAverages {
  double tanh = 0.0;        ///< E tanh(beta g)                     (m in physics.md 5)
  double sech2 = 1.0;       ///< E sech^2(beta g) = 1 - E tanh^2    (1 - q, without cancellation)
  double beta_sech2 = 0.0;  ///< beta E sech^2(beta g) = beta (1 - q), finite at beta = +inf
  double log_cosh = 0.0;    ///< (1/beta) E ln cosh(beta g); E|g| at beta = +inf, 0 at beta = 0
};

/// E over z of the tanh family at g = h + b z (b >= 0, beta in [0, +inf]); accurate to ~1e-14
/// for every sharpness beta b: Gauss-Hermite when beta b <= 1/2, otherwise closed erf forms plus a
/// smooth remainder integrated by the trapezoid rule in u = beta g; beta = +inf is the exact limit.
TanhAverages tanh_averages(const GaussHermite& rule, double beta, double h, double b);

/// beta^2 E sech^4(beta g), g = h + b z: the average in the replicon (de Almeida-Thouless)
/// eigenvalue (docs/theory.md, "Stability"). Same quadrature split as tanh_averages; at
/// beta = +inf it is +inf when g has a density at 0 (b > 0 or h = 0) and 0 otherwise.
double beta2_sech4(const GaussHermite& rule, double beta, double h, double b);

}  // namespace hebbmc::analysis
