// One-step RSB for dense storage (physics.md 5(f), docs/rsb.md) and the dense RS limits it must
// reduce to. References: closed forms, reductions of the functional that hold identically, and an
// independent implementation (adaptive Gauss-Kronrod, plain iteration, bisection) written here.
#include "analysis/numerics/branches.hpp"
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/rs/rs_dense.hpp"
#include "analysis/rsb/rsb_dense.hpp"
#include "analysis/rsb/rsb_quadrature.hpp"
#include "analysis/rsb/rsb_zero_temperature.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <numbers>

using namespace hebbmc::analysis;

namespace {

double factorial(int n) { return n <= 1 ? 1.0 : n * factorial(n - 1); }

// E f(z), z ~ N(0,1), by adaptive Gauss-Kronrod on [-12, 12] split at `cut` (kink or steep part).
double gaussian(const std::function<double(double)>& f, double cut = 0.0) {
  using GK = boost::math::quadrature::gauss_kronrod<double, 61>;
  const auto w = [&](double z) { return f(z) * std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); };
  cut = std::clamp(cut, -11.0, 11.0);
  return GK::integrate(w, -12.0, cut, 20, 1e-14) + GK::integrate(w, cut, 12.0, 20, 1e-14);
}

// P = 4 at T = 0 (physics.md 5(b)): m = erf(m^3 / sqrt(12 alpha)), largest root by bisection.
double closed_form_m(double alpha) {
  const auto phi = [&](double m) { return std::erf(m * m * m / std::sqrt(12.0 * alpha)) - m; };
  if (phi(1.0) >= 0) return 1.0;
  for (double a = 1.0 - 1e-4; a > 0.05; a -= 1e-4)
    if (phi(a) >= 0) {
      double lo = a, hi = a + 1e-4;
      while (hi - lo > 1e-15) ((phi(0.5 * (lo + hi)) >= 0) ? lo : hi) = 0.5 * (lo + hi);
      return 0.5 * (lo + hi);
    }
  return std::nan("");
}

}  // namespace

// physics.md 5(b) at T = 0 for P = 4: m = erf(m^3 / sqrt(12 alpha)). The DenseRSModel through the
// generic solver must agree to 1e-6 (the brief's tolerance; both converge to ~1e-12), and the fold
// (pseudo-arclength + toms748) must sit at the tangency of the closed form, found here by bisection
// on the existence of a root, to 1e-7 relative.
TEST_CASE("dense P = 4 RS at T = 0: closed form m = erf(m^3/sqrt(12 alpha)) and its capacity") {
  const GaussHermite rule;
  const DenseRSModel model(4, rule);
  for (double alpha : {0.005, 0.015, 0.025, 0.032}) {
    const Control c{{"alpha", alpha}, {"T", 0.0}};
    const BranchSolution s = solve_branch(model, c, model_start(model, c, "retrieval"), "retrieval");
    CAPTURE(alpha);
    REQUIRE(s.converged);
    CHECK(std::abs(s.values.m - closed_form_m(alpha)) < 1e-6);
  }
  double lo = 0.02, hi = 0.05;
  while (hi - lo > 1e-12) (std::isnan(closed_form_m(0.5 * (lo + hi))) ? hi : lo) = 0.5 * (lo + hi);
  const FoldResult f = spinodal_point(model, Control{{"alpha", 0.0}, {"T", 0.0}}, "alpha", 0.0, 0.2, "retrieval");
  REQUIRE(f.found);
  MESSAGE("P = 4 RS alpha_c(T = 0) = " << f.value << " (closed-form tangency " << lo << ")");
  CHECK(f.value == doctest::Approx(lo).epsilon(1e-7));
}

// The 1RSB functional reduces to RS identically (docs/rsb.md, "Reductions"): at q0 = q1 for every
// theta, at theta = 1 to RS at q0, at theta -> 0 to RS at q1 (O(theta)); tolerance 1e-12 for the
// identities (rounding), 2e-6 at theta = 1e-6. The RS functional at the RS solution equals the free
// energy of the existing RS solver (docs/theory.md eq. F-dense), 1e-12.
TEST_CASE("1RSB functional reduces to RS at q0 = q1, theta = 0 and theta = 1") {
  const GaussHermite rule;
  const int P = 4;
  const double alpha = 0.02, T = 0.03;
  for (double theta : {0.0, 0.3, 0.7, 1.0})
    CHECK(rsb_free_energy(P, alpha, T, {0.9, 0.8, 0.8, theta}, rule) ==
          doctest::Approx(rs_free_energy_functional(P, alpha, T, 0.9, 0.8, rule)).epsilon(1e-12));
  CHECK(rsb_free_energy(P, alpha, T, {0.9, 0.3, 0.8, 1.0}, rule) ==
        doctest::Approx(rs_free_energy_functional(P, alpha, T, 0.9, 0.3, rule)).epsilon(1e-12));
  CHECK(rsb_free_energy(P, alpha, T, {0.9, 0.3, 0.8, 0.0}, rule) ==
        doctest::Approx(rs_free_energy_functional(P, alpha, T, 0.9, 0.8, rule)).epsilon(1e-12));
  CHECK(std::abs(rsb_free_energy(P, alpha, T, {0.9, 0.3, 0.8, 1e-6}, rule) -
                 rs_free_energy_functional(P, alpha, T, 0.9, 0.8, rule)) < 2e-6);
  const RSSolution rs = solve_rs_dense(P, alpha, 1.0 / T);
  REQUIRE(rs.converged);
  CHECK(rs_free_energy_functional(P, alpha, T, rs.m, rs.q, rule) == doctest::Approx(rs.free_energy).epsilon(1e-12));
}

// The inner averages of the 1RSB measure against adaptive Gauss-Kronrod on the defining integrals
// (T = 0 closed forms with exp(mu|X|) weights; finite T with cosh^theta weights), 1e-10 relative.
TEST_CASE("1RSB inner averages agree with adaptive quadrature") {
  const GaussHermite rule;
  for (double a : {0.0, 0.3, -0.7}) {
    const double s = 0.4, mu = 3.0, cut = -a / s;
    const double Z = gaussian([&](double z) { return std::exp(mu * std::abs(a + s * z)); }, cut);
    const double sign = gaussian([&](double z) { double x = a + s * z; return std::exp(mu * std::abs(x)) * (x > 0 ? 1 : -1); }, cut) / Z;
    const double abs = gaussian([&](double z) { double x = a + s * z; return std::exp(mu * std::abs(x)) * std::abs(x); }, cut) / Z;
    const ZeroTemperatureTilted t = tilted_zero_temperature(a, s, mu);
    CAPTURE(a);
    CHECK(t.log_z == doctest::Approx(std::log(Z)).epsilon(1e-12));
    CHECK(t.sign == doctest::Approx(sign).epsilon(1e-10));
    CHECK(t.abs == doctest::Approx(abs).epsilon(1e-10));
    for (double beta : {1.0, 20.0}) {  // Gauss-Hermite branch (beta s <= 1/2) and trapezoid branch
      const double theta = 0.3;
      const auto w = [&](double z) { return std::pow(std::cosh(beta * (a + s * z)), theta); };
      const double Zt = gaussian(w, cut);
      const double tanh = gaussian([&](double z) { return w(z) * std::tanh(beta * (a + s * z)); }, cut) / Zt;
      const double tanh2 = gaussian([&](double z) { return w(z) * std::pow(std::tanh(beta * (a + s * z)), 2); }, cut) / Zt;
      const double lc = gaussian([&](double z) { return w(z) * std::log(std::cosh(beta * (a + s * z))); }, cut) / Zt;
      const TiltedAverages ta = tilted_averages(rule, beta, a, s, theta);
      CAPTURE(beta);
      CHECK(ta.log_z == doctest::Approx(std::log(Zt)).epsilon(1e-10));
      CHECK(ta.tanh == doctest::Approx(tanh).epsilon(1e-10));
      CHECK(ta.tanh2 == doctest::Approx(tanh2).epsilon(1e-10));
      CHECK(ta.log_cosh == doctest::Approx(lc).epsilon(1e-10));
    }
  }
}

// T = 0 functional at mu -> 0 is RS at q = 1: f = (P-1) m^P/P! - E|h + b z| with the closed form
// E|h + b z| = h erf(h/(b sqrt 2)) + b sqrt(2/pi) exp(-h^2/(2 b^2)), b^2 = xi'(1); 1e-12.
TEST_CASE("1RSB at T = 0 reduces to RS at mu = 0") {
  const int P = 4;
  const double alpha = 0.02, m = 0.95;
  const double h = std::pow(m, P - 1) / factorial(P - 1), b = std::sqrt(alpha / factorial(P - 1));
  const double abs_g = h * std::erf(h / (b * std::sqrt(2.0))) + b * std::sqrt(2.0 / std::numbers::pi) * std::exp(-h * h / (2 * b * b));
  for (double q0 : {0.0, 0.5, 0.9})
    CHECK(rsb_zero_temperature_free_energy(P, alpha, m, q0, 0.0) ==
          doctest::Approx((P - 1) * std::pow(m, P) / factorial(P) - abs_g).epsilon(1e-12));
}

// 1RSB >= RS where they differ (f_1RSB is a maximum over theta and contains the RS points; docs/rsb.md
// "Sign convention"). (a) T = 0 retrieval at alpha = 0.032 (P = 4, just below the RS capacity): the
// 1RSB solution has 0 < q0 < 1, mu > 0 and f_1RSB - f_RS > 1e-5 (they differ); (b) the glass at
// alpha = 1, T = T_s/2: f_1RSB > f_RS(spin glass) and > the paramagnet; (c) above T_s the 1RSB glass
// reduces to RS and equals the annealed paramagnet f = -T ln 2 - xi(1)/(2T) to 1e-12.
TEST_CASE("1RSB free energy >= RS free energy; equal where the solution is replica symmetric") {
  const int P = 4;
  const GaussHermite rule;
  {
    const double alpha = 0.032;
    const DenseRSBZeroTemperatureModel model(P);
    const BranchSolution rsb = rsb_zero_temperature_retrieval(model, alpha);
    const RSSolution rs = solve_rs_dense(P, alpha, INFINITY);
    REQUIRE(rsb.converged);
    REQUIRE(rs.converged);
    REQUIRE(rs.branch == "retrieval");
    MESSAGE("T = 0, alpha = 0.032: f_1RSB = " << rsb.values.free_energy << " (m = " << rsb.x(0) << ", q0 = " << rsb.x(1)
            << "), f_RS = " << rs.free_energy << " (m = " << rs.m << ")");
    CHECK(rsb.x(1) > 0.5);
    CHECK(rsb.x(1) < 1.0 - 1e-3);
    CHECK(rsb.x(2) > 0.0);
    CHECK(rsb.values.free_energy - rs.free_energy > 1e-5);
  }
  {
    const double T = 0.5 * 0.1780788666;  // half the static transition at alpha = 1 (kappa_4)
    const RSBSolution glass = solve_rsb_dense(P, 1.0, T, "spin glass", rule);
    REQUIRE(glass.converged);
    REQUIRE_FALSE(glass.reduces_to_rs);
    const double f_pm = -T * std::log(2.0) - 1.0 / factorial(P) / (2 * T);
    MESSAGE("glass alpha = 1, T = " << T << ": f_1RSB = " << glass.free_energy << ", f_RS = " << glass.rs_free_energy
            << ", f_PM = " << f_pm << ", theta = " << glass.point.theta << ", q1 = " << glass.point.q1);
    CHECK(glass.free_energy > glass.rs_free_energy);
    CHECK(glass.free_energy > f_pm);
    CHECK(glass.point.q0 < 1e-12);
    CHECK(glass.point.theta > 0.0);
    CHECK(glass.point.theta < 1.0);
  }
  {
    const double T = 1.1 * 0.1780788666;
    const RSBSolution hot = solve_rsb_dense(P, 1.0, T, "spin glass", rule);
    CHECK(hot.reduces_to_rs);
    CHECK(hot.free_energy == doctest::Approx(-T * std::log(2.0) - 1.0 / factorial(P) / (2 * T)).epsilon(1e-12));
  }
}

// The static glass transition (theta* = 1) against an independent implementation: at theta = 1,
// m = q0 = 0, the 1RSB equations are q1 = exp(-b^2/2) E[sinh^2(b z)/cosh(b z)], b = beta sqrt(xi'(q1)),
// and df/dtheta = T b^2/2 - T exp(-b^2/2) E[cosh(b z) ln cosh(b z)] + (beta/2)(P-1) xi(q1), all by
// adaptive Gauss-Kronrod, q1 by plain iteration from 1, T by bisection. Tolerance 1e-7 relative.
// The exact scaling T_s = kappa sqrt(alpha) of the m = 0 functional is checked at alpha = 0.02.
TEST_CASE("1RSB static glass transition T_s of the P = 4 noise agrees with an independent computation") {
  const int P = 4;
  const double alpha = 1.0, xi1 = alpha / factorial(P);
  const auto derivative = [&](double T) {
    const double beta = 1.0 / T;
    double q1 = 1.0;
    for (int it = 0; it < 2000; ++it) {
      const double b = beta * std::sqrt(alpha * std::pow(q1, P - 1) / factorial(P - 1));
      const double next = std::exp(-0.5 * b * b) * gaussian([&](double z) { return std::pow(std::sinh(b * z), 2) / std::cosh(b * z); });
      if (std::abs(next - q1) < 1e-14) break;
      q1 = next;
    }
    if (q1 < 1e-6) return std::nan("");
    const double b = beta * std::sqrt(alpha * std::pow(q1, P - 1) / factorial(P - 1));
    const double lc = std::exp(-0.5 * b * b) * gaussian([&](double z) { return std::cosh(b * z) * std::log(std::cosh(b * z)); });
    return T * 0.5 * b * b - T * lc + 0.5 * beta * (P - 1) * alpha * std::pow(q1, P) / factorial(P);
  };
  double lo = 0.8 * std::sqrt(xi1), hi = 0.95 * std::sqrt(xi1);
  REQUIRE(derivative(lo) < 0);
  REQUIRE(derivative(hi) > 0);
  while (hi - lo > 1e-10) (derivative(0.5 * (lo + hi)) < 0 ? lo : hi) = 0.5 * (lo + hi);
  const GaussHermite rule;
  const double Ts = rsb_glass_transition_temperature(P, alpha, 0.6 * std::sqrt(xi1), 1.5 * std::sqrt(xi1), rule, 1e-12);
  MESSAGE("P = 4, alpha = 1: T_s = " << Ts << " (independent: " << lo << "), T_s / sqrt(xi(1)) = " << Ts / std::sqrt(xi1));
  CHECK(Ts == doctest::Approx(lo).epsilon(1e-7));
  const double small = 0.02;
  const double Ts_small = rsb_glass_transition_temperature(P, small, 0.6 * std::sqrt(small / 24), 1.5 * std::sqrt(small / 24), rule, 1e-13);
  CHECK(Ts_small == doctest::Approx(Ts * std::sqrt(small)).epsilon(1e-7));
}

// T = 0 capacities of P = 4 at RS and 1RSB level (physics.md 5(f)). The RS value is checked against
// the closed-form tangency above; here: the 1RSB fold exists, lies above the RS one (RSB enlarges
// the retrieval region), and has 0 < q0 < 1, mu > 0 (a genuine 1RSB point, not RS). The 1RSB number
// itself is cross-checked at finite T in tests/validation/test_rsb_low_temperature.cpp.
TEST_CASE("T = 0 capacity of dense P = 4: 1RSB above RS") {
  const DenseCapacity c = dense_zero_temperature_capacity(4);
  MESSAGE("P = 4: alpha_c RS = " << c.alpha_rs << " (m = " << c.m_rs << "), 1RSB = " << c.alpha_1rsb << " (m = " << c.m_1rsb
          << ", q0 = " << c.q0_1rsb << ", mu = " << c.mu_1rsb << "); " << c.status);
  REQUIRE(std::isfinite(c.alpha_rs));
  REQUIRE(std::isfinite(c.alpha_1rsb));
  CHECK(c.alpha_1rsb > c.alpha_rs);
  CHECK(c.q0_1rsb > 0.0);
  CHECK(c.q0_1rsb < 1.0);
  CHECK(c.mu_1rsb > 0.0);
  CHECK(c.bracket_1rsb < 1e-10);
}
