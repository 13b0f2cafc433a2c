// Multitasking RS (physics.md 5(e); docs/multitasking.md MT1-MT9). References are closed forms
// (the T = 0 hierarchical law MT5, the paramagnet, the pure state reduced to one scalar equation
// solved here by bisection), an independent mpmath value (physics.md 5(c)), finite differences of
// the free energy, and the exact 3^K sum for the Monte Carlo estimate; never the code under test.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <functional>

#include "analysis/multitask/multitask_phase.hpp"
#include "analysis/multitask/multitask_branches.hpp"
#include "analysis/numerics/stability.hpp"

using namespace hebbmc::analysis;

namespace {

const GaussHermite& rule() {
  static const GaussHermite r;
  return r;
}

MultitaskRS make(int P, int K, double rho = 0.0) {
  MultitaskSettings s;
  s.P = P;
  s.K = K;
  s.rho = rho;
  return MultitaskRS(s, rule());
}

// The point of `points` whose start list contains `start` (nullptr if none).
const MultitaskPoint* from_start(const std::vector<MultitaskPoint>& points, const std::string& start) {
  for (const auto& p : points)
    if (("+" + p.start + "+").find("+" + start + "+") != std::string::npos) return &p;
  return nullptr;
}

// Root of phi on [a, b] by bisection (phi(a), phi(b) of opposite signs).
double bisect(const std::function<double(double)>& phi, double a, double b) {
  const bool rising = phi(a) < 0;
  for (int k = 0; k < 200 && b - a > 1e-15; ++k) {
    const double mid = 0.5 * (a + b);
    ((phi(mid) < 0) == rising ? a : b) = mid;
  }
  return 0.5 * (a + b);
}

}  // namespace

TEST_CASE("T -> 0: the hierarchical branch is the closed form m_k = (1-d) d^(k-1) (MT5), P = 2 and 4") {
  // At finite beta every site field h = sum u_nu xi^nu is either 0 (all entries blank: no
  // contribution) or at least g = the smallest |h| in magnitude; tanh(beta h) = sign(h) (1 - O(2
  // e^(-2 beta g))), so the amplitudes differ from MT5 by < 4 e^(-2 beta g). The chosen beta make
  // 2 beta g >= 37 (error < 1e-15); the tolerance 1e-10 covers the solver's 1e-12 residual.
  struct Case {
    int P, K;
    double d, T, g;  // g: smallest nonzero |h| at the MT5 amplitudes
  };
  for (const Case c : {Case{2, 3, 0.3, 0.003, 0.063}, Case{2, 4, 0.3, 0.001, 0.0189}, Case{4, 3, 0.5, 1e-5, 3.26e-4},
                       Case{2, 2, 0.8, 0.002, 0.04}}) {
    CAPTURE(c.P);
    CAPTURE(c.K);
    CAPTURE(c.d);
    REQUIRE(2.0 * c.g / c.T >= 37.0);
    const MultitaskRS model = make(c.P, c.K);
    const auto points = multitask_branches(model, c.d, c.T);
    const MultitaskPoint* h = from_start(points, "hierarchical");
    REQUIRE(h != nullptr);
    REQUIRE(h->converged);
    const Eigen::VectorXd law = MultitaskRS::hierarchical_zero_temperature(c.K, c.d);
    for (int k = 0; k < c.K; ++k) CHECK(std::abs(h->m(k) - (1.0 - c.d) * std::pow(c.d, k)) < 1e-10);
    CHECK(h->branch == "hierarchical");
    CHECK(h->stable);
    // At T -> 0 the hierarchical state is the equilibrium state (lowest f among the stable ones).
    const MultitaskPoint* eq = multitask_state(points);
    REQUIRE(eq != nullptr);
    CHECK((eq->m - law).cwiseAbs().maxCoeff() < 1e-10);
    std::printf("MT5 P=%d K=%d d=%.2f T=%g: m = %.12f %.12f, law %.12f %.12f\n", c.P, c.K, c.d, c.T, h->m(0), h->m(1),
                law(0), law(1));
  }
}

TEST_CASE("strong dilution: equal amplitudes (parallel state) near T_c = 1-d for d > 2/3, one pattern for d < 2/3") {
  // Landau expansion at P = 2 (docs/multitasking.md, MT10): f = (1 - beta (1-d))/2 sum m^2 +
  // (beta^3/12) (1-d) [(3d - 2) sum m^4 + 3 (1-d) (sum m^2)^2] + O(m^6). For d > 2/3 the quartic
  // term favours equal amplitudes (parallel), for d < 2/3 a single pattern. Checked 20% below T_c,
  // where the sixth-order terms do not change the sign; equal means |m_1 - m_K| < 1e-9 (solver
  // tolerance 1e-12), retrieved means > 1e-3 (amplitudes there are O(0.05)).
  const MultitaskRS model = make(2, 3);
  const auto strong = multitask_branches(model, 0.9, 0.08);
  const MultitaskPoint* eq = multitask_state(strong);
  REQUIRE(eq != nullptr);
  std::printf("d = 0.9, T = 0.08: %s m = %.10f %.10f %.10f\n", eq->branch.c_str(), eq->m(0), eq->m(1), eq->m(2));
  CHECK(eq->branch == "parallel");
  CHECK(eq->m(2) > 1e-3);
  CHECK(eq->m(0) - eq->m(2) < 1e-9);
  const auto weak = multitask_branches(model, 0.5, 0.4);
  const MultitaskPoint* eq2 = multitask_state(weak);
  REQUIRE(eq2 != nullptr);
  std::printf("d = 0.5, T = 0.4: %s m = %.10f %.10f %.10f\n", eq2->branch.c_str(), eq2->m(0), eq2->m(1), eq2->m(2));
  CHECK(eq2->retrieved == 1);
  CHECK(eq2->m(0) > 1e-3);
}

TEST_CASE("stability: the hierarchical branch is a minimum, the pure and parallel states are saddles (K = 2, d = 0.3, T = 0.1)") {
  // The pure state (m, 0) solves m = (1-d) tanh(beta m) (solved here by bisection); its Hessian
  // (MT7) is diagonal with H_22 = 1 - beta (1-d) [d + (1-d) sech^2(beta m)] < 0: pattern 2 condenses
  // on the sites where pattern 1 is blank. Tolerance 1e-9: solver residual 1e-12 times beta.
  const double d = 0.3, T = 0.1, beta = 1.0 / T;
  const MultitaskRS model = make(2, 2);
  const auto points = multitask_branches(model, d, T);
  const MultitaskPoint* h = from_start(points, "hierarchical");
  const MultitaskPoint* pure = from_start(points, "pure");
  const MultitaskPoint* par = from_start(points, "parallel");
  REQUIRE((h && pure && par));
  REQUIRE((h->converged && pure->converged && par->converged));
  const double m = bisect([&](double v) { return v - (1 - d) * std::tanh(beta * v); }, 0.1, 1.0);
  const double s2 = 1.0 / std::pow(std::cosh(beta * m), 2);
  const double h22 = 1.0 - beta * (1 - d) * (d + (1 - d) * s2);
  std::printf("K=2 d=0.3 T=0.1: hierarchical lambda_min = %.6f f = %.8f; pure lambda_min = %.6f (closed form %.6f) "
              "f = %.8f; parallel lambda_min = %.6f f = %.8f\n",
              h->hessian_min, h->f, pure->hessian_min, h22, pure->f, par->hessian_min, par->f);
  CHECK(h->hessian_min > 0.05);
  CHECK(h->stable);
  CHECK(std::abs(pure->m(0) - m) < 1e-10);
  CHECK(std::abs(pure->hessian_min - h22) < 1e-9);
  CHECK(pure->hessian_min < 0);
  CHECK_FALSE(pure->stable);
  CHECK(par->branch == "parallel");
  CHECK(par->hessian_min < 0);
  CHECK(h->f < pure->f);
  CHECK(h->f < par->f);
  // The paramagnet: C = (1-d) I at m = 0, so H = (1 - beta (1-d)) I exactly.
  const MultitaskPoint* para = from_start(points, "paramagnetic");
  REQUIRE(para != nullptr);
  CHECK(std::abs(para->hessian_min - (1.0 - beta * (1 - d))) < 1e-12);
}

TEST_CASE("free energy MT6 is stationary at solutions and the Hessian MT7 is its second derivative in w") {
  // Central differences of f / (1+rho)^2 in the coordinates w (MT7) with step 2e-5: truncation
  // ~ step^2 f'''' (measured: <= 3e-7 at P = 4, beta = 2000, where w -> x is steep), rounding
  // ~ 1e-16 |f| / step^2 ~ 1e-7; tolerance 2e-6. Gradient: central
  // differences with step 1e-6, tolerance 1e-8 (stationarity at the 1e-12 solver residual).
  struct Case {
    int P, K;
    double rho, d, T;
  };
  for (const Case c : {Case{2, 3, 0.0, 0.3, 0.05}, Case{4, 2, 0.0, 0.5, 0.0005}, Case{2, 2, 0.5, 0.3, 0.1}}) {
    CAPTURE(c.P);
    CAPTURE(c.rho);
    const MultitaskRS model = make(c.P, c.K, c.rho);
    const Control ctl{{"d", c.d}, {"T", c.T}};
    const auto points = multitask_branches(model, c.d, c.T);
    const MultitaskPoint* h = from_start(points, "hierarchical");
    REQUIRE(h != nullptr);
    REQUIRE(h->converged);
    REQUIRE(h->retrieved == c.K);
    const double scale = 1.0 / ((1.0 + c.rho) * (1.0 + c.rho));
    const Eigen::VectorXd w0 = model.stability_coordinates(h->x);
    const auto f = [&](const Eigen::VectorXd& w) { return scale * model.free_energy(model.from_stability_coordinates(w), ctl); };
    const double e = 2e-5;
    Eigen::MatrixXd fd(c.K, c.K);
    for (int a = 0; a < c.K; ++a)
      for (int b = 0; b < c.K; ++b) {
        Eigen::VectorXd pp = w0, pm = w0, mp = w0, mm = w0;
        pp(a) += e, pp(b) += e;
        pm(a) += e, pm(b) -= e;
        mp(a) -= e, mp(b) += e;
        mm(a) -= e, mm(b) -= e;
        fd(a, b) = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * e * e);
      }
    const Eigen::MatrixXd H = model.hessian(h->x, ctl);
    std::printf("P=%d rho=%.1f: max |H - FD Hessian| = %.2e, H_11 = %.6f\n", c.P, c.rho, (H - fd).cwiseAbs().maxCoeff(),
                H(0, 0));
    CHECK((H - fd).cwiseAbs().maxCoeff() < 2e-6);
    for (int a = 0; a < c.K; ++a) {
      Eigen::VectorXd xp = h->x, xm = h->x;
      xp(a) += 1e-6;
      xm(a) -= 1e-6;
      CHECK(std::abs(model.free_energy(xp, ctl) - model.free_energy(xm, ctl)) / 2e-6 < 1e-8);
    }
    // Same spectrum as the workbench's stability matrix I - dF/dx (docs/multitasking.md, MT7).
    const Stability st = assess_stability(model, h->x, ctl);
    CHECK(std::abs(st.smallest - h->hessian_min) < 1e-6);
  }
}

TEST_CASE("site average: the Monte Carlo estimate agrees with the exact 3^K sum within its error (K = 6)") {
  // 2^16 configurations from the seeded stream (engine/rng.hpp). (a) The site average itself, F(x)
  // at the T = 0 amplitudes (d = 0.4, T = 0.1), against the exact 729-term sum: within 4 standard
  // errors of the sample mean per component. (b) The solution at d = 0.2, T = 0.1 (two patterns
  // retrieved; the other directions have Hessian eigenvalues ~ 0.7, so the error propagated through
  // (I - dF/dx)^(-1) stays small): within 4 propagated errors. 6 components each: a Gaussian fails
  // with probability ~4e-4; the seed is fixed.
  const MultitaskRS exact = make(2, 6);
  MultitaskSettings s;
  s.K = 6;
  s.exact_max_K = 5;
  s.mc_samples = 1 << 16;
  s.seed = 7;
  const MultitaskRS mc(s, rule());
  REQUIRE(exact.exact());
  REQUIRE_FALSE(mc.exact());
  const Control c1{{"d", 0.4}, {"T", 0.1}};
  const Eigen::VectorXd x1 = MultitaskRS::hierarchical_zero_temperature(6, 0.4);
  const Eigen::VectorXd Fe = exact.map(x1, c1), Fm = mc.map(x1, c1);
  const Eigen::VectorXd se = mc.map_covariance(x1, c1).diagonal().cwiseSqrt();
  CHECK(exact.map_covariance(x1, c1).size() == 0);
  for (int k = 0; k < 6; ++k) {
    std::printf("K=6 F_%d: exact %.6f, MC %.6f +- %.6f\n", k + 1, Fe(k), Fm(k), se(k));
    CHECK(se(k) > 0);
    CHECK(std::abs(Fe(k) - Fm(k)) < 4 * se(k));
  }
  const Control c{{"d", 0.2}, {"T", 0.1}};
  const BranchSolution a = solve_branch(exact, c, model_start(exact, c, "hierarchical"), "hierarchical");
  const BranchSolution b = solve_branch(mc, c, model_start(mc, c, "hierarchical"), "hierarchical");
  REQUIRE((a.converged && b.converged));
  const Eigen::VectorXd err = mc.statistical_error(b.x, c);
  REQUIRE(err.size() == 6);
  CHECK(exact.statistical_error(a.x, c).size() == 0);
  for (int k = 0; k < 6; ++k) {
    std::printf("K=6 m_%d: exact %.6f, MC %.6f +- %.6f\n", k + 1, a.x(k), b.x(k), err(k));
    CHECK(err(k) > 0);
    CHECK(err(k) < 0.01);
    CHECK(std::abs(a.x(k) - b.x(k)) < 4 * err(k));
  }
  // Same seed, same numbers (counter-based stream).
  const MultitaskRS mc2(s, rule());
  CHECK((mc2.map(b.x, c) - mc.map(b.x, c)).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("examples: rho -> 0 reduces MT4 to the storage equations MT3; rho > 0 reproduces physics.md 5(c)") {
  // MT4 depends on rho smoothly with F(rho) - F(0) = O(rho): at rho = 1e-9 the solution differs by
  // ~1e-9 (tolerance 1e-7). The code paths differ (rho > 0 averages lambda with tanh_averages).
  const MultitaskRS storage = make(2, 3), examples = make(2, 3, 1e-9);
  const auto a = multitask_branches(storage, 0.3, 0.1), b = multitask_branches(examples, 0.3, 0.1);
  const MultitaskPoint *ha = from_start(a, "hierarchical"), *hb = from_start(b, "hierarchical");
  REQUIRE((ha && hb && ha->converged && hb->converged));
  CHECK((ha->m - hb->m).cwiseAbs().maxCoeff() < 1e-7);
  CHECK(std::abs(ha->f - hb->f) < 1e-7);
  CHECK(std::abs(ha->hessian_min - hb->hessian_min) < 1e-5);
  // K = 1, d = 0 is physics.md 5(c) at alpha = 0: P = 4, r = 0.4, M = 50 (rho = (1-r^2)/(M r^2) =
  // 0.105), beta = 30. Reference: an independent mpmath script (tests/unit/test_rs_learning.cpp):
  // nbar = 0.9015830, m = 0.9876377, printed to 7 digits: tolerance 1e-6.
  const MultitaskRS one = make(4, 1, 0.84 / (50 * 0.16));
  const auto p = multitask_branches(one, 0.0, 1.0 / 30.0);
  const MultitaskPoint* r = from_start(p, "hierarchical");
  REQUIRE((r && r->converged));
  std::printf("5(c) point: nbar = %.7f m = %.7f\n", r->x(0), r->m(0));
  CHECK(r->x(0) == doctest::Approx(0.9015830).epsilon(1e-6));
  CHECK(r->m(0) == doctest::Approx(0.9876377).epsilon(1e-6));
}

TEST_CASE("continuation with warm starts in T and in d; failures are NaN, never numbers") {
  // K = 2, d = 0.3: following the hierarchical branch in T must agree with cold solves at every
  // point (1e-9) while both exist; past the end of a branch the tracker reports a failure, never numbers.
  const MultitaskRS model = make(2, 2);
  std::vector<double> T;
  for (int i = 0; i <= 12; ++i) T.push_back(0.05 + 0.05 * i);
  const auto path = follow_multitask_branch(model, Control{{"d", 0.3}, {"T", 0.05}}, "T", T, "hierarchical");
  REQUIRE(path.size() == T.size());
  int converged = 0;
  for (const auto& p : path) {
    if (!p.converged) {
      CHECK(std::isnan(p.f));
      CHECK(std::isnan(p.m(0)));
      continue;
    }
    ++converged;
    const auto cold = multitask_branches(model, 0.3, p.T);
    bool found = false;
    for (const auto& q : cold) found |= q.converged && (q.x - p.x).cwiseAbs().maxCoeff() < 1e-9;
    CHECK(found);
  }
  CHECK(converged >= 3);
  // In d (K = 2, T = 0.05, d = 0.2 .. 0.6, where both amplitudes are >= 0.16 >> T: no pattern is
  // lost): every point converges, stays hierarchical and equals the cold solve (1e-9).
  std::vector<double> d;
  for (int i = 0; i <= 8; ++i) d.push_back(0.2 + 0.05 * i);
  const auto along_d = follow_multitask_branch(model, Control{{"d", 0.2}, {"T", 0.05}}, "d", d, "hierarchical");
  REQUIRE(along_d.size() == d.size());
  for (const auto& p : along_d) {
    REQUIRE(p.converged);
    CHECK(p.branch == "hierarchical");
    CHECK(p.stable);
    const auto cold = multitask_branches(model, p.d, 0.05);
    const MultitaskPoint* h = from_start(cold, "hierarchical");
    REQUIRE(h != nullptr);
    CHECK((h->x - p.x).cwiseAbs().maxCoeff() < 1e-9);
  }
  // Above T_c = 1 - d = 0.7 the equilibrium state is the paramagnet.
  const auto hot = multitask_branches(model, 0.3, 0.75);
  const MultitaskPoint* eq = multitask_state(hot);
  REQUIRE(eq != nullptr);
  CHECK(eq->branch == "paramagnetic");
}

TEST_CASE("phase diagram: the paramagnetic line is T = 1 - d and boundaries are bracketed to the tolerance") {
  // P = 2: the paramagnet's Hessian is 1 - beta (1-d) (C = (1-d) I), and the transition from the
  // one-pattern state is continuous, so the last pattern is lost at T_c = 1 - d exactly; bisection
  // to 1e-8 plus the 1e-6 retrieval threshold (amplitude ~ sqrt(3 (T_c - T)/T_c) / ... gives an
  // offset < 1e-11) is checked to 2e-8.
  MultitaskPhaseRequest r;
  r.K = {2};
  r.d_min = 0.1;
  r.d_max = 0.5;
  r.T_min = 0.3;
  r.T_max = 1.0;
  r.points = 5;
  const MultitaskDiagram g = multitask_phase_diagram(r, 2, rule());
  int para = 0;
  for (const auto& b : g.boundaries) {
    CHECK(b.bracket <= r.tolerance);
    if (b.axis == "T" && b.retrieved_to == 0 && b.retrieved_from == 1) {
      ++para;
      std::printf("paramagnetic line at d = %.3f: T = %.10f (1 - d = %.10f)\n", b.d, b.T, 1 - b.d);
      CHECK(std::abs(b.T - (1 - b.d)) < 2e-8);
    }
  }
  CHECK(para == 5);
}
