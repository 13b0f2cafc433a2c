// Blocks of proposals (engine/sweep.hpp, docs/performance.md "Blocks of proposals"): the storage
// model's binary paths give the sweep kProposalBlock energy changes from one pass over the odd
// parts. The claim is that nothing changes but the speed, so the checks are exact: each sum of
// engine::ordered_sums has the bits of engine::ordered_sum, and the blocked sweep, where flips are
// rare enough for it to run, gives the accepted counts, spins and energy of one-at-a-time proposals.
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/ordered_sum.hpp"
#include "engine/rng.hpp"
#include "engine/spin_model.hpp"
#include "engine/sweep.hpp"
#include "models/patterns.hpp"
#include "models/storage.hpp"

using namespace hebbmc;
using models::Interaction;

namespace {

// Hides with_kernel and delta_energies: engine::sweep then proposes one site at a time.
struct OneAtATime {
  models::StorageModel* model;
  double delta_energy(std::int64_t k) const { return model->delta_energy(k); }
  void flip(std::int64_t k) { model->flip(k); }
  std::int64_t N() const { return model->N(); }
};

engine::Stream stream(std::uint64_t seed, engine::Purpose purpose) {
  return engine::Stream({.seed = seed, .point = 0, .sample = 0, .replica = 0, .purpose = purpose});
}

}  // namespace

static_assert(engine::BlockProposals<models::StorageModel::Kernel<3, true>>, "binary paths evaluate blocks");
static_assert(!engine::BlockProposals<models::StorageModel::Kernel<3, false>>, "diluted paths do not");
static_assert(!engine::BlockProposals<OneAtATime>);

TEST_CASE("ordered_sums: every sum has the bits of ordered_sum, at lengths across block and lane edges") {
  engine::Stream rng = stream(11, engine::Purpose::patterns);
  constexpr int B = engine::kProposalBlock;
  for (const std::int64_t n : {1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 5003}) {
    std::vector<double> v(static_cast<std::size_t>(B * n));
    for (auto& x : v) x = (rng.uniform() - 0.5) * std::ldexp(1.0, static_cast<int>(rng.below(60)) - 30);
    double out[B];
    engine::ordered_sums<B>(n, [&](int b, std::int64_t mu) { return v[b * n + mu]; }, out);
    for (int b = 0; b < B; ++b) {
      const double one = engine::ordered_sum(n, [&](std::int64_t mu) { return v[b * n + mu]; });
      CAPTURE(n); CAPTURE(b);
      CHECK(std::bit_cast<std::uint64_t>(out[b]) == std::bit_cast<std::uint64_t>(one));
    }
  }
}

TEST_CASE("Blocked sweeps of the storage model are the chain of one-at-a-time proposals where flips are rare") {
  // Started on pattern 1 at low temperature: acceptance well below the 1/32 under which the sweep
  // uses blocks, but not zero, so accepted flips fall inside blocks and restart them. A flip out of
  // the pattern costs dE ~ 2 / (P - 1)! (docs/hamiltonian.md), so beta dE ~ c at beta = c (P - 1)! / 2.
  for (const int P : {2, 4, 6})
    for (const double c : {6.0, 8.0}) {
      double factorial = 1;
      for (int j = 2; j < P; ++j) factorial *= j;
      const double beta = c * factorial / 2;
      CAPTURE(P); CAPTURE(c);
      engine::Stream prng = stream(70 + P, engine::Purpose::patterns);
      const auto xi = models::draw_patterns(200, 10, 0.0, prng);
      engine::Spins s(200);
      for (std::int64_t i = 0; i < 200; ++i) s[i] = xi(i, 0);
      models::StorageModel a(xi, P, Interaction::distinct_indices, s), b(xi, P, Interaction::distinct_indices, s);
      OneAtATime single{&b};
      engine::SiteOrder order_a(200, engine::SweepOrder::random_permutation), order_b(200, engine::SweepOrder::random_permutation);
      engine::Stream rng_a = stream(9, engine::Purpose::dynamics), rng_b = stream(9, engine::Purpose::dynamics);
      std::int64_t accepted = 0;
      const int sweeps = 100;
      for (int t = 0; t < sweeps; ++t) {
        const std::int64_t n = engine::sweep(a, engine::Metropolis{beta}, order_a, rng_a);
        CHECK(n == engine::sweep(single, engine::Metropolis{beta}, order_b, rng_b));
        accepted += n;
      }
      const double acceptance = static_cast<double>(accepted) / (200.0 * sweeps);
      CAPTURE(acceptance);
      CHECK(accepted > 10);
      CHECK(acceptance < 1.0 / 32);
      CHECK(a.spins() == b.spins());
      CHECK(std::bit_cast<std::uint64_t>(a.energy()) == std::bit_cast<std::uint64_t>(b.energy()));
      CHECK(rng_a.position() == rng_b.position());
      CHECK(a.overlaps_consistent());
    }
}
