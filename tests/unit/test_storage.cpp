// Storage Hamiltonian: the O(K) bookkeeping (Newton polynomial of the integer overlaps,
// docs/hamiltonian.md eqs. H1-H4) against energies recomputed from the spins by routes that
// share no code with it.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "engine/rng.hpp"
#include "engine/spins.hpp"
#include "models/newton_polynomial.hpp"
#include "models/patterns.hpp"
#include "models/storage.hpp"

using namespace hebbmc;

namespace {

// Distinct-index energy from scratch: elementary symmetric polynomial of the integers
// y_i = xi_i sigma_i by the O(N P) subset recursion, E_P = -e_P(y) / N^(P-1) (physics.md section 3).
double energy_distinct_dp(const models::Patterns& xi, const engine::Spins& s, int P) {
  const auto N = xi.N();
  double total = 0;
  for (std::int64_t mu = 0; mu < xi.K(); ++mu) {
    std::vector<double> e(P + 1, 0.0);
    e[0] = 1;
    for (std::int64_t i = 0; i < N; ++i) {
      const double y = xi(i, mu) * s[i];
      for (int m = P; m >= 1; --m) e[m] += y * e[m - 1];
    }
    total += -e[P] / std::pow(double(N), P - 1);
  }
  return total;
}

// Full-power energy from scratch: -(N / P!) m^P per pattern.
double energy_full_power(const models::Patterns& xi, const engine::Spins& s, int P) {
  double total = 0;
  for (std::int64_t mu = 0; mu < xi.K(); ++mu) {
    double M = 0;
    for (std::int64_t i = 0; i < xi.N(); ++i) M += xi(i, mu) * s[i];
    total += -double(xi.N()) / std::tgamma(P + 1.0) * std::pow(M / xi.N(), P);
  }
  return total;
}

// Literal definition: sum over ordered P-tuples of distinct sites, / (P! N^(P-1)); tiny N only.
double energy_tuples(const models::Patterns& xi, const engine::Spins& s, int P, std::int64_t mu) {
  const int N = int(xi.N());
  std::vector<int> idx(P, 0);
  double sum = 0;
  std::function<void(int)> rec = [&](int depth) {
    if (depth == P) {
      double prod = 1;
      for (int k = 0; k < P; ++k) prod *= xi(idx[k], mu) * s[idx[k]];
      sum += prod;
      return;
    }
    for (int i = 0; i < N; ++i) {
      bool used = false;
      for (int k = 0; k < depth; ++k) used = used || idx[k] == i;
      if (!used) { idx[depth] = i; rec(depth + 1); }
    }
  };
  rec(0);
  return -sum / (std::tgamma(P + 1.0) * std::pow(double(N), P - 1));
}

}  // namespace

TEST_CASE("Newton polynomial equals the literal sum over distinct tuples (N = 7, P in {2,4,6})") {
  // Exact integers on both sides; tolerance 1e-12 relative only for the final division.
  for (int P : {2, 4, 6}) {
    for (double d : {0.0, 0.5}) {
      engine::Stream rng({.seed = 11, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
      auto xi = models::draw_patterns(7, 2, d, rng);
      auto s = engine::random_spins(7, rng);
      models::StorageModel model(xi, P, models::Interaction::distinct_indices, s);
      const double literal = energy_tuples(xi, s, P, 0) + energy_tuples(xi, s, P, 1);
      CHECK(model.energy() == doctest::Approx(literal).epsilon(1e-12));
    }
  }
}

TEST_CASE("dE from the bookkeeping equals the difference of energies recomputed from scratch") {
  // For P in {2,4,6}, d in {0, 0.5}, both interaction forms: 200 random flips on random states.
  // Tolerance 1e-9 relative plus 1e-12 absolute: the from-scratch energies are O(N) sums in
  // double (roundoff ~ N * 1e-16 = 4e-15 here), and a flip on a blank site has dE = 0 exactly
  // while the difference of two recomputed energies leaves that roundoff. The bookkeeping is exact.
  for (int P : {2, 4, 6})
    for (double d : {0.0, 0.5})
      for (auto form : {models::Interaction::distinct_indices, models::Interaction::self_interaction}) {
        CAPTURE(P); CAPTURE(d); CAPTURE(int(form));
        const std::int64_t N = 40, K = 5;
        engine::Stream rng({.seed = 3, .point = std::uint64_t(P), .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
        auto xi = models::draw_patterns(N, K, d, rng);
        auto s = engine::random_spins(N, rng);
        models::StorageModel model(xi, P, form, s);
        auto scratch = [&](const engine::Spins& sp) {
          return form == models::Interaction::distinct_indices ? energy_distinct_dp(xi, sp, P) : energy_full_power(xi, sp, P);
        };
        REQUIRE(model.energy() == doctest::Approx(scratch(model.spins())).epsilon(1e-12));
        for (int t = 0; t < 200; ++t) {
          const auto k = std::int64_t(rng.below(N));
          const double before = scratch(model.spins());
          const double dE = model.delta_energy(k);
          model.flip(k);
          const double after = scratch(model.spins());
          CHECK(std::abs(dE - (after - before)) <= 1e-9 * std::abs(after - before) + 1e-12);
        }
        CHECK(model.energy() == doctest::Approx(scratch(model.spins())).epsilon(1e-12));
      }
}

TEST_CASE("binary patterns: the even/odd split (H5) returns exactly the direct sum (H4)") {
  // Both are sums of integers below 2^53, so they must agree bit for bit (equality, no
  // tolerance); this is what makes chains identical whichever form the model uses. The direct
  // form evaluates h(sigma_k xi_k M) by Horner on the public polynomial, with the same
  // prefactor expression as the model. P in {2, 4, 6, 8}; 500 proposals, a third accepted.
  for (int P : {2, 4, 6, 8}) {
    CAPTURE(P);
    const std::int64_t N = P == 8 ? 20 : 60, K = 300;  // P = 8 needs small N to stay below 2^53
    engine::Stream rng({.seed = 9, .point = std::uint64_t(P), .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
    auto xi = models::draw_patterns(N, K, 0.0, rng);
    models::StorageModel model(xi, P, models::Interaction::distinct_indices, engine::random_spins(N, rng));
    REQUIRE(model.exact_arithmetic());
    const auto h = models::flip_difference(models::newton_polynomial<double>(P, double(N)));
    const double inv_norm = 1.0 / (std::tgamma(P + 1.0) * std::pow(double(N), P - 1.0));
    int mismatches = 0;
    for (int t = 0; t < 500; ++t) {
      const auto k = std::int64_t(rng.below(N));
      double direct = 0;
      for (std::int64_t mu = 0; mu < K; ++mu)
        direct += models::evaluate(h, double(model.spins()[k] * xi(k, mu) * model.overlap(mu)));
      mismatches += model.delta_energy(k) != -inv_norm * direct;
      if (rng.below(3) == 0) model.flip(k);
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("integer overlaps stay exact after 1e5 flips") {
  // Overlaps are integers updated by -2 sigma xi: any drift at all is a bug, so equality is exact.
  for (double d : {0.0, 0.5}) {
    engine::Stream rng({.seed = 5, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
    auto xi = models::draw_patterns(300, 17, d, rng);
    models::StorageModel model(xi, 4, models::Interaction::distinct_indices, engine::random_spins(300, rng));
    for (int t = 0; t < 100000; ++t) model.flip(std::int64_t(rng.below(300)));
    CHECK(model.overlaps_consistent());
    CHECK(model.exact_arithmetic());
  }
}

TEST_CASE("P = 2 reproduces the Hopfield local field: dE = 2 sigma_k h_k") {
  // h_k = (1/N) sum_mu xi_k (M_mu - xi_k sigma_k): the textbook form without self-coupling.
  const std::int64_t N = 50, K = 4;
  engine::Stream rng({.seed = 9, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
  auto xi = models::draw_patterns(N, K, 0.0, rng);
  models::StorageModel model(xi, 2, models::Interaction::distinct_indices, engine::random_spins(N, rng));
  for (std::int64_t k = 0; k < N; ++k) {
    double h = 0;
    for (std::int64_t mu = 0; mu < K; ++mu) h += xi(k, mu) * (model.overlap(mu) - xi(k, mu) * model.spins()[k]);
    CHECK(model.delta_energy(k) == doctest::Approx(2.0 * model.spins()[k] * h / N).epsilon(1e-14));
  }
}

TEST_CASE("flip difference polynomial: h(u) = F(u-2) - F(u) at sample points") {
  // Pure arithmetic identity on integer coefficients: exact.
  const auto F = models::newton_polynomial<double>(4, 30.0);
  const auto h = models::flip_difference(F);
  for (double u : {-30.0, -7.0, 0.0, 1.0, 12.0, 30.0})
    CHECK(models::evaluate(h, u) == models::evaluate(F, u - 2) - models::evaluate(F, u));
}

TEST_CASE("the Newton recursion H2 gives the same integers in double, __int128 and long double") {
  // All coefficients are integers; at P <= 12, n <= 30 they are below 2^53, so every number type
  // must hold them exactly and agree. F_4(M; n) = M^4 - 6 n M^2 + 8 M^2 + 3 n^2 - 6 n (bench/README.md)
  // is the closed form checked by hand. The absolute-term variant bounds |c_l(n)| for n <= n_max.
  __extension__ typedef __int128 Int;
  const auto F4 = models::newton_polynomial<double>(4, 30.0);
  CHECK(F4 == std::vector<double>{3.0 * 900 - 6 * 30, 0, -6.0 * 30 + 8, 0, 1});
  for (int P = 1; P <= 12; ++P)
    for (int n : {1, 7, 30}) {
      CAPTURE(P);
      CAPTURE(n);
      const auto d = models::newton_polynomial<double>(P, double(n));
      const auto i = models::newton_polynomial<Int>(P, Int(n));
      const auto l = models::newton_polynomial<long double>(P, static_cast<long double>(n));
      const auto bound = models::newton_polynomial<long double>(P, 30.0L, models::NewtonTerms::absolute_terms);
      REQUIRE(d.size() == static_cast<std::size_t>(P) + 1);
      REQUIRE(i.size() == d.size());
      REQUIRE(l.size() == d.size());
      for (std::size_t c = 0; c < d.size(); ++c) {
        CHECK(static_cast<double>(i[c]) == d[c]);
        CHECK(static_cast<double>(l[c]) == d[c]);
        CHECK(std::abs(static_cast<long double>(d[c])) <= bound[c]);
      }
    }
}
