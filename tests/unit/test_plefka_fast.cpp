// Fast paths of the Plefka-mode flip (docs/learning.md, L11 and "Fast path"): the divided-difference
// kernels in double and in 64-bit integers modulo 2^64 must give dE bit for bit equal to the 128-bit
// Horner path, for every state and flip; the range checks must pick them exactly when the
// construction-time bounds allow it, and fall back to 128 bits beyond.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "engine/rng.hpp"
#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/plefka.hpp"

using namespace hebbmc;
using models::Interaction;
using Arithmetic = models::PlefkaModel::Arithmetic;

namespace {

engine::Stream stream(std::uint64_t seed, engine::Purpose purpose) {
  return engine::Stream({.seed = seed, .point = 0, .sample = 0, .replica = 0, .purpose = purpose});
}

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// The arithmetics set_arithmetic accepts for `m`; checks that this is what the bounds promise.
std::vector<Arithmetic> allowed_paths(models::PlefkaModel& m) {
  std::vector<Arithmetic> ok;
  const Arithmetic chosen = m.arithmetic();
  for (Arithmetic a : {Arithmetic::f64, Arithmetic::i64, Arithmetic::i128}) {
    try {
      m.set_arithmetic(a);
      ok.push_back(a);
    } catch (const std::invalid_argument&) {
    }
  }
  const bool f64 = m.f64_bound() < 0x1.0p52L, i64 = m.i64_bound() < 0x1.0p62L;
  CHECK(ok.size() == std::size_t(1 + int(f64) + int(i64)));
  CHECK(chosen == (f64 ? Arithmetic::f64 : i64 ? Arithmetic::i64 : Arithmetic::i128));
  m.set_arithmetic(chosen);
  return ok;
}

// `steps` times: compares dE of every site in every allowed arithmetic with the 128-bit path bit for
// bit, then flips a random site (so flip() updates every overlap copy). Returns max |delta_phi| seen.
long double compare_paths(models::PlefkaModel& m, engine::Stream& rng, int steps) {
  const std::vector<Arithmetic> paths = allowed_paths(m);
  const Arithmetic chosen = m.arithmetic();
  long double largest = 0;
  std::int64_t mismatches = 0;
  for (int step = 0; step < steps; ++step) {
    for (std::int64_t k = 0; k < m.N(); ++k) {
      m.set_arithmetic(Arithmetic::i128);
      const double ref = m.delta_energy(k);
      largest = std::max(largest, std::fabs(static_cast<long double>(m.delta_phi(k))));
      for (Arithmetic a : paths) {
        m.set_arithmetic(a);
        const double dE = m.delta_energy(k);
        if (bits(dE) != bits(ref)) {
          ++mismatches;
          if (mismatches < 5) FAIL_CHECK("k = " << k << ", arithmetic " << int(a) << ": " << dE << " != " << ref);
        }
      }
    }
    m.set_arithmetic(chosen);
    m.flip(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(m.N()))));
  }
  CHECK(mismatches == 0);
  CHECK(m.overlaps_consistent());
  return largest;
}

// Spins sigma_i = sign(w^mu_i) (+1 where w = 0): T_mu = sum_i |w^mu_i|, the largest overlap.
engine::Spins aligned(const models::Examples& D, std::int64_t mu) {
  engine::Spins s(static_cast<std::size_t>(D.N()));
  for (std::int64_t i = 0; i < D.N(); ++i) s[i] = D.teacher(i, mu) < 0 ? -1 : 1;
  return s;
}

}  // namespace

TEST_CASE("Plefka fast paths equal the 128-bit path bit for bit (P = 2..8, random data and states)") {
  // r = 0.4; M = 4 (even: w = 0 on non-blank sites too, and with d = 0.5 sites where every w^mu = 0,
  // i.e. dE = 0 exactly, signed zero included), 5, 50; K = 1, 3, 10 (padding of the kernels' blocks
  // of 4: 3, 1, 2 lanes); random states and states aligned with archetype 0.
  struct Size { std::int64_t N; int M; };
  int chosen_count[3] = {0, 0, 0};
  for (int P : {2, 4, 6, 8})
    for (Size z : {Size{20, 4}, Size{40, 5}, Size{60, 50}, Size{200, 50}})
      for (std::int64_t K : {1, 3, 10})
        for (double d : {0.0, 0.5})
          for (auto f : {Interaction::distinct_indices, Interaction::self_interaction}) {
            CAPTURE(P); CAPTURE(z.N); CAPTURE(z.M); CAPTURE(K); CAPTURE(d); CAPTURE(int(f));
            engine::Stream rng = stream(1000 + 7 * P + K, engine::Purpose::patterns);
            const auto xi = models::draw_patterns(z.N, K, d, rng);
            const auto D = models::draw_examples(xi, z.M, 0.4, 17, 0);
            for (int start = 0; start < 2; ++start) {
              models::PlefkaModel m(D, P, f, start == 0 ? engine::random_spins(z.N, rng) : aligned(D, 0));
              ++chosen_count[int(m.arithmetic())];
              compare_paths(m, rng, 3);
            }
          }
  // The sizes above reach all three paths.
  CHECK(chosen_count[int(Arithmetic::f64)] > 0);
  CHECK(chosen_count[int(Arithmetic::i64)] > 0);
  CHECK(chosen_count[int(Arithmetic::i128)] > 0);
}

TEST_CASE("Plefka fast paths at the edge of their range and the 128-bit fallback beyond it") {
  // K = 1, r = 1, d = 0: every example is the archetype, w_i = M xi_i, sum_i |w_i| = M N, and the
  // state aligned with it has the largest |T|, so flips from it (and from a few random flips away)
  // reach the bound: the integer sums are within a factor 2 of the 2^52 / 2^62 limits (the data of
  // bench_learning, P = 4, N = 200, M = 50, K = 10, sit at 2^47). Beyond the int64 range the model
  // must use 128 bits, and there the true |sum| exceeds 2^63: a 64-bit result would be wrong.
  struct Edge {
    int P; std::int64_t N; int M;
    Arithmetic expect;
    double log2_lo, log2_hi;  // window for log2 of the bound of the expected path
    double log2_min_seen;     // max |delta_phi| over the visited states must exceed 2^this
  };
  const Edge edges[] = {
      {4, 16, 500, Arithmetic::f64, 51, 52, 50},     // double: just below 2^52
      {4, 60, 200, Arithmetic::f64, 51, 52, 51},
      {6, 50, 10, Arithmetic::f64, 51, 52, 51},
      {8, 30, 3, Arithmetic::f64, 51, 52, 49},
      {4, 20, 500, Arithmetic::i64, 52, 62, 51},     // double refused (bound 2^52.02), int64 taken
      {4, 200, 500, Arithmetic::i64, 61, 62, 61.5},  // int64: just below 2^62
      {6, 200, 10, Arithmetic::i64, 61, 62, 61.5},
      {8, 300, 1, Arithmetic::i64, 61, 62, 61},
      {4, 300, 500, Arithmetic::i128, 62, 200, 63},  // beyond: sums above 2^63 occur
      {6, 300, 10, Arithmetic::i128, 62, 200, 64},
      {8, 60, 5, Arithmetic::i128, 62, 200, 63},
  };
  for (const Edge& e : edges) {
    CAPTURE(e.P); CAPTURE(e.N); CAPTURE(e.M);
    engine::Stream rng = stream(77, engine::Purpose::patterns);
    const auto xi = models::draw_patterns(e.N, 1, 0.0, rng);
    const auto D = models::draw_examples(xi, e.M, 1.0, 5, 0);
    models::PlefkaModel m(D, e.P, Interaction::distinct_indices, aligned(D, 0));
    CHECK(m.arithmetic() == e.expect);
    const long double bound = e.expect == Arithmetic::f64 ? m.f64_bound() : m.i64_bound();
    CHECK(std::log2(static_cast<double>(bound)) > e.log2_lo);
    CHECK(std::log2(static_cast<double>(bound)) < e.log2_hi);
    if (e.expect == Arithmetic::i128) {
      CHECK_THROWS_AS(m.set_arithmetic(Arithmetic::i64), std::invalid_argument);
      CHECK_THROWS_AS(m.set_arithmetic(Arithmetic::f64), std::invalid_argument);
    }
    const long double largest = compare_paths(m, rng, 4);
    CHECK(std::log2(static_cast<double>(largest)) > e.log2_min_seen);
  }
}
