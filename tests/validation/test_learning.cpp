// Long validations of the learning models (ctest -L validation; ~2 min on 2 cores):
// finite-size scaling of MC towards RS 5(c)/5(d), the 1/N difference between the Plefka mode
// and the exact unsupervised model, and the high-storage noise factor gamma of docs/learning.md
// eq. L16 confirmed by simulation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "analysis/rs/rs_learning.hpp"
#include "engine/glauber.hpp"
#include "engine/sweep.hpp"
#include "models/examples.hpp"
#include "models/plefka.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "observables/learning.hpp"

using namespace hebbmc;

namespace {

struct Point {
  int N, K, P, M;
  double r, beta;
  int samples, thermalization, sweeps;
};

// Time averages of m_1 and nbar_1 of one chain started at archetype 1 (O(N) per measurement),
// and max_mu |m_mu| over all archetypes at the end (did the chain end on some archetype?).
struct ChainResult {
  double m = 0, nbar = 0, max_final = 0;
};

template <class Model>
ChainResult run_chain(const Point& p, int s) {
  engine::Stream prng({.seed = 43, .point = 0, .sample = std::uint32_t(s), .replica = 0, .purpose = engine::Purpose::patterns});
  const auto xi = models::draw_patterns(p.N, p.K, 0.0, prng);
  const auto D = models::draw_examples(xi, p.M, p.r, 43, std::uint32_t(s));
  engine::Spins start(p.N);
  for (int i = 0; i < p.N; ++i) start[i] = xi(i, 0);
  Model model(D, p.P, models::Interaction::distinct_indices, start);
  engine::Stream rng({.seed = 43, .point = 0, .sample = std::uint32_t(s), .replica = 0, .purpose = engine::Purpose::dynamics});
  engine::SiteOrder order(p.N, engine::SweepOrder::random_permutation);
  const engine::Glauber rule{p.beta};
  for (int t = 0; t < p.thermalization; ++t) engine::sweep(model, rule, order, rng);
  double m = 0, nbar = 0;
  for (int t = 0; t < p.sweeps; ++t) {
    engine::sweep(model, rule, order, rng);
    std::int64_t mm = 0, ss = 0;
    for (int i = 0; i < p.N; ++i) {
      mm += xi(i, 0) * model.spins()[i];
      ss += std::int64_t(D.teacher(i, 0)) * model.spins()[i];
    }
    m += double(mm) / p.N / p.sweeps;
    nbar += observables::normalised_teacher_overlap(double(ss) / (double(p.M) * p.N), p.r, p.M) / p.sweeps;
  }
  double max_final = 0;
  for (int mu = 0; mu < p.K; ++mu) {
    std::int64_t mm = 0;
    for (int i = 0; i < p.N; ++i) mm += xi(i, mu) * model.spins()[i];
    max_final = std::max(max_final, std::abs(double(mm)) / p.N);
  }
  return {m, nbar, max_final};
}

template <class Model>
std::vector<ChainResult> run_samples(const Point& p) {
  std::vector<ChainResult> out(static_cast<std::size_t>(p.samples));
#pragma omp parallel for schedule(dynamic, 1)
  for (int s = 0; s < p.samples; ++s) out[s] = run_chain<Model>(p, s);
  return out;
}

template <class F>
std::pair<double, double> mean_error(int n, F f) {
  double s = 0, s2 = 0;
  for (int k = 0; k < n; ++k) {
    s += f(k);
    s2 += f(k) * f(k);
  }
  const double mean = s / n;
  return {mean, std::sqrt(std::max(0.0, s2 / n - mean * mean) / (n - 1))};
}

analysis::LearningRSSolution rs(const Point& p, double alpha, analysis::LearningSetting setting) {
  return analysis::solve_rs_learning({.P = p.P, .alpha = alpha, .beta = p.beta, .r = p.r, .M = p.M, .setting = setting,
                                      .law = analysis::TeacherLaw::binomial});
}

}  // namespace

TEST_CASE("unsupervised (exact), low storage: the m deficit to RS 5(d) shrinks like 1/N") {
  // P = 4, K = 2, r = 0.4, M = 50, beta = 30; N = 600, 1200, 2400 with 16 samples x (100 + 500)
  // sweeps. physics.md 5(d): the limit is the 5(c) solution. Checks: the deficit decreases with N,
  // N x deficit stays O(1) (below 6), and at N = 2400 MC is within 4 sigma + 3/N of RS.
  const auto theory = rs({600, 2, 4, 50, 0.4, 30, 0, 0, 0}, 0.0, analysis::LearningSetting::unsupervised);
  double previous = 1.0;
  for (int N : {600, 1200, 2400}) {
    const Point p{N, 2, 4, 50, 0.4, 30, 16, 100, 500};
    const auto runs = run_samples<models::UnsupervisedModel>(p);
    const auto m = mean_error(p.samples, [&](int s) { return runs[s].m; });
    const double deficit = theory.m - m.first;
    std::printf("unsupervised N = %4d: m = %.5f +- %.5f, RS %.5f, deficit %.5f, N x deficit %.2f\n", N, m.first, m.second,
                theory.m, deficit, N * deficit);
    CHECK(deficit < previous + 2 * m.second);
    CHECK(N * deficit < 6.0);
    if (N == 2400) CHECK(std::abs(deficit) <= 4 * m.second + 3.0 / N);
    previous = deficit;
  }
}

TEST_CASE("Plefka minus exact unsupervised m is a 1/N effect at M = 50") {
  // Paired chains (same data and dynamics stream), K = 2, P = 4, r = 0.4, beta = 30, 16 samples.
  // The dropped terms (docs/learning.md L9) change dE by O(1/N): the paired difference must fall
  // like 1/N, N x diff in [0.5, 4] at every N (measured 1.6 - 2.2), and vanish in the limit.
  for (int N : {200, 400, 800, 1600}) {
    const Point p{N, 2, 4, 50, 0.4, 30, 16, 100, 500};
    const auto ex = run_samples<models::UnsupervisedModel>(p);
    const auto pl = run_samples<models::PlefkaModel>(p);
    const auto d = mean_error(p.samples, [&](int s) { return pl[s].m - ex[s].m; });
    std::printf("N = %4d: Plefka - exact m = %.5f +- %.5f, N x diff = %.2f +- %.2f\n", N, d.first, d.second, N * d.first,
                N * d.second);
    CHECK(N * d.first > 0.5 - 4 * N * d.second);
    CHECK(N * d.first < 4.0 + 4 * N * d.second);
  }
}

TEST_CASE("high storage: the unsupervised noise factor gamma (eq. L16) decides retrieval") {
  // P = 4, r = 0.4, M = 525 (rho = 0.01, small amplitude noise; gamma = 3.75), beta = 30, N = 50,
  // 8 samples x (100 + 300) sweeps, K = alpha N^3, chains started at archetype 1.
  //  alpha = 0.01: RS supervised m = 0.997; RS unsupervised with gamma: no retrieval (gamma alpha =
  //    0.0375 is beyond the spinodal); with the noise of 5(c) (gamma = 1) it would retrieve like
  //    the supervised model. The Plefka mode keeps only the s-dependence, so it has the supervised
  //    noise and retrieves: it is invalid in high storage.
  //  At N = 50 retrieval states are metastable for hundreds of sweeps and a chain that leaves
  //  archetype 1 usually ends on another archetype (the deepest of K basins; teacher vectors differ
  //  in quality by O(N^-1/2), docs/learning.md). The observable is therefore the number of chains
  //  that keep archetype 1 (time-averaged m_1 > 0.9). Checks: supervised and Plefka keep it in
  //  >= 7/8 chains; the exact unsupervised model in <= 4/8, like the supervised model at the same
  //  RS noise (alpha -> gamma alpha, K = 4690), which must also keep it in <= 4/8. The supervised
  //  m_1 of the chains that kept it agrees with RS within 4 sigma + 0.01 (N = 50 allowance; the
  //  storage check of physics.md 5(b) passes at N = 50 to 0.005).
  //  alpha = 0.0025: gamma alpha = 0.0094 < 0.01, the unsupervised model retrieves, m near RS.
  const Point p{50, 1250, 4, 525, 0.4, 30, 8, 100, 300};
  const auto sup_rs = rs(p, 0.01, analysis::LearningSetting::supervised);
  const auto uns_rs = rs(p, 0.01, analysis::LearningSetting::unsupervised);
  std::printf("RS alpha = 0.01: supervised m = %.4f; unsupervised m = %.4f (gamma = %.3f)\n", sup_rs.m, uns_rs.m, uns_rs.gamma);
  REQUIRE(sup_rs.m > 0.99);
  REQUIRE(std::abs(uns_rs.m) < 1e-6);
  Point p_gamma = p;
  p_gamma.K = int(std::lround(uns_rs.gamma * p.K));
  const auto sup = run_samples<models::SupervisedModel>(p);
  const auto uns = run_samples<models::UnsupervisedModel>(p);
  const auto ple = run_samples<models::PlefkaModel>(p);
  const auto sup_gamma = run_samples<models::SupervisedModel>(p_gamma);
  auto kept = [](const char* name, const std::vector<ChainResult>& v) {
    int n = 0;
    std::printf("%-34s (m_1 average, final max_mu |m_mu|):", name);
    for (const auto& c : v) {
      std::printf(" (%.3f, %.2f)", c.m, c.max_final);
      n += c.m > 0.9;
    }
    std::printf("  kept %d/%zu\n", n, v.size());
    return n;
  };
  const int k_sup = kept("supervised, alpha", sup), k_ple = kept("Plefka, alpha", ple);
  const int k_uns = kept("unsupervised exact, alpha", uns), k_gam = kept("supervised, gamma alpha", sup_gamma);
  std::vector<double> stayed;
  for (const auto& c : sup)
    if (c.m > 0.9) stayed.push_back(c.m);
  const auto ms = mean_error(int(stayed.size()), [&](int s) { return stayed[s]; });
  std::printf("supervised m_1 over %zu chains that kept archetype 1: %.4f +- %.4f (RS %.4f)\n", stayed.size(), ms.first,
              ms.second, sup_rs.m);
  CHECK(k_sup >= 7);
  CHECK(k_ple >= 7);
  CHECK(k_uns <= 4);
  CHECK(k_gam <= 4);
  REQUIRE(stayed.size() >= 4);
  CHECK(std::abs(ms.first - sup_rs.m) <= 4 * ms.second + 0.01);

  const Point q{50, 312, 4, 525, 0.4, 30, 4, 60, 300};
  const auto uns_rs2 = rs(q, 0.0025, analysis::LearningSetting::unsupervised);
  const auto uns2 = run_samples<models::UnsupervisedModel>(q);
  const auto mu2 = mean_error(q.samples, [&](int s) { return uns2[s].m; });
  std::printf("alpha = 0.0025, N = 50: unsupervised exact MC m = %.4f +- %.4f, RS %.4f\n", mu2.first, mu2.second, uns_rs2.m);
  CHECK(std::abs(mu2.first - uns_rs2.m) <= 4 * mu2.second + 0.01);
}
