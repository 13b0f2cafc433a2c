// The instruction-set variants of the hot loop (engine/kernel_variant.hpp, docs/performance.md
// "Kernel variants"): every variant this CPU supports must see the same dE at every proposal and
// run the same chain as the x86-64 baseline, bit for bit, for every model and rule. The tolerance
// is zero: the variants differ only in vector width, and every floating-point sum is added in a
// fixed order (engine/ordered_sum.hpp), so any difference is a bug, not rounding.
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/kernel_variant.hpp"
#include "engine/metropolis.hpp"
#include "engine/parallel_heat_bath.hpp"
#include "engine/rng.hpp"
#include "engine/sweep.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/plefka.hpp"
#include "models/storage.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"

using namespace hebbmc;
using models::Interaction;
using engine::KernelVariant;

namespace {

engine::Stream stream(std::uint64_t seed, engine::Purpose purpose) {
  return engine::Stream({.seed = seed, .point = 0, .sample = 0, .replica = 0, .purpose = purpose});
}

// A rule that records the bits of every dE it is asked to decide, then decides like `rule`.
template <class Rule>
struct Recording {
  Rule rule;
  std::vector<std::uint64_t>* seen;
  bool accept(double dE, engine::Stream& rng) const {
    seen->push_back(std::bit_cast<std::uint64_t>(dE));
    return rule.accept(dE, rng);
  }
};

// What one chain produced: every dE seen, the accepted count per sweep, final spins and energy.
struct Trace {
  std::vector<std::uint64_t> dE;
  std::vector<std::int64_t> accepted;
  engine::Spins spins;
  std::uint64_t energy = 0;
};

// `sweeps` sweeps of a copy of `start` with `rule` in variant `v`, from fixed streams.
template <class Model, class Rule>
Trace run(const Model& start, const Rule& rule, int sweeps, KernelVariant v) {
  Model model = start;
  Trace t;
  engine::SiteOrder order(model.N(), engine::SweepOrder::random_permutation);
  engine::Stream rng = stream(7, engine::Purpose::dynamics);
  const Recording<Rule> recording{rule, &t.dE};
  for (int s = 0; s < sweeps; ++s) t.accepted.push_back(engine::sweep(model, recording, order, rng, v));
  t.spins = model.spins();
  t.energy = std::bit_cast<std::uint64_t>(model.energy());
  return t;
}

// Every supported variant against the baseline, with Glauber and Metropolis at `beta`.
template <class Model>
void check_every_variant(const Model& start, double beta, int sweeps) {
  for (int rule = 0; rule < 2; ++rule) {
    CAPTURE(rule);
    const auto base = rule == 0 ? run(start, engine::Glauber{beta}, sweeps, KernelVariant::baseline)
                                : run(start, engine::Metropolis{beta}, sweeps, KernelVariant::baseline);
    std::int64_t total = 0;
    for (const auto n : base.accepted) total += n;
    CHECK(total > 0);  // a chain that never moves would compare nothing
    for (const KernelVariant v : engine::supported_variants()) {
      CAPTURE(engine::name(v));
      const auto other = rule == 0 ? run(start, engine::Glauber{beta}, sweeps, v)
                                   : run(start, engine::Metropolis{beta}, sweeps, v);
      CHECK(other.dE == base.dE);
      CHECK(other.accepted == base.accepted);
      CHECK(other.spins == base.spins);
      CHECK(other.energy == base.energy);
    }
  }
}

}  // namespace

TEST_CASE("Kernel variants: the CPU's list starts at the baseline, names round-trip, bad names are refused") {
  const auto variants = engine::supported_variants();
  REQUIRE(!variants.empty());
  CHECK(variants.front() == KernelVariant::baseline);
  for (const KernelVariant v : variants) CHECK(engine::parse_variant(engine::name(v)) == v);
  CHECK_THROWS_AS(engine::parse_variant("sse9"), std::invalid_argument);
  std::printf("kernel variants on this CPU:");
  for (const KernelVariant v : variants) std::printf(" %s", engine::name(v));
  std::printf(" (active: %s)\n", engine::name(engine::active_variant()));
}

TEST_CASE("Kernel variants: storage, binary and diluted, exact and inexact double arithmetic") {
  for (int P : {2, 4, 12})
    for (double d : {0.0, 0.3}) {  // binary: shared polynomial (eq. H5); diluted: per pattern (H4)
      CAPTURE(P); CAPTURE(d);
      engine::Stream rng = stream(40 + P, engine::Purpose::patterns);
      const auto xi = models::draw_patterns(60, 37, d, rng);  // K = 37: a vector tail at every width
      // Start at pattern 0 (blanks set to +1), so M_0 ~ N: at P = 12 the Horner terms of that pattern
      // reach 60^11 > 2^53 and are rounded, where FMA contraction or another summation order
      // would change the bits (from a random start |M| ~ sqrt(N) keeps most terms exact).
      engine::Spins start(60);
      for (std::int64_t i = 0; i < 60; ++i) start[i] = xi(i, 0) < 0 ? -1 : 1;
      const models::StorageModel model(xi, P, Interaction::distinct_indices, start);
      CHECK(model.exact_arithmetic() == (P < 12));
      check_every_variant(model, P == 2 ? 1.0 : 30.0 / P, 6);
    }
}

TEST_CASE("Kernel variants: supervised, unsupervised exact and every Plefka arithmetic") {
  using Arithmetic = models::PlefkaModel::Arithmetic;
  for (int P : {2, 4, 6}) {
    CAPTURE(P);
    engine::Stream rng = stream(90 + P, engine::Purpose::patterns);
    const auto xi = models::draw_patterns(40, 5, 0.0, rng);
    const auto D = models::draw_examples(xi, 6, 0.4, 3, 0);
    const engine::Spins s = engine::random_spins(40, rng);
    check_every_variant(models::SupervisedModel(D, P, Interaction::distinct_indices, s), 2.0, 5);
    check_every_variant(models::UnsupervisedModel(D, P, Interaction::distinct_indices, s), 2.0, 5);
    for (Arithmetic path : {Arithmetic::f64, Arithmetic::i64, Arithmetic::i128}) {
      CAPTURE(int(path));
      models::PlefkaModel plefka(D, P, Interaction::distinct_indices, s);
      try {
        plefka.set_arithmetic(path);
      } catch (const std::invalid_argument&) {
        continue;  // not exact for these data: the model refuses the path
      }
      check_every_variant(plefka, 2.0, 5);
    }
  }
}

TEST_CASE("Kernel variants: the parallel heat-bath update") {
  engine::Stream rng = stream(3, engine::Purpose::patterns);
  const auto xi = models::draw_patterns(80, 13, 0.0, rng);
  const models::StorageModel start(xi, 4, Interaction::distinct_indices, engine::random_spins(80, rng));
  std::vector<engine::Spins> finals;
  for (const KernelVariant v : engine::supported_variants()) {
    models::StorageModel model = start;
    engine::SiteOrder order(80, engine::SweepOrder::random_permutation);
    engine::Stream dyn = stream(11, engine::Purpose::dynamics);
    for (int t = 0; t < 10; ++t) (void)engine::sweep(model, engine::ParallelHeatBath{2.0}, order, dyn, v);
    finals.push_back(model.spins());
  }
  for (const auto& s : finals) CHECK(s == finals.front());
}
