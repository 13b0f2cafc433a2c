// Transition lines of the learning models (analysis/phase_learning.*, docs/theory.md "Phase
// diagrams of the learning models"): the solver-interface adapter against the point solver of
// analysis/rs/rs_learning.cpp, the rho -> 0 limit (dense storage, physics.md 5(b)), the coincidence of
// supervised and unsupervised lines in low storage (5(d) = 5(c)), the 1/gamma shift of the
// unsupervised lines in high storage (eq. L16), and points just inside / outside the lines.
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/phase/phase_learning.hpp"
#include "analysis/rs/rs_learning.hpp"
#include "analysis/numerics/transition_lines.hpp"
#include "models/examples.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <tuple>
#include <utility>

using namespace hebbmc::analysis;

namespace {

// eq. L16 written out here (not through learning_noise_factor): gamma = (1 + (M-1) r^(2P)) / (M R^P),
// R = r^2 + (1 - r^2)/M.
double gamma_L16(int P, double r, int M) {
  const double R = r * r + (1.0 - r * r) / M;
  return (1.0 + (M - 1) * std::pow(r, 2 * P)) / (M * std::pow(R, P));
}

// The T = 0 RS capacity of dense storage from its closed form (physics.md 5(b)): the largest alpha at
// which m = erf(m^(P-1) / sqrt(2 alpha (P-1)!)) has a root m > 0, by bisection on the existence of a root
// (max over m of erf(...) - m >= 0, grid then ternary search). Independent of the solver under test.
double dense_capacity_closed_form(int P) {
  const double fact = std::tgamma(P);
  const auto has_root = [&](double alpha) {
    const auto phi = [&](double m) { return std::erf(std::pow(m, P - 1) / std::sqrt(2 * alpha * fact)) - m; };
    const double h = 0.95 / 4000;
    int best = 0;
    for (int k = 1; k <= 4000; ++k)
      if (phi(0.05 + k * h) > phi(0.05 + best * h)) best = k;
    double a = 0.05 + (best - 1) * h, b = 0.05 + (best + 1) * h;
    for (int i = 0; i < 200; ++i) {
      const double c = a + (b - a) / 3, d = b - (b - a) / 3;
      if (phi(c) < phi(d)) a = c; else b = d;
    }
    return phi(0.5 * (a + b)) >= 0;
  };
  double lo = 0.01, hi = 0.06;
  while (hi - lo > 1e-13) {
    const double mid = 0.5 * (lo + hi);
    (has_root(mid) ? lo : hi) = mid;
  }
  return lo;
}

LearningPoint point(LearningSetting s, double alpha, double T, double rho, int M) {
  LearningPoint p;
  p.P = 4;
  p.alpha = alpha;
  p.beta = T == 0.0 ? INFINITY : 1.0 / T;
  p.r = learning_r_of_rho(rho, M);
  p.M = M;
  p.setting = s;
  p.law = TeacherLaw::gaussian;
  return p;
}

}  // namespace

// The adapter must reach the fixed points of solve_rs_learning. Both evaluate the equations of
// rs/learning_equations.hpp (L13-L17, checked against closed forms in test_rs_learning.cpp), so this
// checks what the adapter adds: r and gamma from rho (PL1, L16), the T = 0 reduction, the starts and
// the branch solver. nbar, m, q and u agree to 1e-9, which is the fixed-point tolerance (1e-12
// residual) amplified by the conditioning away from folds.
TEST_CASE("learning adapter: retrieval fixed point equals solve_rs_learning (L13-L17)") {
  const GaussHermite rule;
  for (LearningSetting s : {LearningSetting::supervised, LearningSetting::unsupervised}) {
    const LearningRSModel model(4, 50, s, rule);
    for (auto [alpha, T, rho] : {std::tuple{0.0, 0.03, 0.0336}, std::tuple{0.0, 0.0, 0.2}, std::tuple{0.002, 0.02, 0.05},
                                 std::tuple{0.0005, 0.0, 0.1}, std::tuple{0.01, 0.01, 0.0}}) {
      const Control c{{"alpha", alpha}, {"T", T}, {"rho", rho}};
      const BranchSolution b = solve_branch(model, c, model_start(model, c, "retrieval"), "retrieval");
      const LearningRSSolution ref = solve_rs_learning(point(s, alpha, T, rho, 50));
      INFO("setting ", int(s), " alpha ", alpha, " T ", T, " rho ", rho);
      REQUIRE(b.converged);
      REQUIRE(ref.converged);
      CHECK(b.branch == "retrieval");
      CHECK(std::abs(b.x(0) - ref.nbar) < 1e-9);
      CHECK(std::abs(b.values.m - ref.m) < 1e-9);
      CHECK(std::abs(b.values.q - ref.q) < 1e-9);
      CHECK(std::abs(b.values.energy - ref.energy) < 1e-9);
      CHECK(std::abs(model.gamma(rho) - ref.gamma) < 1e-12 * ref.gamma);
    }
  }
}

// Eq. PL2 is a free energy only if d(beta f)/d(beta) = u (L17) along the solution (stationarity makes
// the implicit dependence drop out); central differences with h = 1e-4 beta: error O(h^2) ~ 1e-8.
// At rho = 0 it must be the dense-storage f (F-dense) exactly (1e-12).
TEST_CASE("learning free energy (PL2): d(beta f)/d(beta) = u, and the dense f at rho = 0") {
  const GaussHermite rule;
  const LearningRSModel model(4, 50, LearningSetting::unsupervised, rule);
  const DenseRSModel dense(4, rule);
  for (auto [alpha, T, rho] : {std::tuple{0.0, 0.05, 0.1}, std::tuple{0.001, 0.03, 0.05}, std::tuple{0.003, 0.02, 0.01}}) {
    const auto beta_f = [&](double beta) {
      const Control c{{"alpha", alpha}, {"T", 1.0 / beta}, {"rho", rho}};
      const BranchSolution b = solve_branch(model, c, model_start(model, c, "retrieval"), "retrieval");
      REQUIRE(b.converged);
      return std::pair{beta * b.values.free_energy, b.values.energy};
    };
    const double beta = 1.0 / T, h = 1e-4 * beta;
    const double derivative = (beta_f(beta + h).first - beta_f(beta - h).first) / (2 * h);
    INFO("alpha ", alpha, " T ", T, " rho ", rho);
    CHECK(std::abs(derivative - beta_f(beta).second) < 1e-7);
  }
  const Control c{{"alpha", 0.01}, {"T", 0.03}, {"rho", 0.0}};
  const BranchSolution l = solve_branch(model, c, model_start(model, c, "retrieval"), "retrieval");
  const BranchSolution d = solve_branch(dense, c, model_start(dense, c, "retrieval"), "retrieval");
  REQUIRE(l.converged);
  REQUIRE(d.converged);
  CHECK(std::abs(l.values.free_energy - d.values.free_energy) < 1e-12);
  CHECK(std::abs(l.values.m - d.values.m) < 1e-12);
}

// rho -> 0 (r -> 1): the learning lines start at the dense-storage ones (physics.md 5(c): "setting rho = 0
// recovers (b)"). References: the dense T = 0 capacity from its closed-form tangency (computed above,
// 1e-8 relative: fold tolerance 1e-10 plus the bisection's 1e-13), and the dense retrieval onset
// T_M(alpha = 0) located by DenseRSModel (docs/theory.md: 0.0826311). At rho = 1e-8 the lines differ from the
// rho = 0 ones by O(rho) (smooth in rho): 1e-6.
TEST_CASE("learning lines: rho -> 0 gives the dense-storage lines (5(b))") {
  const GaussHermite rule;
  const DenseRSModel dense(4, rule);
  const FoldResult TM = spinodal_point(dense, Control{{"alpha", 0.0}, {"T", 0.0}}, "T", 0.0, 0.4, "retrieval");
  REQUIRE(TM.found);
  CHECK(std::abs(TM.value - 0.0826311) < 1e-7);
  const double alpha_c = dense_capacity_closed_form(4);
  std::printf("dense P = 4: T_M(alpha = 0) = %.10f, alpha_c(T = 0) closed form = %.10f\n", TM.value, alpha_c);
  for (LearningSetting s : {LearningSetting::supervised, LearningSetting::unsupervised}) {
    const LearningRSModel model(4, 50, s, rule);
    const FoldResult t0 = learning_spinodal_T(model, 0.0, 0.4);
    const FoldResult a0 = learning_spinodal_alpha(model, 0.0, 0.0, 0.2);
    REQUIRE(t0.found);
    REQUIRE(a0.found);
    CHECK(std::abs(t0.value - TM.value) < 1e-9);
    CHECK(std::abs(a0.value / alpha_c - 1) < 1e-8);
    const FoldResult t1 = learning_spinodal_T(model, 1e-8, 0.4);
    const FoldResult a1 = learning_spinodal_alpha(model, 1e-8, 0.0, 0.2);
    REQUIRE(t1.found);
    REQUIRE(a1.found);
    CHECK(std::abs(t1.value - TM.value) < 1e-6);
    CHECK(std::abs(a1.value - alpha_c) < 1e-6);
    std::printf("%s: T_s(rho = 0) = %.10f, alpha_s(rho = 0, T = 0) = %.10f\n", model.name().c_str(), t0.value, a0.value);
  }
}

// Low storage (alpha = 0): the unsupervised equations are the supervised ones (physics.md 5(d)), so the
// (rho, T) lines coincide; gamma multiplies alpha = 0 and the computation is the same, hence 1e-12.
// The spinodal must also move: a weaker teacher (larger rho) retrieves only at lower T.
TEST_CASE("learning lines: low storage, supervised = unsupervised in the (rho, T) plane") {
  LearningPhaseRequest r = default_learning_phase_request(4, 50, LearningSetting::supervised);
  r.alpha_rho = false;
  r.rho_max = 0.4;
  r.points = 5;
  const LearningPhaseDiagram sup = learning_phase_diagram(r);
  r.setting = LearningSetting::unsupervised;
  const LearningPhaseDiagram uns = learning_phase_diagram(r);
  REQUIRE(sup.lines.size() == 2);
  REQUIRE(uns.lines.size() == 2);
  for (std::size_t l = 0; l < 2; ++l)
    for (std::size_t i = 0; i < 5; ++i) {
      INFO(sup.lines[l].line.name, " rho = ", sup.lines[l].rho[i]);
      REQUIRE(sup.lines[l].line.status[i] == "ok");
      CHECK(std::abs(sup.lines[l].line.T[i] - uns.lines[l].line.T[i]) < 1e-12);
      if (i > 0) CHECK(sup.lines[l].line.T[i] < sup.lines[l].line.T[i - 1]);
      if (l == 1) CHECK(sup.lines[1].line.T[i] < sup.lines[0].line.T[i]);  // T_c below T_s
    }
  CHECK(std::abs(uns.lines[0].gamma[4] - gamma_L16(4, learning_r_of_rho(0.4, 50), 50)) < 1e-9 * uns.lines[0].gamma[4]);
}

// High storage: in L13 and L17 alpha enters only through gamma alpha (the unsupervised noise variance is
// gamma alpha q^(P-1)/(P-1)!, eq. L16), so every line of the unsupervised model along alpha is the
// supervised one divided by gamma(rho): alpha_unsup(rho) = alpha_sup(rho) / gamma. Each line is located
// independently (fold / coexistence); tolerance 1e-7 relative: both roots are refined to 1e-10 absolute
// on lines of size >= 1e-3 (spinodal), the coexistence roots likewise.
// gamma is checked against docs/learning.md: P = 4, r = 0.4, M = 50: 21.1.
TEST_CASE("learning lines: high storage, unsupervised lines sit at alpha_sup / gamma (L16)") {
  CHECK(std::abs(gamma_L16(4, 0.4, 50) - 21.1) < 0.05);
  CHECK(std::abs(hebbmc::models::dataset_entropy(0.4, 50) - 0.105) < 1e-12);
  CHECK(std::abs(learning_r_of_rho(0.105, 50) - 0.4) < 1e-12);  // PL1 inverts it
  const GaussHermite rule;
  const LearningRSModel sup(4, 50, LearningSetting::supervised, rule), uns(4, 50, LearningSetting::unsupervised, rule);
  for (double T : {0.0, 0.02})
    for (double rho : {0.01, 0.05, 0.105}) {
      const double gamma = gamma_L16(4, learning_r_of_rho(rho, 50), 50);
      const FoldResult s = learning_spinodal_alpha(sup, rho, T, 0.2);
      const FoldResult u = learning_spinodal_alpha(uns, rho, T, 0.2);  // same window: an independent search
      INFO("T ", T, " rho ", rho, " gamma ", gamma);
      REQUIRE(s.found);
      REQUIRE(u.found);
      CHECK(s.kind == "fold");
      CHECK(u.kind == "fold");
      CHECK(std::abs(u.value * gamma / s.value - 1) < 1e-7);
      CHECK(gamma > 1.0);  // the unsupervised line lies strictly below (L16: gamma >= 1, = 1 only at r = 1)
      std::printf("T = %.2f rho = %.3f gamma = %.4f: alpha_s sup = %.8g, unsup = %.8g, ratio = %.10f\n", T, rho, gamma,
                  s.value, u.value, s.value / u.value);
    }
  // The first-order line (retrieval = lowest of RS spin glass and paramagnet) obeys the same scaling.
  LearningPhaseRequest r = default_learning_phase_request(4, 50, LearningSetting::supervised);
  r.rho_T = false;
  r.rho_min = 0.02;
  r.rho_max = 0.1;
  r.points = 3;
  r.T_fixed = 0.0;
  const LearningPhaseDiagram ds = learning_phase_diagram(r);
  r.setting = LearningSetting::unsupervised;
  const LearningPhaseDiagram du = learning_phase_diagram(r);
  for (std::size_t l = 0; l < 2; ++l)
    for (std::size_t i = 0; i < 3; ++i) {
      INFO(ds.lines[l].line.name, " rho = ", ds.lines[l].rho[i]);
      REQUIRE(ds.lines[l].line.status[i] == "ok");
      REQUIRE(du.lines[l].line.status[i] == "ok");
      const double gamma = gamma_L16(4, learning_r_of_rho(ds.lines[l].rho[i], 50), 50);
      CHECK(std::abs(du.lines[l].line.alpha[i] * gamma / ds.lines[l].line.alpha[i] - 1) < 1e-7);
      if (l == 1) CHECK(ds.lines[1].line.alpha[i] < ds.lines[0].line.alpha[i]);  // coexistence below spinodal
    }
}

// The lines separate existence from absence of retrieval, checked with the independent solver
// solve_rs_learning started at nbar = 1 (the map is increasing in nbar, so the iteration from the top
// reaches the largest fixed point: retrieval if it exists). 1 % on either side of the line: far
// outside the 1e-10 root tolerance, and close enough that the test fails if the line is misplaced by
// more than 1 %. Retrieval: nbar > 0.3; none: nbar < 1e-3 (paramagnet / spin glass, nbar = 0).
TEST_CASE("learning lines: just inside a line retrieval exists, just outside it does not") {
  const GaussHermite rule;
  for (LearningSetting s : {LearningSetting::supervised, LearningSetting::unsupervised}) {
    const LearningRSModel model(4, 50, s, rule);
    for (double rho : {0.02, 0.2}) {
      INFO("setting ", int(s), " rho ", rho);
      const FoldResult t = learning_spinodal_T(model, rho, 0.4);
      REQUIRE(t.found);
      CHECK(solve_rs_learning(point(s, 0.0, 0.99 * t.value, rho, 50)).nbar > 0.3);
      CHECK(std::abs(solve_rs_learning(point(s, 0.0, 1.01 * t.value, rho, 50)).nbar) < 1e-3);
      for (double T : {0.0, 0.02}) {
        const FoldResult a = learning_spinodal_alpha(model, rho, T, 0.2 / model.gamma(rho));
        REQUIRE(a.found);
        const LearningRSSolution in = solve_rs_learning(point(s, 0.99 * a.value, T, rho, 50));
        const LearningRSSolution out = solve_rs_learning(point(s, 1.01 * a.value, T, rho, 50));
        INFO("T ", T, " alpha_s ", a.value, " nbar in ", in.nbar, " out ", out.nbar);
        CHECK(in.converged);
        CHECK(in.nbar > 0.3);
        CHECK(std::abs(out.nbar) < 1e-3);
      }
    }
  }
}
