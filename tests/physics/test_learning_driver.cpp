// The learning models through the run driver (runs/driver/simulation.cpp): parameter text ->
// simulate_sample -> recorder statistics, compared with the RS theory of physics.md 5(c), 5(d)
// (analysis/rs_learning, binomial data law, docs/learning.md L13-L16). The model-level checks
// are in test_learning.cpp; this one checks that the driver builds the data set, the chosen
// Hamiltonian, the start at archetype 1, the measurement of m and nbar and their statistics.
//
// P = 4 low storage (K = 2, theory alpha = 0), M = 50, beta = 15: the RS retrieval branch exists
// for r above r_s ~ 0.383 (spinodal of the binomial-law equations) and is gone below.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "analysis/rs/rs_learning.hpp"
#include "engine/rng.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "observables/learning.hpp"
#include "observables/replica_observation.hpp"
#include "runs/input/parameters.hpp"
#include "runs/driver/simulation.hpp"

using namespace hebbmc;

namespace {

// One point from parameter-file text, as `hebbmc run` resolves it.
runs::PointParameters point(const std::string& type, double r, int N, int samples) {
  const std::string text = "[model]\ntype = \"" + type + "\"\nN = " + std::to_string(N) +
                           "\nP = 4\nK = 2\nM = 50\nr = " + std::to_string(r) +
                           "\n[dynamics]\nbeta = 15.0\nsweeps = 600\nthermalization = 200\n"
                           "[run]\nseed = 17\nreplicas = 1\nrecord_patterns = 1\nsamples = " + std::to_string(samples) + "\n";
  const runs::RunSpec spec = runs::parse_run_spec(text, "learning_driver.toml");
  REQUIRE(spec.points.size() == 1);
  return spec.points[0];
}

struct Stat {
  double mean = 0, error = 0;  // over disorder samples (thermal and disorder noise together)
};

// Mean and standard error over samples of each sample's time average of m_1, nbar_1, dominance.
struct DriverRun {
  Stat m, nbar, dominance;
};

Stat over_samples(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double s = 0, s2 = 0;
  for (double v : x) s += v, s2 += v * v;
  const double mean = s / n;
  return {mean, std::sqrt(std::max(0.0, s2 / n - mean * mean) / (n - 1))};
}

DriverRun run_point(const runs::PointParameters& p) {
  std::vector<double> m(static_cast<std::size_t>(p.samples)), nbar(m.size()), dom(m.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (int s = 0; s < p.samples; ++s) {
    const runs::SampleResult r = runs::simulate_sample(p, s, [](double) {});
    m[s] = r.record.m.at(0).mean;
    nbar[s] = r.record.extra.at(0).mean;  // extra series: nbar_1..nbar_L, then the dominance
    dom[s] = r.record.extra.at(1).mean;
  }
  return {over_samples(m), over_samples(nbar), over_samples(dom)};
}

analysis::LearningRSSolution theory(const runs::PointParameters& p) {
  return analysis::solve_rs_learning({.P = p.P, .alpha = 0.0, .beta = p.beta, .r = p.r, .M = static_cast<int>(p.M),
                                      .setting = p.type == runs::ModelType::supervised ? analysis::LearningSetting::supervised
                                                                                        : analysis::LearningSetting::unsupervised,
                                      .law = analysis::TeacherLaw::binomial});
}

void check(const char* what, Stat mc, double rs, double allowance, const char* why) {
  const double tol = 4 * mc.error + allowance;
  std::printf("%-52s MC %.5f +- %.5f  RS %.5f  |diff| %.5f <= %.5f (4 sigma + %.4f: %s)\n", what, mc.mean, mc.error, rs,
              std::abs(mc.mean - rs), tol, allowance, why);
  CHECK_MESSAGE(std::abs(mc.mean - rs) <= tol, what);
}

// Both points of one model type: retrieval at r = 0.6, no retrieval at r = 0.3.
void retrieval_and_loss(const std::string& type) {
  const int N = 1000, samples = 12;
  const runs::PointParameters on = point(type, 0.6, N, samples), off = point(type, 0.3, N, samples);
  const auto rs_on = theory(on), rs_off = theory(off);
  REQUIRE(rs_on.converged);
  REQUIRE(rs_off.converged);
  // The theory itself: retrieval (m = 0.9601, nbar = 0.9331) at r = 0.6; the start nbar0 = 1 falls
  // to the paramagnet at r = 0.3.
  REQUIRE(rs_on.m > 0.9);
  REQUIRE(std::abs(rs_off.m) < 1e-6);
  const DriverRun a = run_point(on), b = run_point(off);
  // Retrieval: finite-size corrections are O(1/N) (docs/learning.md, "Measurements": 1.4-1.9/N at
  // beta = 30); here, nearer the spinodal, the RS - MC difference is larger; allowance 5/N.
  check((type + " r=0.6 m").c_str(), a.m, rs_on.m, 5.0 / N, "O(1/N), 5/N");
  check((type + " r=0.6 nbar").c_str(), a.nbar, rs_on.nbar, 5.0 / N, "O(1/N), 5/N");
  // Archetype, not example, retrieval: at M = 50 > M*(r = 0.6) ~ 9 (docs/learning.md, "Example
  // retrieval") n_max ~ r m + O(N^-1/2) < m, so the dominance max_a n_a - m_1 is clearly negative.
  std::printf("%s r=0.6 example dominance %.4f +- %.4f\n", type.c_str(), a.dominance.mean, a.dominance.error);
  CHECK(a.dominance.mean + 4 * a.dominance.error < -0.1);
  // Loss: the chains started at archetype 1 decay to the paramagnet, where m and nbar are of
  // order N^(-1/2) per configuration and average to 0; allowance one such fluctuation, 1/sqrt(N).
  check((type + " r=0.3 m (retrieval lost)").c_str(), b.m, rs_off.m, 1 / std::sqrt(double(N)), "paramagnet, N^-1/2");
  check((type + " r=0.3 nbar (retrieval lost)").c_str(), b.nbar, rs_off.nbar, 1 / std::sqrt(double(N)), "paramagnet, N^-1/2");
}

}  // namespace

TEST_CASE("driver, supervised P = 4 low storage: MC versus RS 5(c) with retrieval (r = 0.6) and without (r = 0.3)") {
  retrieval_and_loss("supervised");
}

TEST_CASE("driver, unsupervised exact P = 4 low storage: MC versus RS 5(d) with retrieval (r = 0.6) and without (r = 0.3)") {
  retrieval_and_loss("unsupervised");
}

TEST_CASE("recorded observation of a learning model equals the full observables::observe_learning") {
  // The recorder's observation restricts observe_learning to what is recorded (m_1..m_L,
  // nbar_1..nbar_L, dominance and examples of archetype 1, losses): both are the same integer sums
  // divided once, so a restricted scope must reproduce the full one to rounding.
  engine::Stream prng({.seed = 3, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
  const auto xi = models::draw_patterns(200, 5, 0.2, prng);
  const auto data = models::draw_examples(xi, 7, 0.45, 3, 0);
  engine::Stream srng({.seed = 3, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::initial_state});
  const engine::Spins sigma = engine::random_spins(200, srng);
  const auto full = observables::observe_learning(data, sigma);
  const auto o = observables::observe_learning_replica(data, sigma, 0.0, {.learning = true, .patterns = 3, .examples = 7});
  REQUIRE(o.m.size() == 3);
  // Layout: nbar_1..3, dominance, L^-_1..3, n_{1,1..M} (M = 7), then |m_1..3| and m_1..3^2.
  REQUIRE(o.extra.size() == 3 + 1 + 3 + 7 + 3 + 3);
  for (int mu = 0; mu < 3; ++mu) {
    CHECK(o.m[mu] == doctest::Approx(full.m[mu]).epsilon(1e-15));
    CHECK(o.extra[mu] == doctest::Approx(full.nbar[mu]).epsilon(1e-15));
    CHECK(o.extra[4 + mu] == doctest::Approx(full.loss_minus[mu]).epsilon(1e-13));
  }
  CHECK(o.extra[3] == doctest::Approx(full.retrieval[0].dominance()).epsilon(1e-15));
  for (int a = 0; a < 7; ++a) CHECK(o.extra[7 + a] == doctest::Approx(full.n_example[a]).epsilon(1e-15));
  for (int mu = 0; mu < 3; ++mu) {  // exact: |x| and x * x of the same double
    CHECK(o.extra[14 + mu] == std::abs(o.m[mu]));
    CHECK(o.extra[17 + mu] == o.m[mu] * o.m[mu]);
  }
}
