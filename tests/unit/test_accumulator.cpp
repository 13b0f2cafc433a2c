// Specification of observables::Accumulator (docs/statistics.md): binning error bars,
// tau_int, plateau detection, edge cases and bit-identical checkpoint round trips.
#include "observables/accumulator.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "random_series.hpp"

using hebbmc::observables::Accumulator;
using hebbmc::observables::BinningAnalysis;

namespace {

using hebbmc::testing::Ar1;
using hebbmc::testing::exact_tau_ar1;
using hebbmc::testing::Gaussian;

// Relative standard deviation of an error estimate from n_b bins (docs/statistics.md eq. 5).
double delta_of(std::int64_t bins) { return 1.0 / std::sqrt(2.0 * static_cast<double>(bins - 1)); }

// True if every field of two analyses is bit-identical.
bool identical(const BinningAnalysis& a, const BinningAnalysis& b) {
  return a.mean == b.mean && a.error == b.error && a.naive_error == b.naive_error &&
         a.tau_int == b.tau_int && a.tau_int_error == b.tau_int_error &&
         a.plateau_found == b.plateau_found && a.plateau_level == b.plateau_level &&
         a.error_per_level == b.error_per_level && a.bins_per_level == b.bins_per_level;
}

}  // namespace

// Checks: the per-level estimator sqrt(var(bin means)/n_b) on data 1..8, computed by hand.
// Level 0: var = 6, err = sqrt(6/8); level 1: bins 1.5, 3.5, 5.5, 7.5, var = 20/3,
// err = sqrt(5/3); level 2: bins 2.5, 6.5, var = 8, err = 2; level 3 has 1 bin (omitted).
// Tolerance 1e-14 relative: only rounding separates the code from exact arithmetic.
TEST_CASE("binning levels reproduce a hand-computed example") {
  Accumulator acc;
  for (int i = 1; i <= 8; ++i) acc.add(i);
  const BinningAnalysis a = acc.analysis();
  CHECK(acc.count() == 8);
  CHECK(a.mean == doctest::Approx(4.5).epsilon(1e-14));
  CHECK(a.naive_error == doctest::Approx(std::sqrt(0.75)).epsilon(1e-14));
  REQUIRE(a.error_per_level.size() == 3);
  CHECK(a.error_per_level[0] == doctest::Approx(std::sqrt(0.75)).epsilon(1e-14));
  CHECK(a.error_per_level[1] == doctest::Approx(std::sqrt(5.0 / 3.0)).epsilon(1e-14));
  CHECK(a.error_per_level[2] == doctest::Approx(2.0).epsilon(1e-14));
  CHECK(a.bins_per_level == std::vector<std::int64_t>{8, 4, 2});
  // No level has min_bins = 32 bins: fall back to level 0, flagged as no plateau.
  CHECK_FALSE(a.plateau_found);
  CHECK(a.plateau_level == 0);
  CHECK(a.error == a.naive_error);
  CHECK(a.tau_int == doctest::Approx(0.5).epsilon(1e-14));
}

// Checks the documented outputs for 0, 1 and 2 measurements and for a constant series:
// all finite, no NaN. Exact comparisons: these are defined values, not estimates.
TEST_CASE("edge cases: zero, one, two measurements and a constant series") {
  SUBCASE("zero measurements: everything 0, tau_int = 1/2, no levels") {
    const BinningAnalysis a = Accumulator().analysis();
    CHECK(Accumulator().count() == 0);
    CHECK(a.mean == 0.0);
    CHECK(a.error == 0.0);
    CHECK(a.naive_error == 0.0);
    CHECK(a.tau_int == 0.5);
    CHECK(a.tau_int_error == 0.0);
    CHECK_FALSE(a.plateau_found);
    CHECK(a.plateau_level == 0);
    CHECK(a.error_per_level.empty());
  }
  SUBCASE("one measurement: mean = x, errors 0, tau_int = 1/2") {
    Accumulator acc;
    acc.add(-3.25);
    const BinningAnalysis a = acc.analysis();
    CHECK(a.mean == -3.25);
    CHECK(a.error == 0.0);
    CHECK(a.naive_error == 0.0);
    CHECK(a.tau_int == 0.5);
    CHECK(a.tau_int_error == 0.0);
    CHECK_FALSE(a.plateau_found);
    CHECK(a.error_per_level.empty());
  }
  SUBCASE("two measurements: error = naive = |a-b|/2, tau_int = 1/2 +- 1/sqrt(2)") {
    Accumulator acc;
    acc.add(1.0);
    acc.add(4.0);
    const BinningAnalysis a = acc.analysis();
    CHECK(a.mean == 2.5);
    CHECK(a.naive_error == doctest::Approx(1.5).epsilon(1e-15));
    CHECK(a.error == a.naive_error);
    CHECK(a.tau_int == doctest::Approx(0.5).epsilon(1e-15));
    // tau_int_error = 2 delta tau with delta = 1/sqrt(2 (2 - 1)).
    CHECK(a.tau_int_error == doctest::Approx(1.0 / std::sqrt(2.0)).epsilon(1e-15));
    CHECK_FALSE(a.plateau_found);
    CHECK(a.error_per_level.size() == 1);
  }
  SUBCASE("constant series: error 0, tau_int = 1/2 (not 0/0)") {
    Accumulator acc;
    for (int i = 0; i < 1000; ++i) acc.add(0.75);
    const BinningAnalysis a = acc.analysis();
    CHECK(a.mean == 0.75);
    CHECK(a.error == 0.0);
    CHECK(a.naive_error == 0.0);
    CHECK(a.tau_int == 0.5);
    CHECK(a.tau_int_error == 0.0);
    CHECK_FALSE(a.plateau_found);
  }
}

// Checks that a NaN or infinite measurement is refused loudly instead of poisoning the run.
TEST_CASE("non-finite measurements are rejected") {
  Accumulator acc;
  CHECK_THROWS_AS(acc.add(std::nan("")), std::domain_error);
  CHECK_THROWS_AS(acc.add(INFINITY), std::domain_error);
  CHECK(acc.count() == 0);
}

// Checks: i.i.d. Gaussian data (mu = 1.3, sigma = 2.5, n = 2^20).
// - mean within 4 error bars of mu (fails with probability 6e-5 for a correct error);
// - tau_int within 4 tau_int_error of 1/2;
// - error and naive_error within 4 sigma of sigma/sqrt(n), where the relative sigma of an
//   error estimate from n_b bins is 1/sqrt(2(n_b - 1)) (chi-square spread of a variance).
TEST_CASE("i.i.d. Gaussian data: unbiased mean, tau_int = 1/2, error = sigma/sqrt(n)") {
  const double mu = 1.3, sigma = 2.5;
  const std::int64_t n = 1 << 20;
  Gaussian gauss(20240611);
  Accumulator acc;
  for (std::int64_t i = 0; i < n; ++i) acc.add(mu + sigma * gauss());
  const BinningAnalysis a = acc.analysis();
  const double exact_error = sigma / std::sqrt(static_cast<double>(n));
  CAPTURE(a.tau_int);
  CAPTURE(a.tau_int_error);
  CAPTURE(a.plateau_level);
  CHECK(a.plateau_found);
  CHECK(std::abs(a.mean - mu) <= 4.0 * a.error);
  CHECK(std::abs(a.tau_int - 0.5) <= 4.0 * a.tau_int_error);
  CHECK(std::abs(a.error / exact_error - 1.0) <=
        4.0 * delta_of(a.bins_per_level[static_cast<std::size_t>(a.plateau_level)]));
  CHECK(std::abs(a.naive_error / exact_error - 1.0) <= 4.0 * delta_of(n));
}

// Checks: on AR(1) chains of n = 2^20 points the plateau is found and tau_int matches the
// exact (1/2)(1+phi)/(1-phi) within 3 of its stated errors. 3 rather than 1: a single
// chain misses by more than 1 sigma a third of the time; by construction the estimate is
// also biased low by about 0.3 sigma (docs/statistics.md, section 3), see the calibration
// test below. The mean (exactly 0) must lie within 4 error bars.
TEST_CASE("AR(1) chains: tau_int recovered within its stated error") {
  const std::int64_t n = 1 << 20;
  const struct {
    double phi;
    std::uint64_t seed;
  } cases[] = {{0.5, 57}, {0.9, 97}, {0.98, 105}};
  for (const auto& [phi, seed] : cases) {
    Ar1 chain(phi, seed);
    Accumulator acc;
    for (std::int64_t i = 0; i < n; ++i) acc.add(chain());
    const BinningAnalysis a = acc.analysis();
    CAPTURE(phi);
    CAPTURE(a.tau_int);
    CAPTURE(a.tau_int_error);
    CAPTURE(a.plateau_level);
    CHECK(a.plateau_found);
    CHECK(std::abs(a.tau_int - exact_tau_ar1(phi)) <= 3.0 * a.tau_int_error);
    CHECK(std::abs(a.mean) <= 4.0 * a.error);
    // The error bar is sqrt(2 tau_int) times the naive one (the convention of tau_int).
    CHECK(a.error == doctest::Approx(a.naive_error * std::sqrt(2.0 * a.tau_int)).epsilon(1e-12));
  }
}

// Checks tau_int against the exact AR(1) value (1/2)(1+phi)/(1-phi) = 1.5, 9.5, 99.5 for
// phi = 0.5, 0.9, 0.99, on one chain of n = 2^22 per phi (>= 42000 tau_int, so the plateau
// level has >= 64 bins even for phi = 0.99). Tolerance: 3 stated standard deviations
// tau_int_error = 2 delta tau_int. A single chain misses by more than 1 sigma a third of the
// time and the estimate is biased low by ~0.3 sigma by design (docs/statistics.md, section 3),
// so 1 sigma would make the test depend on the seed; 3 sigma fails by chance < 1% of seeds
// and still catches a wrong tau convention (a factor 2) or a missed plateau (factor >= 1.5).
// The measured values are printed (MESSAGE) for docs/statistics.md.
TEST_CASE("AR(1) with phi = 0.5, 0.9, 0.99: tau_int = (1/2)(1+phi)/(1-phi) within 3 stated errors") {
  const std::int64_t n = std::int64_t(1) << 22;
  const struct {
    double phi;
    std::uint64_t seed;
  } cases[] = {{0.5, 1501}, {0.9, 1901}, {0.99, 1991}};
  for (const auto& [phi, seed] : cases) {
    Ar1 chain(phi, seed);
    Accumulator acc;
    for (std::int64_t i = 0; i < n; ++i) acc.add(chain());
    const BinningAnalysis a = acc.analysis();
    const double exact = exact_tau_ar1(phi);
    MESSAGE("AR(1) phi = " << phi << ": exact tau_int " << exact << ", measured " << a.tau_int << " +- "
                           << a.tau_int_error << " (plateau level " << a.plateau_level << ", "
                           << a.bins_per_level[static_cast<std::size_t>(a.plateau_level)] << " bins)");
    CAPTURE(phi);
    CHECK(a.plateau_found);
    CHECK(a.tau_int_error > 0.0);
    CHECK(a.tau_int_error < 0.15 * exact);  // the stated error is informative, not a blanket
    CHECK(std::abs(a.tau_int - exact) <= 3.0 * a.tau_int_error);
  }
}

// Checks that the stated error bars are honest, not just that one run is close: over
// R = 400 independent AR(1) chains (phi = 0.9, n = 2^15) the fraction with
// |mean - 0| <= error and the fraction with |tau_int - 9.5| <= tau_int_error must both be
// consistent with the Gaussian 68.3%, within 4 binomial sigma (sqrt(.683*.317/400) = 2.3%).
// The plateau must be found in at least 95% of the chains (its level needs ~64 bins here).
TEST_CASE("AR(1) calibration: error bars cover the truth 68% of the time") {
  const int repetitions = 400;
  const double phi = 0.9, tau = exact_tau_ar1(phi);
  int mean_covered = 0, tau_covered = 0, found = 0;
  for (int r = 0; r < repetitions; ++r) {
    Ar1 chain(phi, 1000 + static_cast<std::uint64_t>(r));
    Accumulator acc;
    for (int i = 0; i < (1 << 15); ++i) acc.add(chain());
    const BinningAnalysis a = acc.analysis();
    mean_covered += std::abs(a.mean) <= a.error;
    tau_covered += std::abs(a.tau_int - tau) <= a.tau_int_error;
    found += a.plateau_found;
  }
  const double p = 0.6827, tolerance = 4.0 * std::sqrt(p * (1.0 - p) / repetitions);
  CHECK(std::abs(mean_covered / double(repetitions) - p) <= tolerance);
  CHECK(std::abs(tau_covered / double(repetitions) - p) <= tolerance);
  CHECK(found >= 0.95 * repetitions);
}

// Checks that a run far too short for its correlation time is flagged: phi = 0.98
// (tau_int = 49.5) with n = 2^12 needs bins of ~500 measurements, leaving < 32 bins. The
// analysis must then report plateau_found = false and fall back to the last level with
// >= 32 bins (level 7: 4096 / 128 = 32 bins).
TEST_CASE("too-short run: no plateau, last usable level") {
  Ar1 chain(0.98, 99);
  Accumulator acc;
  for (int i = 0; i < (1 << 12); ++i) acc.add(chain());
  const BinningAnalysis a = acc.analysis();
  CHECK_FALSE(a.plateau_found);
  CHECK(a.plateau_level == 7);
  CHECK(a.bins_per_level[7] == 32);
  CHECK(a.error == a.error_per_level[7]);
}

// Checks numerical stability: mean 1e8 with unit noise (an energy ~ -N with O(sqrt N)
// fluctuations). A naive sum-of-squares variance loses all digits here (1e16 * eps ~ 1);
// the error must agree with the same noise without offset to 1e-6 relative.
TEST_CASE("large offset does not destroy the variance") {
  Gaussian g1(5), g2(5);
  Accumulator shifted, plain;
  for (int i = 0; i < 100000; ++i) {
    shifted.add(1e8 + g1());
    plain.add(g2());
  }
  CHECK(shifted.naive_error() == doctest::Approx(plain.naive_error()).epsilon(1e-6));
  CHECK(shifted.analysis().error == doctest::Approx(plain.analysis().error).epsilon(1e-6));
  // The inputs themselves are rounded to ulp(1e8) = 1.5e-8, so the means can only agree
  // to ~1e-7; 1e-6 is still 1/3000 of the error bar sigma/sqrt(n) = 3e-3.
  CHECK(std::abs((shifted.mean() - 1e8) - plain.mean()) <= 1e-6);
}

// Checks the checkpoint contract: stop after an odd number of measurements (partial bins
// pending at many levels), restore from state(), continue with the same data: the analysis
// must be bit-identical (exact ==) to that of an accumulator that never stopped.
TEST_CASE("state()/from_state round trip continues bit-identically") {
  Ar1 chain(0.9, 31337);
  std::vector<double> data;
  for (int i = 0; i < (1 << 17) + 12345; ++i) data.push_back(chain());
  const std::size_t stop = (1 << 16) + 4321;

  Accumulator uninterrupted, first_half;
  for (std::size_t i = 0; i < data.size(); ++i) uninterrupted.add(data[i]);
  for (std::size_t i = 0; i < stop; ++i) first_half.add(data[i]);

  Accumulator resumed = Accumulator::from_state(first_half.state());
  CHECK(resumed.count() == static_cast<std::int64_t>(stop));
  for (std::size_t i = stop; i < data.size(); ++i) resumed.add(data[i]);

  CHECK(resumed.count() == uninterrupted.count());
  CHECK(identical(resumed.analysis(), uninterrupted.analysis()));
  CHECK(resumed.state() == uninterrupted.state());

  SUBCASE("empty accumulator round-trips") {
    const Accumulator empty = Accumulator::from_state(Accumulator().state());
    CHECK(empty.count() == 0);
    CHECK(identical(empty.analysis(), Accumulator().analysis()));
  }
}

// Checks that corrupted checkpoints are refused rather than silently resumed.
TEST_CASE("from_state rejects malformed states") {
  Accumulator acc;
  for (int i = 0; i < 11; ++i) acc.add(i * 0.5);
  const std::vector<double> good = acc.state();
  REQUIRE_NOTHROW(Accumulator::from_state(good));

  std::vector<double> truncated(good.begin(), good.end() - 1);
  CHECK_THROWS_AS(Accumulator::from_state(truncated), std::invalid_argument);
  CHECK_THROWS_AS(Accumulator::from_state({}), std::invalid_argument);

  std::vector<double> wrong_format = good;
  wrong_format[0] = 2.0;
  CHECK_THROWS_AS(Accumulator::from_state(wrong_format), std::invalid_argument);

  std::vector<double> fractional_count = good;
  fractional_count[2] = 11.5;  // bin count of level 0
  CHECK_THROWS_AS(Accumulator::from_state(fractional_count), std::invalid_argument);

  std::vector<double> wrong_count = good;
  wrong_count[2] = 13.0;  // level 1 holds 5 bins, so level 0 must hold 10 or 11
  CHECK_THROWS_AS(Accumulator::from_state(wrong_count), std::invalid_argument);

  std::vector<double> wrong_flag = good;
  wrong_flag[6] = 0.0;  // 11 bins at level 0: a pair must be pending
  CHECK_THROWS_AS(Accumulator::from_state(wrong_flag), std::invalid_argument);
}
