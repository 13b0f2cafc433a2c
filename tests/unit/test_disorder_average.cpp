// Specification of observables::disorder_average (formulas in disorder_average.hpp and
// docs/statistics.md, section 5).
#include "observables/disorder_average.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using hebbmc::observables::disorder_average;
using hebbmc::observables::DisorderAverage;
using hebbmc::observables::SampleEstimate;

namespace {

// Standard normal deviates by Box-Muller on mt19937_64: identical on every platform.
class Gaussian {
 public:
  explicit Gaussian(std::uint64_t seed) : engine_(seed) {}
  double operator()() {
    const double u1 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    const double u2 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    return std::sqrt(-2.0 * std::log1p(-u1)) * std::cos(2.0 * 3.141592653589793 * u2);
  }

 private:
  std::mt19937_64 engine_;
};

// Running mean and standard error of the mean of a statistic over repetitions.
struct Tally {
  double sum = 0.0, sum2 = 0.0;
  int n = 0;
  void add(double x) { sum += x, sum2 += x * x, ++n; }
  double mean() const { return sum / n; }
  double error() const { return std::sqrt((sum2 / n - mean() * mean()) / (n - 1)); }
};

// Synthetic experiment: a_s = mu + sigma_dis z_s + eps_s z'_s with known eps_s.
std::vector<SampleEstimate> synthetic(Gaussian& g, double mu, double sigma_dis,
                                      const std::vector<double>& eps) {
  std::vector<SampleEstimate> out;
  for (const double e : eps) out.push_back({mu + sigma_dis * g() + e * g(), e});
  return out;
}

}  // namespace

// Checks every output on a = {1, 2, 4}, eps = {0.1, 0.2, 0.2}, by hand:
// mean = 7/3; sum of squared deviations = 16/9 + 1/9 + 25/9 = 14/3;
// error = sqrt((14/3) / (3*2)) = sqrt(7)/3; error_thermal = sqrt(0.09)/3 = 0.1;
// error_samples = sqrt(7/9 - 0.01); sample_spread = sqrt(7/3);
// intrinsic_spread = sqrt(7/3 - 0.09/3). Tolerance 1e-14 relative: rounding only.
TEST_CASE("disorder average: hand-computed three-sample example") {
  const DisorderAverage d = disorder_average({{1.0, 0.1}, {2.0, 0.2}, {4.0, 0.2}});
  CHECK(d.samples == 3);
  CHECK(d.mean == doctest::Approx(7.0 / 3.0).epsilon(1e-14));
  CHECK(d.error == doctest::Approx(std::sqrt(7.0) / 3.0).epsilon(1e-14));
  CHECK(d.error_thermal == doctest::Approx(0.1).epsilon(1e-14));
  CHECK(d.error_samples == doctest::Approx(std::sqrt(7.0 / 9.0 - 0.01)).epsilon(1e-14));
  CHECK(d.sample_spread == doctest::Approx(std::sqrt(7.0 / 3.0)).epsilon(1e-14));
  CHECK(d.intrinsic_spread == doctest::Approx(std::sqrt(7.0 / 3.0 - 0.03)).epsilon(1e-14));
}

// Checks the S = 1 convention: error = error_thermal = eps_1; the sample-to-sample part
// cannot be estimated and is reported as 0, as are both spreads. S = 0 gives all zeros.
TEST_CASE("disorder average: one sample and no samples") {
  const DisorderAverage one = disorder_average({{3.5, 0.2}});
  CHECK(one.samples == 1);
  CHECK(one.mean == 3.5);
  CHECK(one.error == 0.2);
  CHECK(one.error_thermal == 0.2);
  CHECK(one.error_samples == 0.0);
  CHECK(one.sample_spread == 0.0);
  CHECK(one.intrinsic_spread == 0.0);

  const DisorderAverage none = disorder_average({});
  CHECK(none.samples == 0);
  CHECK(none.mean == 0.0);
  CHECK(none.error == 0.0);
  CHECK(none.error_thermal == 0.0);
}

// Checks: when the sample scatter is smaller than the thermal errors say it should be,
// error_samples is clipped to 0 rather than becoming NaN.
TEST_CASE("disorder average: scatter below thermal noise clips error_samples to 0") {
  const DisorderAverage d = disorder_average({{1.0, 1.0}, {1.1, 1.0}});
  CHECK(d.error_scatter == doctest::Approx(0.05).epsilon(1e-12));
  CHECK(d.error_thermal == doctest::Approx(std::sqrt(2.0) / 2.0).epsilon(1e-14));
  // The reported error is floored at the thermal part: two means that agree by chance
  // must not give an error bar below the Monte Carlo noise of each.
  CHECK(d.error == d.error_thermal);
  CHECK(d.error_samples == 0.0);
  CHECK(d.intrinsic_spread == 0.0);
}

// Checks that invalid per-sample input is refused.
TEST_CASE("disorder average: rejects NaN means and negative errors") {
  CHECK_THROWS_AS(disorder_average({{1.0, 0.1}, {std::nan(""), 0.1}}), std::invalid_argument);
  CHECK_THROWS_AS(disorder_average({{1.0, -0.1}}), std::invalid_argument);
  CHECK_THROWS_AS(disorder_average({{1.0, INFINITY}}), std::invalid_argument);
}

// Checks, over R = 4000 synthetic repetitions of S = 16 samples with sigma_dis = 2 and
// eps_s = 0.5 + 0.05 s (known), that the estimators recover their targets on average:
//   E[(mean - mu)^2]    = (sigma_dis^2 + <eps^2>) / S   (the total error is honest)
//   E[error^2]          = (sigma_dis^2 + <eps^2>) / S
//   E[error_samples^2]  = sigma_dis^2 / S               (clipping at 0 has probability
//                                                       ~1e-5 here, so no visible bias)
//   E[intrinsic_spread^2] = sigma_dis^2
// Each within 4 standard errors of the average over the R repetitions.
TEST_CASE("disorder average: sample-to-sample part recovered statistically") {
  const int repetitions = 4000, S = 16;
  const double mu = 0.7, sigma_dis = 2.0;
  std::vector<double> eps;
  double mean_eps2 = 0.0;
  for (int s = 0; s < S; ++s) {
    eps.push_back(0.5 + 0.05 * s);
    mean_eps2 += eps.back() * eps.back() / S;
  }
  const double total2 = (sigma_dis * sigma_dis + mean_eps2) / S;
  Gaussian g(424242);
  Tally deviation2, error2, samples2, intrinsic2;
  for (int r = 0; r < repetitions; ++r) {
    const DisorderAverage d = disorder_average(synthetic(g, mu, sigma_dis, eps));
    CHECK(d.error_thermal == doctest::Approx(std::sqrt(mean_eps2 / S)).epsilon(1e-12));
    deviation2.add((d.mean - mu) * (d.mean - mu));
    error2.add(d.error_scatter * d.error_scatter);
    samples2.add(d.error_samples * d.error_samples);
    intrinsic2.add(d.intrinsic_spread * d.intrinsic_spread);
  }
  CHECK(std::abs(deviation2.mean() - total2) <= 4.0 * deviation2.error());
  CHECK(std::abs(error2.mean() - total2) <= 4.0 * error2.error());
  CHECK(std::abs(samples2.mean() - sigma_dis * sigma_dis / S) <= 4.0 * samples2.error());
  CHECK(std::abs(intrinsic2.mean() - sigma_dis * sigma_dis) <= 4.0 * intrinsic2.error());
}

// Checks the thermal part alone: with no disorder (sigma_dis = 0) the scatter of the
// averages is pure Monte Carlo noise, so over R = 4000 repetitions
//   E[(mean - mu)^2 / error_thermal^2] = 1   and   E[error^2 - error_thermal^2] = 0
// (the total error then carries only thermal noise), each within 4 standard errors.
TEST_CASE("disorder average: thermal part recovered statistically") {
  const int repetitions = 4000;
  const double mu = -1.5;
  const std::vector<double> eps{0.1, 0.3, 0.2, 0.4, 0.1, 0.25, 0.15, 0.35};
  Gaussian g(777);
  Tally pull2, excess;
  for (int r = 0; r < repetitions; ++r) {
    const DisorderAverage d = disorder_average(synthetic(g, mu, 0.0, eps));
    pull2.add((d.mean - mu) * (d.mean - mu) / (d.error_thermal * d.error_thermal));
    excess.add((d.error_scatter * d.error_scatter - d.error_thermal * d.error_thermal) /
               (d.error_thermal * d.error_thermal));
    CHECK(d.error >= d.error_thermal);
  }
  CHECK(std::abs(pull2.mean() - 1.0) <= 4.0 * pull2.error());
  CHECK(std::abs(excess.mean()) <= 4.0 * excess.error());
}
