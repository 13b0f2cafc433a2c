// The acceptance tests of Glauber and Metropolis (docs/dynamics.md, eq. D0) skip the exp where the
// answer is known; this checks that they take the decision of the plain formulas, written out here,
// for every u that matters and for x = beta dE on a fine grid across the shortcut's edges and beyond.
// Exact equality: the shortcut claims the same decision for every input, so any mismatch is a bug.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/rng.hpp"

using namespace hebbmc;

namespace {

// The uniforms of Stream::uniform()'s grid k 2^-53 that decide the edges: 0, the smallest steps,
// one half, the largest, and a spread of random ones.
std::vector<double> edge_uniforms() {
  std::vector<double> u = {0.0, 0x1.0p-53, 0x2.0p-53, 0x3.0p-53, 0x1.0p-40, 0x1.0p-20, 0.5, 1.0 - 0x1.0p-53};
  engine::Stream rng(engine::StreamKey{.seed = 7, .purpose = engine::Purpose::dynamics});
  for (int i = 0; i < 200; ++i) u.push_back(rng.uniform());
  return u;
}

// x = beta dE from -800 to 800 with steps of 1/64 near the edges at +-40 and the overflow of exp.
std::vector<double> edge_x() {
  std::vector<double> x;
  for (double v = -800; v <= 800; v += 0.5) x.push_back(v);
  for (const double c : {-745.0, -709.0, -40.0, -37.0, 0.0, 37.0, 40.0, 709.0, 745.0})
    for (int i = -256; i <= 256; ++i) x.push_back(c + i / 64.0);
  x.push_back(std::nextafter(40.0, 100.0));
  x.push_back(std::nextafter(-40.0, -100.0));
  return x;
}

}  // namespace

TEST_CASE("Glauber: the shortcut of eq. D0 takes the plain formula's decision for every u and x") {
  std::int64_t mismatches = 0, checked = 0;
  for (const double x : edge_x())
    for (const double u : edge_uniforms()) {
      const bool plain = u * (1.0 + std::exp(x)) < 1.0;
      mismatches += engine::Glauber::passes(x, u) != plain;
      ++checked;
    }
  CHECK(checked > 1000000);
  CHECK(mismatches == 0);
}

TEST_CASE("Metropolis: the shortcut of eq. D0 takes the plain formula's decision for every u and x > 0") {
  std::int64_t mismatches = 0;
  for (const double x : edge_x()) {
    if (x <= 0) continue;
    for (const double u : edge_uniforms()) mismatches += engine::Metropolis::passes(x, u) != (u < std::exp(-x));
  }
  CHECK(mismatches == 0);
}

TEST_CASE("Both rules still draw exactly as before: Glauber one number per proposal, Metropolis one per uphill one") {
  const engine::StreamKey key{.seed = 3, .purpose = engine::Purpose::dynamics};
  engine::Stream g(key), m(key);
  const engine::Glauber glauber{30.0};
  const engine::Metropolis metropolis{30.0};
  for (const double dE : {-10.0, -1.0, 0.5, 2.0, 10.0, 100.0}) {
    glauber.accept(dE, g);
    metropolis.accept(dE, m);
  }
  CHECK(g.position() == 6);
  CHECK(m.position() == 4);  // dE > 0 only
}
