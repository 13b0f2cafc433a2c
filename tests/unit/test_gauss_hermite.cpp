// Gaussian expectations behind every RS equation (physics.md 5: "Expectations E over z ~ N(0,1)").
#include "analysis/numerics/gauss_hermite.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

using hebbmc::analysis::GaussHermite;
using hebbmc::analysis::tanh_averages;

namespace {

// Independent reference: adaptive Gauss-Kronrod on [-40, 40], cut at z0 + w {0, +-1, +-10, ...}
// around the step z0 = -h/b of tanh(beta(h + b z)) (w = 1/(beta b) its width), so that every
// panel is smooth on its own scale however sharp the step is.
template <class F>
double adaptive_gaussian_mean(F f, double z0, double w = 1.0) {
  using boost::math::quadrature::gauss_kronrod;
  auto integrand = [&](double z) { return f(z) * std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); };
  std::vector<double> cuts{-40.0, 40.0};
  for (double k : {0.0, 1.0, -1.0, 10.0, -10.0, 100.0, -100.0, 1e3, -1e3, 1e4, -1e4})
    if (std::abs(z0 + k * w) < 40.0) cuts.push_back(z0 + k * w);
  std::sort(cuts.begin(), cuts.end());
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i)
    sum += gauss_kronrod<double, 61>::integrate(integrand, cuts[i], cuts[i + 1], 8, 1e-13);
  return sum;
}

double double_factorial(int n) { return n <= 0 ? 1.0 : n * double_factorial(n - 2); }

double ln_cosh(double x) { return std::abs(x) - std::log(2.0) + std::log1p(std::exp(-2.0 * std::abs(x))); }

}  // namespace

// Exactness: an n-point Gauss rule integrates degree <= 2n - 1 exactly, so E z^2k = (2k-1)!! to
// rounding (relative 1e-12: ~100 positive terms, each with a relative error ~2k 1e-16 from the node).
// Up to z^120 this probes the tail weights (~1e-32), which must be accurate in relative terms.
TEST_CASE("Gauss-Hermite integrates Gaussian moments exactly") {
  const GaussHermite rule;
  CHECK(rule.order() == GaussHermite::kDefaultOrder);
  for (int k = 0; k <= 60; ++k) {
    const double even = rule.expect([&](double z) { return std::pow(z, 2 * k); });
    CHECK(even == doctest::Approx(double_factorial(2 * k - 1)).epsilon(1e-12));
    // Odd moments vanish by symmetry of the rule, up to rounding of the running sum, whose terms
    // are of the size of the neighbouring even moments.
    const double odd = rule.expect([&](double z) { return std::pow(z, 2 * k + 1); });
    CHECK(std::abs(odd) <= 1e-12 * double_factorial(2 * k + 1));
  }
  // A 5-point rule is exact to degree 9 and not beyond: E z^10 = 945 is missed.
  const GaussHermite five(5);
  CHECK(five.expect([](double z) { return std::pow(z, 8); }) == doctest::Approx(105.0).epsilon(1e-13));
  CHECK(five.expect([](double z) { return std::pow(z, 10); }) != doctest::Approx(945.0).epsilon(1e-3));
}

// E tanh(a + b z) from the raw rule vs adaptive quadrature for b <= 1 (tanh_averages uses the rule
// only for b <= 1/2). Tolerance 1e-12: the rule's error is ~1e-13 at b = 1, far less below.
TEST_CASE("Gauss-Hermite E tanh(a + b z) matches adaptive quadrature for b <= 1") {
  const GaussHermite rule;
  for (double a : {-2.0, 0.0, 0.3, 1.0, 5.0})
    for (double b : {0.1, 0.5, 1.0}) {
      const double gh = rule.expect([&](double z) { return std::tanh(a + b * z); });
      const double ref = adaptive_gaussian_mean([&](double z) { return std::tanh(a + b * z); }, -a / b);
      CAPTURE(a);
      CAPTURE(b);
      CHECK(std::abs(gh - ref) < 1e-12);
    }
}

// Why 101 nodes suffice: at the sharpest integrand the rule is given (b = 1/2, the switch of
// tanh_averages) the error falls geometrically with the order and is at rounding (< 1e-15) by
// n = 101; a sharp step (b = 10) would need far more nodes, which is why tanh_averages switches to
// the u = beta g substitution there.
TEST_CASE("Gauss-Hermite convergence with the order at the switch point") {
  const double a = 0.2, b = 0.5;
  const double ref = adaptive_gaussian_mean([&](double z) { return std::tanh(a + b * z); }, -a / b);
  double previous = 1.0;
  for (int n : {11, 21, 31, 41, 61}) {
    const double err = std::abs(GaussHermite(n).expect([&](double z) { return std::tanh(a + b * z); }) - ref);
    CAPTURE(n);
    CHECK(err <= std::max(previous, 1e-15));
    previous = err;
  }
  CHECK(std::abs(GaussHermite().expect([&](double z) { return std::tanh(a + b * z); }) - ref) < 1e-15);
  const double err_sharp =
      std::abs(GaussHermite().expect([&](double z) { return std::tanh(10.0 * z + 0.3); }) -
               adaptive_gaussian_mean([&](double z) { return std::tanh(10.0 * z + 0.3); }, -0.03));
  CHECK(err_sharp > 1e-6);  // the raw rule is not good enough for steps: the switch is needed
}

// tanh_averages over both of its regimes (beta b <= 1: Gauss-Hermite; beta b > 1: erf closed forms
// plus a trapezoid in u) vs adaptive quadrature. Absolute tolerance 1e-12 on E tanh and
// (1/beta) E ln cosh, relative 1e-10 on E sech^2 (it is O(1/(beta b)) when sharp); the measured
// agreement is ~10x better, the margin covers the reference's own 1e-13 tolerance.
TEST_CASE("tanh_averages matches adaptive quadrature at every sharpness") {
  const GaussHermite rule;
  for (double beta : {0.5, 1.0, 3.0, 30.0, 1e3})
    for (double h : {-0.7, 0.0, 0.05, 0.5, 1.2})
      for (double b : {0.0, 0.01, 0.2, 0.3, 1.0, 2.0}) {
        CAPTURE(beta);
        CAPTURE(h);
        CAPTURE(b);
        const auto avg = tanh_averages(rule, beta, h, b);
        const double z0 = b > 0 ? -h / b : 0.0;
        const auto mean = [&](auto f) {
          return b > 0 ? adaptive_gaussian_mean([&](double z) { return f(beta * (h + b * z)); }, z0, 1.0 / (beta * b))
                       : f(beta * h);
        };
        CHECK(std::abs(avg.tanh - mean([](double x) { return std::tanh(x); })) < 1e-12);
        const double sech2 = mean([](double x) { return 1.0 / (std::cosh(x) * std::cosh(x)); });
        CHECK(std::abs(avg.sech2 - sech2) <= 1e-10 * sech2 + 1e-300);
        CHECK(avg.beta_sech2 == doctest::Approx(beta * avg.sech2).epsilon(1e-15));
        CHECK(std::abs(avg.log_cosh - mean(ln_cosh) / beta) < 1e-12);
      }
}

// The beta = +inf branch is the limit: at beta = 1e7 the finite-beta averages (checked above
// against quadrature) differ from it by O(1/beta) (ln 2/beta for ln cosh, removed) or O(1/beta^2).
TEST_CASE("tanh_averages at beta = inf is the large-beta limit") {
  const GaussHermite rule;
  const double inf = std::numeric_limits<double>::infinity(), beta = 1e7;
  for (double h : {-0.4, 0.0, 0.2, 1.0})
    for (double b : {0.1, 0.5, 1.0}) {
      const auto t0 = tanh_averages(rule, inf, h, b);
      const auto tb = tanh_averages(rule, beta, h, b);
      CHECK(t0.tanh == doctest::Approx(tb.tanh).epsilon(1e-9));
      CHECK(t0.beta_sech2 == doctest::Approx(tb.beta_sech2).epsilon(1e-9));
      CHECK(t0.log_cosh == doctest::Approx(tb.log_cosh + std::log(2.0) / beta).epsilon(1e-9));
      CHECK(t0.sech2 == 0.0);
    }
  CHECK(tanh_averages(rule, inf, 0.3, 0.0).tanh == 1.0);
  CHECK(tanh_averages(rule, 0.0, 0.3, 1.0).tanh == 0.0);
}
