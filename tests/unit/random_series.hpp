#pragma once
// Reproducible random series for the statistics tests (test_accumulator.cpp, test_jackknife.cpp).
#include <cmath>
#include <cstdint>
#include <random>

namespace hebbmc::testing {

/// Standard normal deviates by Box-Muller on mt19937_64: identical on every platform.
class Gaussian {
 public:
  /// Stream from `seed`.
  explicit Gaussian(std::uint64_t seed) : engine_(seed) {}
  /// Next N(0, 1) deviate.
  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;  // [0, 1)
    const double u2 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log1p(-u1));
    const double angle = 2.0 * 3.141592653589793 * u2;
    spare_ = r * std::sin(angle);
    has_spare_ = true;
    return r * std::cos(angle);
  }
  /// A random sign, +1 or -1 with probability 1/2.
  double sign() { return (engine_() >> 63) ? 1.0 : -1.0; }

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

/// Stationary AR(1) chain x_t = phi x_{t-1} + sqrt(1 - phi^2) e_t: unit variance,
/// rho(t) = phi^t, so tau_int = 1/2 + sum_t phi^t = (1/2)(1 + phi)/(1 - phi) exactly.
class Ar1 {
 public:
  /// Chain with coefficient phi, started in its stationary law.
  Ar1(double phi, std::uint64_t seed) : phi_(phi), noise_(seed) { x_ = noise_(); }
  /// Next value.
  double operator()() {
    x_ = phi_ * x_ + std::sqrt(1.0 - phi_ * phi_) * noise_();
    return x_;
  }

 private:
  double phi_;
  Gaussian noise_;
  double x_;
};

/// Exact integrated autocorrelation time of Ar1(phi).
inline double exact_tau_ar1(double phi) { return 0.5 * (1.0 + phi) / (1.0 - phi); }

}  // namespace hebbmc::testing
