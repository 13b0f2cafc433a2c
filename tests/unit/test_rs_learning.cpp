// RS theory of dense learning (physics.md 5(c), 5(d); docs/learning.md L13-L17).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "analysis/rs/rs_dense.hpp"
#include "analysis/rs/rs_learning.hpp"
#include "engine/rng.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"

using namespace hebbmc;
using analysis::LearningPoint;
using analysis::LearningSetting;
using analysis::TeacherLaw;

TEST_CASE("physics.md 5(c) check point: P = 4, alpha = 0, r = 0.4, M = 50, beta = 30") {
  // Reference: an independent mpmath script (docs/learning.md, "RS check values"): adaptive
  // quadrature of physics.md 5(c) iterated to convergence gives nbar = 0.9015830, m = 0.9876377.
  // physics.md quotes m ~ 0.988, nbar ~ 0.902. Tolerance 1e-6: quadrature and solver tolerances
  // are ~1e-12, the reference is printed to 7 digits.
  const LearningPoint pt{.P = 4, .alpha = 0.0, .beta = 30.0, .r = 0.4, .M = 50};
  const auto s = analysis::solve_rs_learning(pt);
  std::printf("RS 5(c) Gaussian: m = %.7f nbar = %.7f (rho = %.4f)\n", s.m, s.nbar, s.rho);
  REQUIRE(s.converged);
  CHECK(s.m == doctest::Approx(0.9876377).epsilon(1e-6));
  CHECK(s.nbar == doctest::Approx(0.9015830).epsilon(1e-6));
  CHECK(s.rho == doctest::Approx(0.105).epsilon(1e-14));
  // 5(d): in low storage the unsupervised equations are the same (gamma only multiplies alpha).
  auto pu = pt;
  pu.setting = LearningSetting::unsupervised;
  const auto u = analysis::solve_rs_learning(pu);
  CHECK(u.m == s.m);
  CHECK(u.nbar == s.nbar);
}

TEST_CASE("rho = 0 (r = 1) recovers dense storage 5(b), for both data laws and settings") {
  // With r = 1 every example equals its archetype: yhat = xi, R = 1, gamma = 1, so the equations
  // must be 5(b) with nbar = m. Compared with the independent solver analysis/rs_dense at the same
  // points; tolerance 1e-9 (both solvers converge to 1e-12).
  for (double alpha : {0.0, 0.01, 0.05})
    for (double beta : {10.0, 30.0, std::numeric_limits<double>::infinity()})
      for (auto law : {TeacherLaw::gaussian, TeacherLaw::binomial})
        for (auto setting : {LearningSetting::supervised, LearningSetting::unsupervised}) {
          CAPTURE(alpha); CAPTURE(beta); CAPTURE(int(law)); CAPTURE(int(setting));
          const auto d = analysis::solve_rs_dense(4, alpha, beta);
          const auto s = analysis::solve_rs_learning({.P = 4, .alpha = alpha, .beta = beta, .r = 1.0, .M = 7,
                                                      .setting = setting, .law = law});
          REQUIRE(d.converged);
          REQUIRE(s.converged);
          CHECK(s.m == doctest::Approx(d.m).epsilon(1e-9));
          CHECK(s.nbar == doctest::Approx(d.m).epsilon(1e-9));
          CHECK(s.q == doctest::Approx(d.q).epsilon(1e-9));
          CHECK(s.energy == doctest::Approx(d.energy).epsilon(1e-9));
        }
}

TEST_CASE("binomial data law converges to the Gaussian law of 5(c) as M grows") {
  // The Gaussian law is the large-M limit of t = (2k - M)/M (central limit theorem); the
  // difference must shrink with M (observed roughly like 1/M). Printed for docs/learning.md.
  double previous = 1.0;
  for (int M : {5, 50, 500, 5000}) {
    const LearningPoint g{.P = 4, .alpha = 0.0, .beta = 30.0, .r = 0.4, .M = M, .law = TeacherLaw::gaussian};
    auto b = g;
    b.law = TeacherLaw::binomial;
    const auto sg = analysis::solve_rs_learning(g), sb = analysis::solve_rs_learning(b);
    REQUIRE(sg.converged);
    REQUIRE(sb.converged);
    const double diff = std::abs(sg.m - sb.m) + std::abs(sg.nbar - sb.nbar);
    std::printf("M = %4d  Gaussian m = %.6f nbar = %.6f   binomial m = %.6f nbar = %.6f\n", M, sg.m, sg.nbar, sb.m,
                sb.nbar);
    CHECK(diff < previous);
    previous = diff;
  }
  CHECK(previous < 1e-3);
}

TEST_CASE("noise factor gamma: closed form, limits, and M = 1 identity") {
  // eq. L16. M = 1: the only example is the teacher, the two settings are the same Hamiltonian.
  // r = 1: examples equal archetypes. gamma for r = 0.4, M = 50, P = 4 written out by hand.
  CHECK(analysis::learning_noise_factor(LearningSetting::unsupervised, 4, 0.37, 1) == doctest::Approx(1.0).epsilon(1e-14));
  CHECK(analysis::learning_noise_factor(LearningSetting::unsupervised, 6, 1.0, 9) == doctest::Approx(1.0).epsilon(1e-14));
  CHECK(analysis::learning_noise_factor(LearningSetting::supervised, 4, 0.4, 50) == 1.0);
  const double R = 0.16 + 0.84 / 50;
  CHECK(analysis::learning_noise_factor(LearningSetting::unsupervised, 4, 0.4, 50) ==
        doctest::Approx((1 + 49 * std::pow(0.4, 8)) / (50 * std::pow(R, 4))).epsilon(1e-14));
  for (auto setting : {LearningSetting::supervised, LearningSetting::unsupervised}) {
    const auto s = analysis::solve_rs_learning({.P = 4, .alpha = 0.002, .beta = 20, .r = 0.7, .M = 1, .setting = setting});
    const auto t = analysis::solve_rs_learning({.P = 4, .alpha = 0.002, .beta = 20, .r = 0.7, .M = 1});
    CHECK(s.m == doctest::Approx(t.m).epsilon(1e-12));
  }
}

TEST_CASE("gamma is the disorder variance ratio of the non-condensed energies (sampled)") {
  // Derivation check of eq. L16 that does not use the RS code: for one archetype the disorder
  // variance of its energy at sigma is gamma C(N,P)/N^(2P-2) (docs/learning.md, eq. L16), with
  // gamma = 1 for R^(-P/2) E_P(yhat) (supervised) and (1 + (M-1) r^(2P))/(M R^P) for
  // R^(-P/2) (1/M) sum_a E_P(eta^a) (unsupervised). Sampled over 1e5 archetypes (N = 8, P = 4,
  // r = 0.6, M = 5: gamma = 3.76) at sigma = +1 (the law of xi is symmetric, so any sigma is
  // equivalent). N is small so that E_P is bounded and its square has a finite, small spread: the
  // tolerance is 5 standard errors of the sample mean, estimated from the same sample.
  const int N = 8, P = 4, M = 5, K = 100000;
  const double r = 0.6;
  engine::Stream rng({.seed = 21, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
  const auto xi = models::draw_patterns(N, K, 0.0, rng);
  const auto D = models::draw_examples(xi, M, r, 21, 0);
  auto e4 = [&](auto entry) {  // -e_P(v)/N^(P-1) by the subset recursion
    std::vector<double> e(P + 1, 0.0);
    e[0] = 1;
    for (int i = 0; i < N; ++i)
      for (int m = P; m >= 1; --m) e[m] += entry(i) * e[m - 1];
    return -e[P] / std::pow(double(N), P - 1);
  };
  const double R = models::example_R(r, M), scale = std::pow(R, -P);  // (R^(-P/2))^2
  const double unit = double(N) * (N - 1) * (N - 2) * (N - 3) / 24 / std::pow(double(N), 2 * P - 2);
  const double gamma = (1 + (M - 1) * std::pow(r, 2 * P)) / (M * std::pow(R, P));
  double sum[2] = {0, 0}, sum2[2] = {0, 0};
  for (std::int64_t mu = 0; mu < K; ++mu) {
    double x[2] = {e4([&](int i) { return D.yhat(i, mu); }), 0.0};
    for (int a = 0; a < M; ++a) x[1] += e4([&](int i) { return double(D.eta(i, mu, a)); }) / M;
    for (int t = 0; t < 2; ++t) {  // the mean of E_P is 0 (odd moments of xi vanish): E_P^2 estimates the variance
      const double v = scale * x[t] * x[t] / unit;
      sum[t] += v;
      sum2[t] += v * v;
    }
  }
  const double theory[2] = {1.0, gamma};
  for (int t = 0; t < 2; ++t) {
    const double mean = sum[t] / K, se = std::sqrt((sum2[t] / K - mean * mean) / K);
    std::printf("sampled gamma (%s): %.4f +- %.4f, eq. L16: %.4f\n", t ? "unsupervised" : "supervised", mean, se, theory[t]);
    CHECK(std::abs(mean - theory[t]) < 5 * se);
    CHECK(se < 0.03 * theory[t]);  // the check has teeth: 5 se < 15% and gamma - 1 = 276%
  }
  CHECK(gamma == doctest::Approx(analysis::learning_noise_factor(LearningSetting::unsupervised, P, r, M)).epsilon(1e-14));
}

TEST_CASE("high storage: unsupervised noise shrinks retrieval where gamma > 1") {
  // At P = 4, r = 0.4, M = 50 (gamma = 21) the unsupervised noise alpha gamma is 21 times the
  // supervised one: at alpha = 0.002 the supervised network retrieves, the unsupervised one has
  // a visibly smaller m (or loses retrieval). Both from the retrieval start.
  const LearningPoint s{.P = 4, .alpha = 0.002, .beta = 30, .r = 0.4, .M = 50};
  auto u = s;
  u.setting = LearningSetting::unsupervised;
  const auto rs = analysis::solve_rs_learning(s), ru = analysis::solve_rs_learning(u);
  std::printf("alpha = 0.002: supervised m = %.5f nbar = %.5f; unsupervised m = %.5f nbar = %.5f (gamma %.2f)\n", rs.m,
              rs.nbar, ru.m, ru.nbar, ru.gamma);
  REQUIRE(rs.converged);
  REQUIRE(ru.converged);
  CHECK(rs.m > 0.9);
  CHECK(ru.m < rs.m - 0.05);
}

TEST_CASE("invalid points are refused") {
  CHECK_THROWS_AS(analysis::solve_rs_learning({.P = 3}), std::invalid_argument);
  CHECK_THROWS_AS(analysis::solve_rs_learning({.P = 2, .alpha = 0.1}), std::invalid_argument);
  CHECK_THROWS_AS(analysis::solve_rs_learning({.P = 4, .r = 0.0}), std::invalid_argument);
  CHECK_THROWS_AS(analysis::solve_rs_learning({.P = 4, .M = 0}), std::invalid_argument);
}
