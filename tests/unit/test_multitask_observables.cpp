// Multitask observables (observables/multitask.hpp): definitions checked on hand-made values.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "observables/multitask.hpp"

using namespace hebbmc::observables;

TEST_CASE("sorted amplitudes, retrieved count, support loss, hierarchical law") {
  const std::vector<double> m{-0.125, 0.5, -0.25, 0.0};
  CHECK(sorted_amplitudes(m) == std::vector<double>{0.5, 0.25, 0.125, 0.0});  // sign-blind, decreasing
  CHECK(retrieved_count(m, 0.1) == 3);
  CHECK(retrieved_count(m, 0.3) == 1);
  // Support of 500 of N = 1000 sites: m = +-0.5 means the support is retrieved (or its mirror).
  CHECK(support_loss(0.5, 1000, 500) == doctest::Approx(0.0));
  CHECK(support_loss(-0.5, 1000, 500) == doctest::Approx(0.0));
  CHECK(support_loss(0.0, 1000, 500) == doctest::Approx(1.0));  // orthogonal: half the support wrong
  CHECK_THROWS(support_loss(0.1, 1000, 0));
  const auto h = hierarchical_amplitudes(3, 0.5);
  CHECK(h == std::vector<double>{0.5, 0.25, 0.125});
  double sum = 0;
  for (double x : hierarchical_amplitudes(40, 0.3)) sum += x;
  CHECK(sum == doctest::Approx(1 - std::pow(0.3, 40)));  // classes partition the sites: sum = 1 - d^K
}
