// Learning models (physics.md sections 1-3, docs/learning.md L1-L12): the data set, the exact
// O(K P) supervised bookkeeping, the exact unsupervised model and the Plefka mode, each against
// energies recomputed from the spins by routes that share no code with the model.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "engine/rng.hpp"
#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/plefka.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "observables/learning.hpp"

using namespace hebbmc;
using models::Interaction;

namespace {

engine::Stream pattern_stream(std::uint64_t seed) {
  return engine::Stream({.seed = seed, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
}

// -e_P(x) / N^(P-1) for the real vector x_i = v_i sigma_i by the O(N P) subset recursion in long
// double: the distinct-index E_P of physics.md section 3, from scratch.
double e_P_energy(const std::vector<double>& v, const engine::Spins& s, int P) {
  std::vector<long double> e(P + 1, 0.0L);
  e[0] = 1;
  for (std::size_t i = 0; i < v.size(); ++i)
    for (int m = P; m >= 1; --m) e[m] += static_cast<long double>(v[i] * s[i]) * e[m - 1];
  return static_cast<double>(-e[P] / std::pow(static_cast<long double>(v.size()), P - 1));
}

// Full-power form -(N/P!) (v.sigma/N)^P.
double full_power_energy(const std::vector<double>& v, const engine::Spins& s, int P) {
  long double o = 0;
  for (std::size_t i = 0; i < v.size(); ++i) o += v[i] * s[i];
  const double N = double(v.size());
  return -N / std::tgamma(P + 1.0) * std::pow(double(o / N), P);
}

std::vector<double> yhat_column(const models::Examples& D, std::int64_t mu) {
  std::vector<double> v(D.N());
  for (std::int64_t i = 0; i < D.N(); ++i) v[i] = D.yhat(i, mu);
  return v;
}
std::vector<double> eta_column(const models::Examples& D, std::int64_t mu, int a) {
  std::vector<double> v(D.N());
  for (std::int64_t i = 0; i < D.N(); ++i) v[i] = D.eta(i, mu, a);
  return v;
}

double energy_of(Interaction f, const std::vector<double>& v, const engine::Spins& s, int P) {
  return f == Interaction::distinct_indices ? e_P_energy(v, s, P) : full_power_energy(v, s, P);
}

// Supervised H = R^(-P/2) sum_mu E_P(yhat^mu) from scratch.
double supervised_scratch(const models::Examples& D, const engine::Spins& s, int P, Interaction f) {
  double H = 0;
  for (std::int64_t mu = 0; mu < D.K(); ++mu) H += energy_of(f, yhat_column(D, mu), s, P);
  return std::pow(D.R(), -0.5 * P) * H;
}

// Unsupervised H = R^(-P/2) (1/M) sum_mu sum_a E_P(eta^{mu,a}) from scratch.
double unsupervised_scratch(const models::Examples& D, const engine::Spins& s, int P, Interaction f) {
  double H = 0;
  for (std::int64_t mu = 0; mu < D.K(); ++mu)
    for (int a = 0; a < D.M(); ++a) H += energy_of(f, eta_column(D, mu, a), s, P);
  return std::pow(D.R(), -0.5 * P) * H / D.M();
}

// Plefka energy from its definition (docs/learning.md L9): -R^(-P/2)/(P! N^(P-1)) sum_mu
// [F(S) + F''(S) V0 / 2], S = sum_i yhat_i sigma_i, V0 = n - sum_i yhat_i^2, with F written out
// from an independent symbolic derivation (sympy, Newton's identities with p_odd = A, p_even = n).
double plefka_scratch(const models::Examples& D, const engine::Spins& s, int P, Interaction f) {
  double H = 0;
  for (std::int64_t mu = 0; mu < D.K(); ++mu) {
    long double S = 0, sum_y2 = 0;
    for (std::int64_t i = 0; i < D.N(); ++i) {
      S += D.yhat(i, mu) * s[i];
      sum_y2 += D.yhat(i, mu) * D.yhat(i, mu);
    }
    const long double n = D.archetypes().nonzero(mu), V0 = n - sum_y2, A = S, A2 = A * A;
    long double F = 0, half_F2 = 0;
    if (f == Interaction::self_interaction) {
      F = std::pow(A, P);
      half_F2 = P * (P - 1) / 2 * std::pow(A, P - 2);
    } else if (P == 2) {
      F = A2 - n;
      half_F2 = 1;
    } else if (P == 4) {
      F = A2 * A2 - 6 * A2 * n + 8 * A2 + 3 * n * n - 6 * n;
      half_F2 = 6 * A2 - 6 * n + 8;
    } else if (P == 6) {
      F = A2 * A2 * A2 - 15 * A2 * A2 * n + 40 * A2 * A2 + 45 * A2 * n * n - 210 * A2 * n + 184 * A2 - 15 * n * n * n +
          90 * n * n - 120 * n;
      half_F2 = 15 * A2 * A2 - 90 * A2 * n + 240 * A2 + 45 * n * n - 210 * n + 184;
    }
    H += static_cast<double>(F + half_F2 * V0);
  }
  return -std::pow(D.R(), -0.5 * P) * H / (std::tgamma(P + 1.0) * std::pow(double(D.N()), P - 1));
}

// Runs 200 random flips and checks dE against differences of scratch energies. Tolerance 1e-9
// relative plus 1e-11 absolute: the scratch energies are O(N) sums in long double/double
// (roundoff ~1e-14 here), while the bookkeeping is exact integers with one final rounding.
template <class Model, class Scratch>
void check_delta_energy(Model& model, Scratch scratch, engine::Stream& rng) {
  REQUIRE(model.energy() == doctest::Approx(scratch(model.spins())).epsilon(1e-12));
  int bad = 0;
  for (int t = 0; t < 200; ++t) {
    const auto k = std::int64_t(rng.below(std::uint64_t(model.N())));
    const double before = scratch(model.spins());
    const double dE = model.delta_energy(k);
    model.flip(k);
    const double after = scratch(model.spins());
    bad += !(std::abs(dE - (after - before)) <= 1e-9 * std::abs(after - before) + 1e-11);
  }
  CHECK(bad == 0);
  CHECK(model.energy() == doctest::Approx(scratch(model.spins())).epsilon(1e-12));
}

}  // namespace

TEST_CASE("examples: blanks stay blank, w = sum_a eta, chi statistics, keys independent of M and K") {
  engine::Stream rng = pattern_stream(1);
  const auto xi = models::draw_patterns(500, 3, 0.3, rng);
  const double r = 0.4;
  const auto D = models::draw_examples(xi, 20, r, 77, 0);
  std::int64_t kept = 0, total = 0;
  bool blanks_ok = true, w_ok = true;
  for (std::int64_t i = 0; i < D.N(); ++i)
    for (std::int64_t mu = 0; mu < D.K(); ++mu) {
      int w = 0;
      for (int a = 0; a < D.M(); ++a) {
        const int e = D.eta(i, mu, a);
        w += e;
        blanks_ok = blanks_ok && (xi(i, mu) != 0 || e == 0);
        if (xi(i, mu) != 0) { kept += e == xi(i, mu); ++total; }
      }
      w_ok = w_ok && D.teacher(i, mu) == w;
    }
  CHECK(blanks_ok);
  CHECK(w_ok);
  // P(chi = +1) = (1 + r)/2 = 0.7: binomial with ~2e4 trials, 5 sigma = 0.016.
  const double p = double(kept) / double(total), sd = std::sqrt(0.7 * 0.3 / total);
  CHECK(std::abs(p - 0.7) < 5 * sd);
  // Example (mu, a) comes from its own stream: the first M examples do not depend on M or K.
  engine::Stream rng2 = pattern_stream(1);
  const auto xi2 = models::draw_patterns(500, 3, 0.3, rng2);
  const auto D2 = models::draw_examples(xi2, 7, r, 77, 0);
  bool prefix = true;
  for (std::int64_t i = 0; i < 500; ++i)
    for (int a = 0; a < 7; ++a) prefix = prefix && D2.eta(i, 2, a) == D.eta(i, 2, a);
  CHECK(prefix);
  // R = r^2 + (1-r^2)/M and rho = (1-r^2)/(M r^2) satisfy R = r^2 (1 + rho) (physics.md section 1).
  CHECK(D.R() == doctest::Approx(r * r * (1 + D.rho())).epsilon(1e-15));
}

TEST_CASE("R is the second moment of yhat on non-blank sites") {
  // d = 0, N K = 2e5 sites, r = 0.5, M = 4: E yhat^2 = R = 0.4375, var(yhat^2) < 1, so the
  // sample mean is within 5e-3 (> 2 standard errors of 2.2e-3).
  engine::Stream rng = pattern_stream(2);
  const auto xi = models::draw_patterns(20000, 10, 0.0, rng);
  const auto D = models::draw_examples(xi, 4, 0.5, 5, 0);
  double sum = 0;
  for (std::int64_t i = 0; i < D.N(); ++i)
    for (std::int64_t mu = 0; mu < D.K(); ++mu) sum += D.yhat(i, mu) * D.yhat(i, mu);
  CHECK(std::abs(sum / double(D.N() * D.K()) - D.R()) < 5e-3);
}

TEST_CASE("supervised energy equals the literal sum over ordered distinct tuples (N = 7)") {
  // E_P(yhat) = -(1/(P! N^(P-1))) sum over ordered distinct P-tuples of prod yhat sigma (physics.md 3).
  for (int P : {2, 4, 6}) {
    CAPTURE(P);
    engine::Stream rng = pattern_stream(4);
    const auto xi = models::draw_patterns(7, 2, 0.0, rng);
    const auto D = models::draw_examples(xi, 5, 0.5, 9, 0);
    const auto s = engine::random_spins(7, rng);
    models::SupervisedModel model(D, P, Interaction::distinct_indices, s);
    double literal = 0;
    for (std::int64_t mu = 0; mu < 2; ++mu) {
      std::vector<int> idx(P);
      std::function<void(int)> rec = [&](int depth) {
        if (depth == P) {
          double prod = 1;
          for (int t = 0; t < P; ++t) prod *= D.yhat(idx[t], mu) * s[idx[t]];
          literal += prod;
          return;
        }
        for (int i = 0; i < 7; ++i) {
          bool used = false;
          for (int t = 0; t < depth; ++t) used = used || idx[t] == i;
          if (!used) { idx[depth] = i; rec(depth + 1); }
        }
      };
      rec(0);
    }
    literal *= -std::pow(D.R(), -0.5 * P) / (std::tgamma(P + 1.0) * std::pow(7.0, P - 1));
    CHECK(model.energy() == doctest::Approx(literal).epsilon(1e-12));
  }
}

TEST_CASE("dE of all learning models equals differences of energies recomputed from scratch") {
  // P in {2,4,6}, d in {0, 0.5}, both interaction forms; N = 40, K = 3, M = 5 (odd: w never 0
  // on non-blank sites) and M = 4 (even: w = 0 occurs, a zero-dE flip for that archetype).
  for (int P : {2, 4, 6})
    for (double d : {0.0, 0.5})
      for (int M : {4, 5})
        for (auto f : {Interaction::distinct_indices, Interaction::self_interaction}) {
          CAPTURE(P); CAPTURE(d); CAPTURE(M); CAPTURE(int(f));
          engine::Stream rng = pattern_stream(100 + P);
          const auto xi = models::draw_patterns(40, 3, d, rng);
          const auto D = models::draw_examples(xi, M, 0.6, 13, 1);
          const auto s0 = engine::random_spins(40, rng);
          {
            models::SupervisedModel sup(D, P, f, s0);
            check_delta_energy(sup, [&](const engine::Spins& s) { return supervised_scratch(D, s, P, f); }, rng);
          }
          {
            models::UnsupervisedModel uns(D, P, f, s0);
            check_delta_energy(uns, [&](const engine::Spins& s) { return unsupervised_scratch(D, s, P, f); }, rng);
          }
          {
            models::PlefkaModel ple(D, P, f, s0);
            check_delta_energy(ple, [&](const engine::Spins& s) { return plefka_scratch(D, s, P, f); }, rng);
          }
        }
}

TEST_CASE("Plefka at P = 2 (distinct indices) is exactly the supervised Hamiltonian") {
  // docs/learning.md L10 at P = 2: Phi(T) = T^2 - sum_i w_i^2 = 2 e_2(w sigma), the supervised
  // energy. Both are exact integers times a scale computed differently: agreement to 1e-14.
  engine::Stream rng = pattern_stream(6);
  const auto xi = models::draw_patterns(60, 4, 0.2, rng);
  const auto D = models::draw_examples(xi, 6, 0.3, 1, 0);
  const auto s = engine::random_spins(60, rng);
  models::SupervisedModel sup(D, 2, Interaction::distinct_indices, s);
  models::PlefkaModel ple(D, 2, Interaction::distinct_indices, s);
  for (std::int64_t k = 0; k < 60; ++k) CHECK(ple.delta_energy(k) == doctest::Approx(sup.delta_energy(k)).epsilon(1e-14));
  CHECK(ple.energy() == doctest::Approx(sup.energy()).epsilon(1e-14));
}

TEST_CASE("exact minus Plefka energy is exactly the dropped terms (P = 4, eqs. L7-L9)") {
  // (1/M) sum_a F(A_a) = F(S) + F''(S) mu_2/2 + F'''(S) mu_3/6 + F''''(S) mu_4/24 (finite Taylor,
  // F of degree 4), mu_2 = V0 + V_off. So H_exact - H_Plefka must equal
  // -R^-2/(4! N^3) sum_mu [F''(S) V_off/2 + 4 S mu_3 + mu_4] (F'' = 12 S^2 - 12 n + 16, F''' = 24 S).
  // Central moments computed here from the spins in long double; tolerance 1e-9 relative.
  engine::Stream rng = pattern_stream(8);
  const auto xi = models::draw_patterns(50, 2, 0.0, rng);
  const auto D = models::draw_examples(xi, 7, 0.5, 3, 0);
  const auto s = engine::random_spins(50, rng);
  models::UnsupervisedModel exact(D, 4, Interaction::distinct_indices, s);
  models::PlefkaModel plefka(D, 4, Interaction::distinct_indices, s);
  long double dropped = 0;
  for (std::int64_t mu = 0; mu < 2; ++mu) {
    std::vector<long double> A(D.M(), 0.0L);
    long double S = 0, sum_y2 = 0;
    for (std::int64_t i = 0; i < 50; ++i) {
      for (int a = 0; a < D.M(); ++a) A[a] += D.eta(i, mu, a) * s[i];
      S += D.yhat(i, mu) * s[i];
      sum_y2 += D.yhat(i, mu) * D.yhat(i, mu);
    }
    long double mu2 = 0, mu3 = 0, mu4 = 0;
    for (auto x : A) {
      const long double c = x - S;
      mu2 += c * c / D.M(); mu3 += c * c * c / D.M(); mu4 += c * c * c * c / D.M();
    }
    const long double n = 50, V_off = mu2 - (n - sum_y2);
    dropped += (12 * S * S - 12 * n + 16) / 2 * V_off + 4 * S * mu3 + mu4;
  }
  const double expected = -static_cast<double>(dropped) / (D.R() * D.R() * 24.0 * 50 * 50 * 50);
  CHECK(exact.energy() - plefka.energy() == doctest::Approx(expected).epsilon(1e-9));
}

TEST_CASE("integer bookkeeping stays exact after 1e5 flips") {
  // Integers updated by exact rules: any drift is a bug, so equality with a recomputation is exact.
  for (double d : {0.0, 0.5}) {
    engine::Stream rng = pattern_stream(10);
    const auto xi = models::draw_patterns(300, 5, d, rng);
    const auto D = models::draw_examples(xi, 11, 0.4, 2, 0);
    const auto s = engine::random_spins(300, rng);
    models::SupervisedModel sup(D, 6, Interaction::distinct_indices, s);
    models::UnsupervisedModel uns(D, 4, Interaction::distinct_indices, s);
    models::PlefkaModel ple(D, 6, Interaction::distinct_indices, s);
    for (int t = 0; t < 100000; ++t) {
      const auto k = std::int64_t(rng.below(300));
      sup.flip(k); uns.flip(k); ple.flip(k);
    }
    CHECK(sup.overlaps_consistent());
    CHECK(uns.overlaps_consistent());
    CHECK(ple.overlaps_consistent());
    CHECK(uns.exact_arithmetic());
    CHECK(sup.spins() == ple.spins());
    CHECK(sup.teacher_overlap(3) == ple.teacher_overlap(3));
  }
}

TEST_CASE("sizes beyond the exact 128-bit range are refused") {
  // P = 12, N M = 4e5: (N M)^12 / 12! ~ 3e58 >> 2^125; the models must throw, not overflow.
  engine::Stream rng = pattern_stream(12);
  const auto xi = models::draw_patterns(200, 1, 0.0, rng);
  const auto D = models::draw_examples(xi, 2000, 1.0, 1, 0);
  const auto s = engine::random_spins(200, rng);
  CHECK_THROWS_AS(models::SupervisedModel(D, 12, Interaction::distinct_indices, s), std::invalid_argument);
  CHECK_THROWS_AS(models::PlefkaModel(D, 12, Interaction::distinct_indices, s), std::invalid_argument);
}

TEST_CASE("learning observables: definitions, losses, example retrieval diagnostic") {
  engine::Stream rng = pattern_stream(14);
  const auto xi = models::draw_patterns(400, 2, 0.0, rng);
  const double r = 0.3;
  const auto D = models::draw_examples(xi, 9, r, 4, 0);
  // sigma = example (mu = 1, a = 5): n_{1,5} = 1 exactly, m_1 ~ r; the diagnostic must name a = 5.
  engine::Spins s(400);
  for (std::int64_t i = 0; i < 400; ++i) s[i] = D.eta(i, 1, 5);
  auto o = observables::observe_learning(D, s);
  CHECK(o.retrieval[1].a == 5);
  CHECK(o.retrieval[1].n_max == 1.0);
  CHECK(o.retrieval[1].dominance() > 0.5);  // 1 - m with m ~ r = 0.3 +- 0.05
  // Losses on a binary archetype: L^- = 1 - m, L^+ = 1 + m exactly (physics.md section 2).
  CHECK(o.loss_minus[1] == doctest::Approx(1 - o.m[1]).epsilon(1e-15));
  CHECK(o.loss_plus[0] == doctest::Approx(1 + o.m[0]).epsilon(1e-15));
  // nbar = s / (r (1 + rho)) and n_example agree with the models' integer overlaps.
  models::UnsupervisedModel uns(D, 4, Interaction::distinct_indices, s);
  models::SupervisedModel sup(D, 4, Interaction::distinct_indices, s);
  CHECK(o.n_example[1 * 9 + 3] == uns.n(1, 3));
  CHECK(o.s[0] == sup.s(0));
  CHECK(o.nbar[0] == doctest::Approx(o.s[0] / (r * (1 + D.rho()))).epsilon(1e-14));
  // sigma = archetype: m = 1, every n_a ~ r, so the archetype dominates.
  for (std::int64_t i = 0; i < 400; ++i) s[i] = xi(i, 0);
  o = observables::observe_learning(D, s);
  CHECK(o.m[0] == 1.0);
  CHECK(o.loss_minus[0] == 0.0);
  CHECK(o.retrieval[0].dominance() < -0.5);
}

TEST_CASE("diluted archetype: the loss is restricted to its support (docs/learning.md L12)") {
  // L^-_mu = (1/2n) sum_{xi_i != 0} (xi_i - sigma_i)^2 with n the support size: 0 when sigma
  // matches xi on the support, whatever the blank sites hold; L^- + L^+ = 2.
  engine::Stream rng = pattern_stream(15);
  const auto xi = models::draw_patterns(300, 1, 0.5, rng);
  const auto D = models::draw_examples(xi, 3, 0.5, 4, 0);
  engine::Spins s = engine::random_spins(300, rng);
  for (std::int64_t i = 0; i < 300; ++i)
    if (xi(i, 0) != 0) s[i] = xi(i, 0);
  const auto o = observables::observe_learning(D, s);
  CHECK(o.loss_minus[0] == 0.0);
  CHECK(o.loss_plus[0] == 2.0);
  CHECK(o.m[0] == doctest::Approx(double(xi.nonzero(0)) / 300).epsilon(1e-15));
}
