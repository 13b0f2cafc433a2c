// The order-parameter solver interface (analysis/branches, continuation, stability,
// transition_lines) on the AGS equations of the Hopfield model (physics.md 5(a)). References come
// from closed forms and from reduced scalar equations solved here by bisection, never from the
// code under test.
#include "analysis/rs/ags_model.hpp"
#include "analysis/numerics/branches.hpp"
#include "analysis/numerics/continuation.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <numbers>

using namespace hebbmc::analysis;

namespace {

// Root of phi in [a, b] (phi(a), phi(b) of opposite signs) by bisection to 1e-15.
double bisect(const std::function<double(double)>& phi, double a, double b) {
  const bool rising = phi(a) < 0;
  for (int k = 0; k < 200 && b - a > 1e-15; ++k) {
    const double mid = 0.5 * (a + b);
    ((phi(mid) < 0) == rising ? a : b) = mid;
  }
  return 0.5 * (a + b);
}

// AGS at T = 0 reduced to y = m / sqrt(2 alpha r) (AGS 1987): g(y) = erf(y) - y (sqrt(2 alpha) +
// (2/sqrt pi) e^{-y^2}) = 0; retrieval is the largest root, its unstable partner the middle one.
double reduced(double alpha, double y) {
  return std::erf(y) - y * (std::sqrt(2.0 * alpha) + 2.0 * std::numbers::inv_sqrtpi * std::exp(-y * y));
}

// Roots of the reduced equation on (0.3, 6], scanning for sign changes (ascending).
std::vector<double> reduced_roots(double alpha) {
  std::vector<double> roots;
  double prev = 0.3;
  for (int i = 1; i <= 6000; ++i) {
    const double y = 0.3 + 5.7 * i / 6000;
    if ((reduced(alpha, prev) < 0) != (reduced(alpha, y) < 0))
      roots.push_back(bisect([&](double t) { return reduced(alpha, t); }, prev, y));
    prev = y;
  }
  return roots;
}

// (m, C) of the AGS T = 0 solution with reduced variable y: m = erf(y), C = 1 - y sqrt(2 alpha) / m.
Eigen::VectorXd ags_point_from_y(double alpha, double y) {
  const double m = std::erf(y);
  return Eigen::Vector2d(m, 1.0 - y * std::sqrt(2.0 * alpha) / m);
}

}  // namespace

// Branches from the model's starts at T = 0, alpha = 0.1: the retrieval m equals erf(y) of the
// largest reduced root (tolerance 1e-10: both sides converge to ~1e-13), and the spin-glass start
// gives m = 0 with C = s/(1 + s), s = sqrt(2/(pi alpha)) (AGS T = 0 spin glass, closed form).
TEST_CASE("find_branches: AGS T = 0 retrieval and spin glass match the reduced equations") {
  const GaussHermite rule;
  const AgsModel ags(rule);
  const double alpha = 0.1;
  const auto branches = find_branches(ags, Control{{"alpha", alpha}, {"T", 0.0}});
  const double s = std::sqrt(2.0 / (std::numbers::pi * alpha));
  bool saw_retrieval = false, saw_glass = false;
  for (const auto& b : branches) {
    REQUIRE(b.converged);
    if (b.branch == "retrieval") {
      saw_retrieval = true;
      CHECK(b.values.m == doctest::Approx(std::erf(reduced_roots(alpha).back())).epsilon(1e-10));
    }
    if (b.branch == "spin glass") {
      saw_glass = true;
      CHECK(std::abs(b.values.m) < 1e-12);
      CHECK(b.x(1) == doctest::Approx(s / (1.0 + s)).epsilon(1e-10));
    }
  }
  CHECK(saw_retrieval);
  CHECK(saw_glass);
}

// Stability on a stable and an unstable solution. The AGS paramagnet (m = 0, C = beta) has the
// closed-form stability eigenvalues 1 - beta (m direction) and 1 - alpha beta^2/(1 - beta)^2
// (q direction): at alpha = 0.05 the second is -4 at T = 1.1 (below T_g = 1 + sqrt(alpha) = 1.224,
// unstable) and +0.4444 at T = 1.3 (stable). Tolerance 1e-6: central differences of step 1e-6.
TEST_CASE("stability: the paramagnet below T_g is flagged unstable, above T_g stable (closed forms)") {
  const GaussHermite rule;
  const AgsModel ags(rule);
  const double alpha = 0.05;
  for (double T : {1.1, 1.3}) {
    const Control c{{"alpha", alpha}, {"T", T}};
    const BranchSolution pm = solve_branch(ags, c, model_start(ags, c, "paramagnetic"), "paramagnetic");
    REQUIRE(pm.converged);
    REQUIRE(pm.branch == "paramagnetic");
    const double beta = 1.0 / T, q_mode = 1.0 - alpha * beta * beta / ((1.0 - beta) * (1.0 - beta));
    const double smallest = std::min(1.0 - beta, q_mode);
    CAPTURE(T);
    CHECK(pm.stability.smallest == doctest::Approx(smallest).epsilon(1e-6));
    CHECK(pm.stability.stable == (T > 1.0 + std::sqrt(alpha)));
  }
}

// The retrieval branch's unstable partner at T = 0 (the middle root of the reduced equation): pure
// Newton from the reduced-equation point converges to it, and the smallest eigenvalue of I - dF/dx
// is negative there and positive on retrieval (the fold merges them at alpha_c).
TEST_CASE("stability: the unstable partner of the AGS retrieval branch has a negative eigenvalue") {
  const GaussHermite rule;
  const AgsModel ags(rule);
  const double alpha = 0.12;
  const auto roots = reduced_roots(alpha);
  REQUIRE(roots.size() >= 2);
  SolverOptions newton;
  newton.fixed_point.max_iterations = 0;
  const Control c{{"alpha", alpha}, {"T", 0.0}};
  const BranchSolution partner = solve_branch(ags, c, ags_point_from_y(alpha, roots[roots.size() - 2]), "partner", newton);
  const BranchSolution retrieval = solve_branch(ags, c, ags_point_from_y(alpha, roots.back()), "retrieval", newton);
  REQUIRE(partner.converged);
  REQUIRE(retrieval.converged);
  MESSAGE("alpha = 0.12, T = 0: retrieval m = " << retrieval.values.m << " (smallest eigenvalue "
          << retrieval.stability.smallest << "), partner m = " << partner.values.m << " ("
          << partner.stability.smallest << ")");
  CHECK(partner.values.m == doctest::Approx(std::erf(roots[roots.size() - 2])).epsilon(1e-10));
  CHECK(partner.stability.smallest < 0.0);
  CHECK(!partner.stability.stable);
  CHECK(retrieval.stability.smallest > 0.0);
}

// Continuation past the end of a branch reports the failure: NaN values and a status, never numbers.
TEST_CASE("continue_branch: points beyond the retrieval fold are reported as lost, with NaN values") {
  const GaussHermite rule;
  const AgsModel ags(rule);
  const auto out = continue_branch(ags, Control{{"alpha", 0.0}, {"T", 0.0}}, "alpha", {0.10, 0.12, 0.13, 0.137, 0.139, 0.15},
                                   Eigen::Vector2d(1.0, 0.0));
  REQUIRE(out.size() == 6);
  for (int i = 0; i < 4; ++i) CHECK(out[i].converged);
  for (int i = 4; i < 6; ++i) {
    CHECK_FALSE(out[i].converged);
    CHECK(std::isnan(out[i].values.m));
    CHECK(std::isnan(out[i].values.free_energy));
    CHECK(out[i].status.find("branch lost") != std::string::npos);
  }
}

// Transition points located by toms748 (tolerance 1e-10 on the axis) against closed forms:
// T_g = 1 + sqrt(alpha) at three alphas and T_c = 1 at alpha = 0 (physics.md 5(a) anchors);
// tolerance 1e-8 (the eigenvalue comes from central differences, error ~1e-10).
TEST_CASE("instability_point: T_g = 1 + sqrt(alpha) and T_c(alpha = 0) = 1") {
  const GaussHermite rule;
  const AgsModel ags(rule);
  for (double alpha : {0.0, 0.04, 0.09, 0.16}) {
    const RootResult r = instability_point(ags, Control{{"alpha", alpha}, {"T", 3.0}}, "T", 3.0, 0.5, "paramagnetic");
    CAPTURE(alpha);
    REQUIRE(r.found);
    MESSAGE("alpha = " << alpha << ": T_g = " << r.value << " (1 + sqrt(alpha) = " << 1 + std::sqrt(alpha) << ")");
    CHECK(r.value == doctest::Approx(1.0 + std::sqrt(alpha)).epsilon(1e-8));
    CHECK(r.bracket <= 1e-10);
  }
}

// The T = 0 capacity as a fold (pseudo-arclength + toms748) against the tangency of the reduced
// equation (bisection on the existence of a root, 1e-12): alpha_c = 0.13790 (AGS 0.138) to 1e-8,
// and m at alpha_c ~ 0.967 (AGS) equal to erf(y) at the tangency to 1e-5 (m ~ sqrt(alpha_c - alpha)
// amplifies the alpha bracket).
TEST_CASE("spinodal_point: AGS alpha_c(T = 0) = 0.1379 and m = 0.967 at the fold") {
  const GaussHermite rule;
  const AgsModel ags(rule);
  double lo = 0.1, hi = 0.2;
  while (hi - lo > 1e-13) {
    const double mid = 0.5 * (lo + hi);
    (reduced_roots(mid).empty() ? hi : lo) = mid;
  }
  const double y_c = reduced_roots(lo).back();
  const FoldResult f = spinodal_point(ags, Control{{"alpha", 0.0}, {"T", 0.0}}, "alpha", 0.0, 1.0, "retrieval");
  REQUIRE(f.found);
  CHECK(f.kind == "fold");
  MESSAGE("AGS T = 0: alpha_c = " << f.value << " (reduced equation " << lo << "), m = " << f.values.m);
  CHECK(f.value == doctest::Approx(lo).epsilon(1e-8));
  CHECK(std::abs(f.value - 0.138) < 5e-4);
  CHECK(f.values.m == doctest::Approx(std::erf(y_c)).epsilon(1e-5));
  CHECK(std::abs(f.values.m - 0.967) < 1e-3);
}

// First-order line at T = 0: the retrieval and spin-glass ground-state energies, written here in
// closed form from the reduced variables (u = -m^2/2 + (alpha/2)(1 - 1/(1-C) - C r), r = 1/(1-C)^2),
// cross at alpha ~ 0.051 (AGS); coexistence_point must agree to 1e-8.
TEST_CASE("coexistence_point: AGS retrieval = spin glass at T = 0, alpha ~ 0.0519") {
  const auto energy = [](double alpha, double m, double C) {
    const double r = 1.0 / ((1.0 - C) * (1.0 - C));
    return -0.5 * m * m + 0.5 * alpha * (1.0 - 1.0 / (1.0 - C) - C * r);
  };
  const auto gap = [&](double alpha) {
    const Eigen::VectorXd x = ags_point_from_y(alpha, reduced_roots(alpha).back());
    const double s = std::sqrt(2.0 / (std::numbers::pi * alpha));
    return energy(alpha, x(0), x(1)) - energy(alpha, 0.0, s / (1.0 + s));
  };
  const double reference = bisect(gap, 0.03, 0.08);
  const GaussHermite rule;
  const AgsModel ags(rule);
  const RootResult r = coexistence_point(ags, Control{{"alpha", 0.0}, {"T", 0.0}}, "alpha", 0.0, 0.13, "retrieval", {"spin glass"});
  REQUIRE(r.found);
  MESSAGE("AGS T = 0 coexistence: alpha = " << r.value << " (closed-form energies: " << reference << ")");
  CHECK(r.value == doctest::Approx(reference).epsilon(1e-8));
  CHECK(std::abs(r.value - 0.051) < 1.5e-3);
}
