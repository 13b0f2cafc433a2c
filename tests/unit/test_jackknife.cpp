// Specification of observables::Jackknife, the disorder average of derived quantities, and the
// run-length warning (docs/statistics.md, sections 6-8).
#include "observables/jackknife.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "observables/accumulator.hpp"
#include "observables/disorder_average.hpp"
#include "observables/run_length.hpp"

#include "random_series.hpp"

using namespace hebbmc::observables;

namespace {

constexpr double pi = 3.141592653589793;

using hebbmc::testing::Ar1;
using hebbmc::testing::Gaussian;

// Records |x|, x^2, x^4 of one value.
void add_moments(Jackknife& jk, double x) {
  std::array<double, 3> row{};
  moments(x, row);
  jk.add(row);
}

double mean_of(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }

double std_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double s = 0.0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / double(v.size() - 1));
}

double rms_of(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x * x;
  return std::sqrt(s / double(v.size()));
}

const DerivedQuantity first_mean = [](std::span<const double> mu) { return mu[0]; };

}  // namespace

// Checks the binning scheme: with max_bins = 64, after n measurements there are
// floor(n / L) complete bins of L = 2^j measurements, between 32 and 63 once n >= 64; the
// means are those of the first bins * L measurements. Exact (integers and sums of integers).
TEST_CASE("jackknife bins: 32..63 bins of a power-of-two length, memory independent of n") {
  Jackknife jk(1);
  std::int64_t first_bad = 0;  // checked after every add; one assertion, the first failure named
  for (std::int64_t n = 1; n <= 100000; ++n) {
    const double x = static_cast<double>(n % 17);
    jk.add(std::span<const double>(&x, 1));
    const std::int64_t L = jk.bin_length(), bins = jk.bins();
    const bool ok = (L & (L - 1)) == 0 && bins == n / L && bins < 64 && (n < 64 || bins >= 32) && jk.count() == n;
    if (!ok && first_bad == 0) first_bad = n;
  }
  CHECK(first_bad == 0);
  // The first bins * L values of n % 17, summed exactly.
  const std::int64_t used = jk.bins() * jk.bin_length();
  double used_sum = 0.0;
  for (std::int64_t n = 1; n <= used; ++n) used_sum += static_cast<double>(n % 17);
  CHECK(jk.means()[0] == used_sum / static_cast<double>(used));
  CHECK(jk.state().size() < 6 + 1 + 1 + 64);  // O(bins), not O(n)
}

// Checks the identity behind the method: for a linear f (the mean of one series) the jackknife
// error is exactly the standard error of the bin means, sqrt(var(bin means) / n_b), computed
// here independently from the raw data. Tolerance 1e-12 relative: rounding only.
TEST_CASE("for the mean itself the jackknife error is the binned standard error") {
  Ar1 chain(0.7, 11);
  std::vector<double> data(10000);
  for (double& x : data) x = chain();
  Jackknife jk(1);
  for (double x : data) jk.add(std::span<const double>(&x, 1));
  const JackknifeEstimate e = jk.estimate(first_mean);
  const auto nb = static_cast<std::size_t>(e.bins), L = static_cast<std::size_t>(e.bin_length);
  REQUIRE(nb == 10000 / L);
  std::vector<double> bin_means(nb, 0.0);
  for (std::size_t b = 0; b < nb; ++b) {
    for (std::size_t i = 0; i < L; ++i) bin_means[b] += data[b * L + i];
    bin_means[b] /= static_cast<double>(L);
  }
  const double standard_error = std_of(bin_means) / std::sqrt(static_cast<double>(nb));
  CHECK(e.value == doctest::Approx(mean_of(bin_means)).epsilon(1e-12));
  CHECK(e.error == doctest::Approx(standard_error).epsilon(1e-12));
  CHECK(e.bias_corrected == doctest::Approx(e.value).epsilon(1e-12));  // no bias for a linear f
}

// Checks U = 1 - <x^4>/(3<x^2>^2) = 0 for i.i.d. Gaussians (<x^4> = 3 sigma^4), n = 2^20:
// |U| within 4 jackknife errors (a 4-sigma band: fails by chance with probability 6e-5). The
// bias of U is O(1/n) ~ 1e-6, far below the error (~1.6e-3).
TEST_CASE("Binder cumulant of Gaussian data is 0 within its jackknife error") {
  Gaussian gauss(2718);
  Jackknife jk(3);
  for (int i = 0; i < (1 << 20); ++i) add_moments(jk, 1.7 * gauss());
  const JackknifeEstimate U = jk.estimate(binder_of_moments());
  CAPTURE(U.value);
  CAPTURE(U.error);
  CHECK(U.error > 0.0);
  CHECK(std::abs(U.value) <= 4.0 * U.error);
  CHECK(std::abs(U.bias_corrected) <= 4.0 * U.error);
}

// Checks U = 2/3 for x = +-1 (an ordered state with random sign): x^2 = x^4 = 1 identically,
// so U = 2/3 to rounding and its error is exactly 0. Then x = +-(1 + eps g) with Gaussian g,
// eps = 0.1, where U = 1 - (1 + 6 eps^2 + 3 eps^4) / (3 (1 + eps^2)^2) exactly: within 4 errors.
TEST_CASE("Binder cumulant of +-1 is 2/3") {
  Gaussian gauss(3141);
  Jackknife sharp(3), smeared(3);
  const double eps = 0.1;
  for (int i = 0; i < (1 << 18); ++i) {
    const double s = gauss.sign();
    add_moments(sharp, s);
    add_moments(smeared, s * (1.0 + eps * gauss()));
  }
  const JackknifeEstimate U = sharp.estimate(binder_of_moments());
  CHECK(U.value == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(U.error == 0.0);
  const double e2 = eps * eps;
  const double exact = 1.0 - (1.0 + 6.0 * e2 + 3.0 * e2 * e2) / (3.0 * (1.0 + e2) * (1.0 + e2));
  const JackknifeEstimate V = smeared.estimate(binder_of_moments());
  CAPTURE(V.value);
  CAPTURE(V.error);
  CHECK(std::abs(V.value - exact) <= 4.0 * V.error);
}

// Checks chi = N (<x^2> - <|x|>^2) = N sigma^2 (1 - 2/pi) for Gaussians (<|x|> = sigma
// sqrt(2/pi)), N = 1000, n = 2^18: within 4 jackknife errors.
TEST_CASE("susceptibility of Gaussian data") {
  Gaussian gauss(1618);
  Jackknife jk(3);
  const double sigma = 0.05, N = 1000.0;
  for (int i = 0; i < (1 << 18); ++i) add_moments(jk, sigma * gauss());
  const JackknifeEstimate chi = jk.estimate(susceptibility_of_moments(N));
  const double exact = N * sigma * sigma * (1.0 - 2.0 / pi);
  CAPTURE(chi.value);
  CAPTURE(chi.error);
  CHECK(std::abs(chi.value - exact) <= 4.0 * chi.error);
}

// Checks that the error bar is honest on correlated data: over R = 300 independent AR(1)
// chains (phi = 0.5, tau_int = 1.5, n = 2^13, bins of 256 >> tau), the rms of the jackknife
// errors of U must match the standard deviation of U over the chains within 16%: the sample
// standard deviation of 300 values has a relative sigma of 1/sqrt(2 * 299) = 4.1%, the rms of
// 300 jackknife errors about 0.6%; 16% is 4 sigma. The mean of U must be 0 within 4 sigma.
TEST_CASE("jackknife error of U matches the spread over independent repetitions") {
  const int repetitions = 300;
  std::vector<double> values, errors;
  for (int r = 0; r < repetitions; ++r) {
    Ar1 chain(0.5, 5000 + static_cast<std::uint64_t>(r));
    Jackknife jk(3);
    for (int i = 0; i < (1 << 13); ++i) add_moments(jk, chain());
    const JackknifeEstimate U = jk.estimate(binder_of_moments());
    values.push_back(U.value);
    errors.push_back(U.error);
  }
  const double spread = std_of(values), rms = rms_of(errors);
  CAPTURE(spread);
  CAPTURE(rms);
  CHECK(std::abs(rms / spread - 1.0) <= 0.16);
  CHECK(std::abs(mean_of(values)) <= 4.0 * spread / std::sqrt(double(repetitions)));
}

// Checks the checkpoint contract: a jackknife rebuilt from state() and fed the same data
// gives bit-identical estimates to one never stopped (at a point before and after a merge).
TEST_CASE("state()/from_state round trip continues bit-identically") {
  for (const int stop : {0, 37, 64, 1000}) {
    Gaussian a(99), b(99);
    Jackknife whole(3);
    Jackknife first(3);
    for (int i = 0; i < stop; ++i) {
      add_moments(whole, a());
      add_moments(first, b());
    }
    Jackknife resumed = Jackknife::from_state(first.state());
    for (int i = stop; i < 3000; ++i) {
      add_moments(whole, a());
      add_moments(resumed, b());
    }
    CAPTURE(stop);
    CHECK(whole.state() == resumed.state());
    const JackknifeEstimate x = whole.estimate(binder_of_moments()), y = resumed.estimate(binder_of_moments());
    CHECK(x.value == y.value);
    CHECK(x.error == y.error);
  }
}

// Checks that every corruption of a state is refused rather than silently continued.
TEST_CASE("from_state rejects malformed states") {
  Jackknife jk(2, 8);
  for (int i = 0; i < 21; ++i) {
    const std::array<double, 2> row{double(i), double(i * i)};
    jk.add(row);
  }
  const std::vector<double> good = jk.state();
  CHECK_NOTHROW(Jackknife::from_state(good));
  CHECK_THROWS_AS(Jackknife::from_state({}), std::invalid_argument);
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::vector<double> bad = good;
    bad[i] = i < 6 || i == 8 ? bad[i] + 1.0 : std::nan("");  // a count off by one, or a NaN sum
    CAPTURE(i);
    CHECK_THROWS_AS(Jackknife::from_state(bad), std::invalid_argument);
  }
  std::vector<double> longer = good;
  longer.push_back(0.0);
  CHECK_THROWS_AS(Jackknife::from_state(longer), std::invalid_argument);
}

// Checks the documented edge cases and argument errors.
TEST_CASE("jackknife edge cases") {
  Jackknife jk(3);
  CHECK(std::isnan(jk.estimate(binder_of_moments()).value));
  add_moments(jk, 0.5);
  const JackknifeEstimate one = jk.estimate(binder_of_moments());
  CHECK(one.value == doctest::Approx(2.0 / 3.0));  // the unfinished bin: one value
  CHECK(one.bins == 1);
  CHECK(std::isnan(one.error));
  const std::array<double, 2> wrong{1.0, 2.0};
  CHECK_THROWS_AS(jk.add(wrong), std::invalid_argument);
  const std::array<double, 3> infinite{1.0, INFINITY, 0.0};
  CHECK_THROWS_AS(jk.add(infinite), std::domain_error);
  CHECK_THROWS_AS(Jackknife(0), std::invalid_argument);
  CHECK_THROWS_AS(Jackknife(1, 7), std::invalid_argument);
  CHECK_THROWS_AS(sample_estimates({one}), std::invalid_argument);
}

// Checks that for a linear f the disorder jackknife reduces exactly to disorder_average of the
// per-sample jackknife estimates: error_scatter (leave one sample out = standard error of the
// sample means), error_thermal (sqrt(sum eps_s^2)/S), error and error_samples. Tolerance 1e-12.
TEST_CASE("disorder jackknife of a linear quantity is disorder_average") {
  std::vector<Jackknife> samples;
  std::vector<JackknifeEstimate> per_sample;
  for (int s = 0; s < 6; ++s) {
    Ar1 chain(0.8, 700 + static_cast<std::uint64_t>(s));
    Jackknife jk(1);
    const double offset = 0.3 * s;  // disorder: each sample its own thermal mean
    for (int i = 0; i < 5000; ++i) {
      const double x = offset + chain();
      jk.add(std::span<const double>(&x, 1));
    }
    per_sample.push_back(jk.estimate(first_mean));
    samples.push_back(jk);
  }
  const DisorderJackknife d = disorder_jackknife(samples, first_mean);
  const DisorderAverage a = disorder_average(sample_estimates(per_sample));
  CHECK(d.samples == 6);
  CHECK(d.value == doctest::Approx(a.mean).epsilon(1e-12));
  CHECK(d.error_scatter == doctest::Approx(a.error_scatter).epsilon(1e-12));
  CHECK(d.error_thermal == doctest::Approx(a.error_thermal).epsilon(1e-12));
  CHECK(d.error == doctest::Approx(a.error).epsilon(1e-12));
  CHECK(d.error_samples == doctest::Approx(a.error_samples).epsilon(1e-12));
  // One sample: no disorder part, the error is the thermal one.
  const DisorderJackknife one = disorder_jackknife({samples[2]}, first_mean);
  CHECK(one.error == doctest::Approx(per_sample[2].error).epsilon(1e-12));
  CHECK(one.error_samples == 0.0);
}

// Checks the disorder average of U = 1 - [<x^4>] / (3 [<x^2>]^2) with real disorder: each of
// S = 8 samples has Gaussian x of its own width sigma_s = exp(0.3 g_s), so U < 0 and varies
// from one draw of the samples to the next. Over R = 200 repetitions, the ratio of the rms of
// the reported error to the standard deviation of U must lie in [0.83, 1.33]: the std of 200
// values has a relative sigma of 5%, and each error from only 8 samples scatters by ~50%, 3.5%
// in the rms of 200, together 6.2%; the jackknife variance of a nonlinear statistic is biased
// upwards (Efron-Stein), by about 8% here (measured over 1800 repetitions at S = 8, 16, 32),
// so the band is 1.08 +- 4 sigma. The sample-to-sample part must dominate here.
TEST_CASE("disorder jackknife of U matches the spread over independent disorder draws") {
  const int repetitions = 200, S = 8;
  std::vector<double> values, errors;
  int samples_dominate = 0;
  for (int r = 0; r < repetitions; ++r) {
    Gaussian gauss(90000 + static_cast<std::uint64_t>(r));
    std::vector<Jackknife> samples;
    for (int s = 0; s < S; ++s) {
      const double sigma = std::exp(0.3 * gauss());
      Jackknife jk(3);
      for (int i = 0; i < 4096; ++i) add_moments(jk, sigma * gauss());
      samples.push_back(jk);
    }
    const DisorderJackknife d = disorder_jackknife(samples, binder_of_moments());
    values.push_back(d.value);
    errors.push_back(d.error);
    samples_dominate += d.error_samples > d.error_thermal;
  }
  const double spread = std_of(values), rms = rms_of(errors);
  CAPTURE(spread);
  CAPTURE(rms);
  CHECK(rms / spread >= 0.83);
  CHECK(rms / spread <= 1.33);
  CHECK(samples_dominate >= 0.9 * repetitions);
}

// Checks the warning rule: quiet for a long run with a plateau, a warning when
// n < 50 tau_int (stated in the message), and a warning when there is no plateau (tau_int
// is then only a lower bound).
TEST_CASE("run-length warning below 50 tau_int or without a plateau") {
  {
    Ar1 chain(0.5, 21);
    Accumulator acc;
    for (int i = 0; i < (1 << 16); ++i) acc.add(chain());
    const RunLengthCheck c = check_run_length(acc.analysis(), acc.count(), "m");
    CHECK_FALSE(c.warn);
    CHECK_FALSE(c.too_short);
    CHECK(c.message.empty());
    CHECK(c.taus > 1000.0);
  }
  {
    Ar1 chain(0.99, 22);  // tau_int = 99.5, n = 4096 = 41 tau_int: no plateau
    Accumulator acc;
    for (int i = 0; i < 4096; ++i) acc.add(chain());
    const RunLengthCheck c = check_run_length(acc.analysis(), acc.count(), "q");
    CHECK(c.warn);
    CHECK(c.tau_is_lower_bound);
    CHECK(c.message.find("q: 4096 measurements, no binning plateau") == 0);
  }
  BinningAnalysis a;
  a.plateau_found = true;
  a.tau_int = 100.0;
  a.tau_int_error = 5.0;
  const RunLengthCheck c = check_run_length(a, 2000, "energy");
  CHECK(c.too_short);
  CHECK(c.warn);
  CHECK(c.taus == doctest::Approx(20.0));
  CHECK(c.message.find("only 20.0 tau_int") != std::string::npos);
  CHECK_FALSE(check_run_length(a, 5000, "energy").too_short);  // exactly 50 tau_int is enough
  CHECK(check_run_length(a, 0, "energy").too_short);
}
