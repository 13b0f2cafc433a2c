// Quantiles over disorder samples (observables/sample_quantiles.hpp; docs/statistics.md, eq. S-Q):
// linear interpolation between order statistics, NumPy's default. Expected values by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "observables/sample_quantiles.hpp"

using namespace hebbmc::observables;

TEST_CASE("quantiles interpolate linearly between the sorted values (numpy.quantile's default)") {
  // Sorted {2, 4, 6, 8}, h = (n - 1) p = 3 p: p = 0.25 -> h = 0.75 -> 2 + 0.75 (4 - 2) = 3.5;
  // p = 0.5 -> h = 1.5 -> 4 + 0.5 (6 - 4) = 5; p = 0.75 -> h = 2.25 -> 6 + 0.25 (8 - 6) = 6.5.
  // numpy.quantile([2, 8, 4, 6], [0.25, 0.5, 0.75]) gives [3.5, 5.0, 6.5]. Exact in binary.
  const QuantileBand band = quantile_band({2, 8, 4, 6});
  CHECK(band.quantile_25 == 3.5);
  CHECK(band.median == 5.0);
  CHECK(band.quantile_75 == 6.5);
  // Odd count: {1, 1, 3, 4, 5}, h = 4 p lands on order statistics 1, 2, 3: 1, 3, 4.
  const QuantileBand odd = quantile_band({3, 1, 4, 1, 5});
  CHECK(odd.quantile_25 == 1.0);
  CHECK(odd.median == 3.0);
  CHECK(odd.quantile_75 == 4.0);
  CHECK(quantile({3, 1, 4, 1, 5}, 0.0) == 1.0);
  CHECK(quantile({3, 1, 4, 1, 5}, 1.0) == 5.0);
}

TEST_CASE("quantiles of one sample are its value; none or a NaN give NaN; p outside [0, 1] is refused") {
  const QuantileBand one = quantile_band({-0.25});
  CHECK(one.quantile_25 == -0.25);
  CHECK(one.median == -0.25);
  CHECK(one.quantile_75 == -0.25);
  CHECK(std::isnan(quantile({}, 0.5)));
  CHECK(std::isnan(quantile({1.0, NAN, 2.0}, 0.5)));
  CHECK_THROWS_AS(quantile({1.0}, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(quantile({1.0}, NAN), std::invalid_argument);
}
