// Detailed balance in practice: on N = 10 the Glauber and Metropolis chains must visit the
// 1024 states with the Boltzmann frequencies exp(-beta H) / Z from exact enumeration.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/sweep.hpp"
#include "models/storage.hpp"
#include "chi_square.hpp"

using namespace hebbmc;
using testing::chi_square_p;

namespace {

constexpr int N = 10;

engine::Spins state_of(unsigned bits) {
  engine::Spins s(N);
  for (int i = 0; i < N; ++i) s[i] = (bits >> i) & 1 ? 1 : -1;
  return s;
}
unsigned bits_of(const engine::Spins& s) {
  unsigned b = 0;
  for (int i = 0; i < N; ++i) b |= unsigned(s[i] > 0) << i;
  return b;
}

// Boltzmann weights by enumeration, energies from the model constructed fresh in each state.
std::vector<double> exact_distribution(const models::Patterns& xi, int P, double beta) {
  std::vector<double> p(1u << N);
  double Z = 0;
  for (unsigned b = 0; b < p.size(); ++b) {
    p[b] = std::exp(-beta * models::StorageModel(xi, P, models::Interaction::distinct_indices, state_of(b)).energy());
    Z += p[b];
  }
  for (auto& x : p) x /= Z;
  return p;
}

// Histogram of states visited, one record every `thin` sweeps (thinning makes records nearly
// independent, which the chi-square test assumes; tau_int at these beta is well below 1 sweep).
template <class Rule>
std::vector<double> histogram(const models::Patterns& xi, int P, Rule rule, int records, int thin, std::uint64_t seed) {
  engine::Stream rng({.seed = seed, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::dynamics});
  models::StorageModel model(xi, P, models::Interaction::distinct_indices, engine::random_spins(N, rng));
  engine::SiteOrder order(N, engine::SweepOrder::random_permutation);
  std::vector<double> count(1u << N, 0.0);
  for (int t = 0; t < 100; ++t) engine::sweep(model, rule, order, rng);
  for (int r = 0; r < records; ++r) {
    for (int t = 0; t < thin; ++t) engine::sweep(model, rule, order, rng);
    count[bits_of(model.spins())] += 1;
  }
  return count;
}

}  // namespace

TEST_CASE("Glauber and Metropolis sample the Boltzmann distribution on N = 10 (chi-square)") {
  // P = 2 (K = 3) and P = 4 (K = 2) at beta = 1.5 and 20 (P = 4 energies are O(1/P!)),
  // 2e5 records thinned by 3 sweeps. Accept when p > 1e-3: with a fixed seed the test is
  // deterministic, and a correct sampler fails it with probability 1e-3.
  struct Case { int P; int K; double beta; };
  for (const Case c : {Case{2, 3, 1.5}, Case{4, 2, 20.0}}) {
    engine::Stream prng({.seed = 21, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
    auto xi = models::draw_patterns(N, c.K, 0.0, prng);
    const auto exact = exact_distribution(xi, c.P, c.beta);
    const int records = 200000;
    const double pg = chi_square_p(histogram(xi, c.P, engine::Glauber{c.beta}, records, 3, 1), exact, records);
    const double pm = chi_square_p(histogram(xi, c.P, engine::Metropolis{c.beta}, records, 3, 2), exact, records);
    std::printf("Boltzmann N=10 P=%d K=%d beta=%.1f: chi-square p-value Glauber %.3g, Metropolis %.3g (accept > 1e-3)\n",
                c.P, c.K, c.beta, pg, pm);
    CHECK(pg > 1e-3);
    CHECK(pm > 1e-3);
    // Power check: the same histogram must reject a distribution at a 20% different beta.
    const double wrong = chi_square_p(histogram(xi, c.P, engine::Glauber{c.beta}, records, 3, 1),
                                      exact_distribution(xi, c.P, 1.2 * c.beta), records);
    std::printf("  same samples against beta x 1.2: p-value %.3g (must reject, < 1e-3)\n", wrong);
    CHECK(wrong < 1e-3);
  }
}
