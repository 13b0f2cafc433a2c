// Data sets from structured data (models/structured_data.hpp, docs/datasets.md D1-D4): the
// binarisation rule, the proxy and its tie rule, the empirical quality r and second moment, and
// the deterministic choice of examples. Small cases are checked against values worked out by
// hand in the comments; the i.i.d. case against physics.md section 1.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "engine/rng.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/structured_data.hpp"

using namespace hebbmc;

TEST_CASE("D1: lower median and binarisation") {
  const std::vector<std::uint8_t> odd{5, 1, 3}, even{4, 1, 3, 2};
  CHECK(models::median_grey_level(odd.data(), 3) == 3);
  CHECK(models::median_grey_level(even.data(), 4) == 2);  // sorted 1 2 3 4: the lower of the middle two
  // Mostly background: the median is 0, so every inked pixel is +1.
  const std::vector<std::uint8_t> img{0, 0, 0, 200, 100};
  CHECK(models::binarise(img.data(), 5, {}) == std::vector<std::int8_t>{-1, -1, -1, 1, 1});
  // Fixed threshold: strictly greater than 100 is +1.
  CHECK(models::binarise(img.data(), 5, {.per_image_median = false, .threshold = 100}) ==
        std::vector<std::int8_t>{-1, -1, -1, 1, -1});
}

TEST_CASE("D1c: centring on the mean image, compared exactly") {
  // Three images of 3 pixels: pixel sums (0+3+6, 10+10+10, 1+2+2) = (9, 30, 5), means (3, 10, 5/3).
  const std::vector<std::uint8_t> a{0, 10, 1}, b{3, 10, 2}, c{6, 10, 2};
  models::MeanImage mean{std::vector<std::int64_t>(3, 0), 0};
  for (const auto* img : {&a, &b, &c}) mean.add(img->data());
  CHECK(mean.count == 3);
  CHECK(mean.sum == std::vector<std::int64_t>{9, 30, 5});
  const models::Binarisation centred{.centred = true};
  // Strictly above the mean is +1; equal to it (b's pixel 0, every pixel 1) is -1, as D1's tie rule.
  CHECK(models::binarise(a.data(), 3, centred, &mean) == std::vector<std::int8_t>{-1, -1, -1});
  CHECK(models::binarise(b.data(), 3, centred, &mean) == std::vector<std::int8_t>{-1, -1, 1});  // 2 > 5/3
  CHECK(models::binarise(c.data(), 3, centred, &mean) == std::vector<std::int8_t>{1, -1, 1});
  CHECK_THROWS_AS(models::binarise(a.data(), 3, centred), std::invalid_argument);  // no mean image
  const models::MeanImage wrong{std::vector<std::int64_t>(2, 0), 1};
  CHECK_THROWS_AS(models::binarise(a.data(), 3, centred, &wrong), std::invalid_argument);
}

TEST_CASE("D2-D4 on a hand-worked example: proxy, tie rule, r, R, Rhat") {
  // One class, M = 2, N = 4: eta^1 = (+ + - -), eta^2 = (+ - + -); sums (2, 0, 0, -2).
  // Proxy (tie -> -1): (+ - - -). Overlaps xi.eta^1 = 1 - 1 + 1 + 1 = 2, xi.eta^2 = 1 + 1 - 1 + 1 = 2,
  // so r = (2 + 2)/(M N) = 0.5; yhat = (1, 0, 0, -1), Rhat = (1 + 0 + 0 + 1)/4 = 0.5;
  // R = r^2 + (1 - r^2)/M = 0.25 + 0.375 = 0.625; rho = 0.75/(2 * 0.25) = 1.5.
  const std::vector<std::int8_t> eta{1, 1, -1, -1, 1, -1, 1, -1};
  const models::StructuredData d(4, 1, 2, eta, std::nullopt);
  CHECK(d.proxies());
  CHECK(d.archetypes()(0, 0) == 1);
  CHECK(d.archetypes()(1, 0) == -1);
  CHECK(d.archetypes()(2, 0) == -1);
  CHECK(d.archetypes()(3, 0) == -1);
  CHECK(d.r(0) == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(d.R_empirical(0) == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(d.R(0) == doctest::Approx(0.625).epsilon(1e-15));
  CHECK(d.rho(0) == doctest::Approx(1.5).epsilon(1e-15));
  CHECK(d.examples().teacher(0, 0) == 2);  // w = M yhat
  CHECK(d.examples().teacher(3, 0) == -2);
  CHECK(d.r_mean() == doctest::Approx(0.5).epsilon(1e-15));
}

TEST_CASE("D2 with blank entries: a site blank in every example is blank in the proxy") {
  // N = 3, M = 2: eta^1 = (+ 0 -), eta^2 = (+ 0 +): sums (2, 0, 0), the middle one blank in both.
  // Proxy (+ 0 -) (the last one is a tie between non-blank entries -> -1); n = 2;
  // r = (xi.eta^1 + xi.eta^2)/(M n) = ((1 + 1) + (1 - 1))/4 = 0.5.
  const models::StructuredData d(3, 1, 2, {1, 0, -1, 1, 0, 1}, std::nullopt);
  CHECK(d.archetypes()(1, 0) == 0);
  CHECK(d.archetypes()(2, 0) == -1);
  CHECK(d.archetypes().nonzero(0) == 2);
  CHECK(d.r(0) == doctest::Approx(0.5).epsilon(1e-15));
}

TEST_CASE("given archetypes are used as they are, and must be blank only where the examples are") {
  const std::vector<std::int8_t> eta{1, 1, -1, -1, 1, -1, 1, -1};
  // Archetype (+ + + +): overlaps 0 and 0 -> r = 0.
  const models::StructuredData d(4, 1, 2, eta, std::vector<std::int8_t>{1, 1, 1, 1});
  CHECK_FALSE(d.proxies());
  CHECK(d.r(0) == 0.0);
  CHECK_THROWS_AS(models::StructuredData(4, 1, 2, eta, std::vector<std::int8_t>{1, 0, 1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(models::StructuredData(4, 1, 2, {1, 1, 2, -1, 1, -1, 1, -1}, std::nullopt), std::invalid_argument);
  CHECK_THROWS_AS(models::StructuredData(4, 1, 2, {0, 0, 0, 0, 0, 0, 0, 0}, std::nullopt), std::invalid_argument);
  CHECK_THROWS_AS(models::StructuredData(4, 1, 3, eta, std::nullopt), std::invalid_argument);  // wrong size
}

TEST_CASE("i.i.d. examples: the proxy is the archetype and D3, D4 recover r and R of physics.md section 1") {
  // N = 2000, K = 2, M = 200, r = 0.6. A proxy site is wrong only if a Binomial(200, 0.8) count is
  // <= 100: probability ~1e-20 per site, so proxies == archetypes. r_hat averages M N = 4e5 values
  // chi with variance 1 - r^2 = 0.64: standard deviation 1.3e-3, tolerance 5 sd = 6.3e-3.
  // Rhat averages N values yhat^2 around R = 0.3632, each with variance ~ 4 r^2 (1 - r^2)/M = 4.6e-3:
  // sd 1.5e-3, tolerance 5 sd = 8e-3.
  const std::int64_t N = 2000, K = 2;
  const int M = 200;
  const double r = 0.6;
  engine::Stream rng({.seed = 11, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
  const models::Patterns xi = models::draw_patterns(N, K, 0.0, rng);
  const models::Examples ex = models::draw_examples(xi, M, r, 11, 0);
  std::vector<std::int8_t> eta(static_cast<std::size_t>(K * M * N));
  for (std::int64_t mu = 0; mu < K; ++mu)
    for (int a = 0; a < M; ++a)
      for (std::int64_t i = 0; i < N; ++i) eta[(mu * M + a) * N + i] = ex.eta(i, mu, a);
  const models::StructuredData d(N, K, M, eta, std::nullopt);
  for (std::int64_t mu = 0; mu < K; ++mu) {
    for (std::int64_t i = 0; i < N; ++i) REQUIRE(d.archetypes()(i, mu) == xi(i, mu));
    CHECK(std::abs(d.r(mu) - r) < 6.3e-3);
    CHECK(std::abs(d.R_empirical(mu) - models::example_R(r, M)) < 8e-3);
  }
}

TEST_CASE("example selection: first in file order, or a seeded uniform choice") {
  const std::vector<std::uint8_t> labels{0, 1, 0, 2, 1, 0, 0};
  const auto first = models::select_per_class(labels, {0, 1}, 2, false, 1, 0);
  CHECK(first == std::vector<std::vector<std::int64_t>>{{0, 2}, {1, 4}});
  CHECK(models::class_counts(labels, {0, 1, 2}) == std::vector<std::int64_t>{4, 2, 1});
  CHECK_THROWS_AS(models::select_per_class(labels, {2}, 2, false, 1, 0), std::invalid_argument);
  // Deterministic: same seed, same choice; the items have the right label and are distinct.
  const auto a = models::select_per_class(labels, {0}, 3, true, 7, 0), b = models::select_per_class(labels, {0}, 3, true, 7, 0);
  CHECK(a == b);
  for (std::size_t j = 0; j < a[0].size(); ++j) {
    CHECK(labels[a[0][j]] == 0);
    if (j) CHECK(a[0][j] > a[0][j - 1]);
  }
  // Uniform without replacement: over 4000 seeds each of 10 items is chosen with frequency 3/10;
  // binomial sd sqrt(0.21/4000) = 7.2e-3, tolerance 5 sd = 0.036.
  const std::vector<std::uint8_t> ten(10, 0);
  std::vector<int> hits(10, 0);
  const int seeds = 4000;
  for (int s = 0; s < seeds; ++s) {
    const auto chosen = models::select_per_class(ten, {0}, 3, true, static_cast<std::uint64_t>(s), 0);
    for (std::int64_t t : chosen[0]) ++hits[t];
  }
  for (int t = 0; t < 10; ++t) CHECK(std::abs(hits[t] / double(seeds) - 0.3) < 0.036);
}
