// AGS replica-symmetric theory of the Hopfield model (physics.md 5(a)) and the fixed-point solver.
// Every reference number below comes from an independent route (a bisection of a reduced scalar
// equation written here, an exact annealed computation, or the literature), never from the solver.
#include "analysis/numerics/fixed_point.hpp"
#include "analysis/rs/rs_hopfield.hpp"
#include "analysis/rs/rs_storage.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <tuple>

using namespace hebbmc::analysis;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Largest root in (lo, hi] of phi(x) = 0, with phi(hi) < 0 < phi at the root's left: scan down
// from hi for the first sign change, then bisect to 1e-14. NaN if there is none.
double largest_root(const std::function<double(double)>& phi, double lo, double hi) {
  const int n = 20000;
  double b = hi;
  for (int i = 1; i <= n; ++i) {
    double a = hi - (hi - lo) * i / n;
    if (phi(a) >= 0.0 && phi(b) < 0.0) {
      for (int k = 0; k < 200 && b - a > 1e-14; ++k) {
        const double mid = 0.5 * (a + b);
        (phi(mid) >= 0.0 ? a : b) = mid;
      }
      return 0.5 * (a + b);
    }
    b = a;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// Curie-Weiss magnetization from m = tanh(m / T), by bisection.
double curie_weiss_m(double T) {
  return largest_root([T](double m) { return std::tanh(m / T) - m; }, 1e-9, 1.0);
}

// AGS at T = 0 reduced to one variable (eliminate C and r): y (sqrt(2 alpha) + (2/sqrt(pi)) e^{-y^2})
// = erf(y), m = erf(y). Largest root y in (0, 50], NaN when retrieval does not exist.
double ags_zero_temperature_m(double alpha) {
  const double y = largest_root(
      [alpha](double y) {
        return std::erf(y) - y * (std::sqrt(2.0 * alpha) + 2.0 * std::numbers::inv_sqrtpi * std::exp(-y * y));
      },
      0.2, 50.0);
  return std::erf(y);
}

}  // namespace

// Solver sanity: the Dottie number x = cos x (0.7390851332151607, a known constant) is found, and a
// map without fixed point is reported as not converged rather than returning garbage.
TEST_CASE("fixed-point solver finds cos x = x and reports failure honestly") {
  const FixedPointMap cosine = [](const Eigen::VectorXd& x) { return x.array().cos().matrix().eval(); };
  const auto ok = solve_fixed_point(cosine, Eigen::VectorXd::Constant(1, 0.1));
  CHECK(ok.converged);
  CHECK(ok.status == "converged");
  CHECK(ok.x(0) == doctest::Approx(0.7390851332151607).epsilon(1e-12));
  const FixedPointMap shift = [](const Eigen::VectorXd& x) { return (x.array() + 1.0).matrix().eval(); };
  const auto bad = solve_fixed_point(shift, Eigen::VectorXd::Constant(1, 0.0));
  CHECK_FALSE(bad.converged);
  CHECK(bad.status != "converged");
}

// alpha = 0 is Curie-Weiss: m = tanh(beta m). Solver vs bisection of the same scalar equation,
// tolerance 1e-10 (both are converged to ~1e-12; T = 0.95 is still far enough from T_c = 1 that
// the root is well conditioned).
TEST_CASE("Curie-Weiss m(T) matches bisection of m = tanh(m/T)") {
  for (double T : {0.1, 0.3, 0.5, 0.7, 0.9, 0.95}) {
    const RSSolution s = solve_rs_storage(2, 0.0, 1.0 / T);
    CAPTURE(T);
    REQUIRE(s.converged);
    CHECK(s.m == doctest::Approx(curie_weiss_m(T)).epsilon(1e-10));
    CHECK(s.q == doctest::Approx(s.m * s.m).epsilon(1e-10));  // no noise: q = tanh^2 = m^2
    CHECK(s.branch == "retrieval");
  }
}

// T_c = 1 at alpha = 0 (physics.md 5(a) anchor): just below, m ~ sqrt(3(1 - T)) > 0; just above
// only m = 0 remains, even when started from m0 = 1.
TEST_CASE("Curie-Weiss critical temperature is 1") {
  const RSSolution below = solve_rs_storage(2, 0.0, 1.0 / 0.99);
  const RSSolution above = solve_rs_storage(2, 0.0, 1.0 / 1.01);
  REQUIRE(below.converged);
  REQUIRE(above.converged);
  CHECK(below.m > 0.15);  // sqrt(3 * 0.01) = 0.17
  CHECK(std::abs(above.m) < 1e-6);
  CHECK(above.branch == "paramagnetic");
}

// AGS at T = 0 (physics.md 5(a) anchors): retrieval at alpha = 0.13, none at 0.145; the solver's m
// equals the independent one-variable reduction to 1e-9 (both converged to ~1e-12, the reduction
// by bisection of a different equation).
TEST_CASE("AGS zero temperature: retrieval exists below alpha_c only") {
  for (double alpha : {0.01, 0.05, 0.1, 0.13, 0.137}) {
    const RSSolution s = solve_rs_storage(2, alpha, kInf);
    CAPTURE(alpha);
    REQUIRE(s.converged);
    CHECK(s.branch == "retrieval");
    CHECK(s.q == 1.0);
    CHECK(s.m == doctest::Approx(ags_zero_temperature_m(alpha)).epsilon(1e-9));
  }
  const RSSolution beyond = solve_rs_storage(2, 0.145, kInf);
  CHECK_FALSE((beyond.converged && beyond.branch == "retrieval"));
  CHECK(std::isnan(ags_zero_temperature_m(0.145)));
}

// alpha_c at T = 0: AGS give 0.138 (physics.md 5(a)); the capacity found by bisection over the
// full 2-variable solver must lie in [0.137, 0.139] and agree with the tangency of the reduced
// equation (0.1379056, bisection here) to 2e-5 (bisection tolerance 1e-6 plus the critical slowing
// of the last iterates). At alpha_c the literature m is 0.967.
TEST_CASE("AGS zero temperature capacity alpha_c ~ 0.138 with m ~ 0.967") {
  const double alpha_c = rs_storage_capacity(2, kInf);
  MESSAGE("alpha_c(T = 0) = " << alpha_c);
  CHECK(alpha_c >= 0.137);
  CHECK(alpha_c <= 0.139);
  double lo = 0.13, hi = 0.145;  // independent: largest alpha where the reduced equation has a root
  while (hi - lo > 1e-9) {
    const double mid = 0.5 * (lo + hi);
    (std::isnan(ags_zero_temperature_m(mid)) ? hi : lo) = mid;
  }
  CHECK(alpha_c == doctest::Approx(lo).epsilon(2e-5));
  const RSSolution at_c = solve_rs_storage(2, alpha_c, kInf);
  MESSAGE("m(alpha_c) = " << at_c.m);
  REQUIRE(at_c.converged);
  CHECK(at_c.m > 0.965);
  CHECK(at_c.m < 0.970);
}

// Finite beta approaches T = 0: in the retrieval phase the gap |m(beta) - m(inf)| + |C(beta) - C(inf)|
// is O(1/beta) asymptotically (r = q/(1-C)^2 contains q = 1 - C/beta), with an O(1/beta^2) term of
// the other sign that dominates at moderate beta (so the gap is not monotone below beta ~ 1e3).
// Checks: the gap shrinks at least ~10x per decade for beta in [1e4, 1e6] (unless it is already at
// the solver precision, as for alpha = 0.05 where C ~ 1e-4 makes the O(1/beta) term tiny) and is
// < 1e-6 at 1e6.
TEST_CASE("AGS finite-beta solution tends to the T = 0 solution") {
  for (double alpha : {0.05, 0.1, 0.13}) {
    const RSSolution zero = solve_rs_storage(2, alpha, kInf);
    REQUIRE(zero.converged);
    double gap = 1.0, ratio = 0.0;
    for (double beta : {1e4, 1e5, 1e6}) {
      const RSSolution s = solve_rs_storage(2, alpha, beta);
      CAPTURE(alpha);
      CAPTURE(beta);
      REQUIRE(s.converged);
      const double new_gap = std::abs(s.m - zero.m) + std::abs(s.chi - zero.chi);
      ratio = gap / new_gap;
      gap = new_gap;
    }
    MESSAGE("alpha = " << alpha << ": gap at beta = 1e6 is " << gap << ", shrink over the last decade " << ratio);
    CHECK(gap < 1e-6);
    CHECK((ratio > 8.0 || gap < 1e-12));  // 1e-12: the solvers' own precision
  }
}

// Free energy, three independent checks (formula in docs/theory.md):
// (1) paramagnet at high T is exact by an annealed Gaussian integral:
//     f = alpha/2 + (alpha/(2 beta)) ln(1 - beta) - ln 2 / beta  (distinct-index H, physics.md 3);
// (2) alpha = 0 gives Curie-Weiss f = m^2/2 - ln(2 cosh(beta m))/beta with m from bisection;
// (3) thermodynamics: d(beta f)/d(beta) = u, by a central difference (step 1e-4 beta, error ~1e-8).
TEST_CASE("AGS free energy: annealed paramagnet, Curie-Weiss, and d(beta f)/d(beta) = u") {
  for (double beta : {0.2, 0.5}) {
    const double alpha = 0.1;  // T = 1/beta > 1 + sqrt(alpha): paramagnetic
    const RSSolution s = solve_rs_storage(2, alpha, beta, 0.0, 0.0);
    REQUIRE(s.converged);
    CHECK(s.branch == "paramagnetic");
    CHECK(s.free_energy ==
          doctest::Approx(alpha / 2 + alpha / (2 * beta) * std::log(1 - beta) - std::log(2.0) / beta).epsilon(1e-12));
  }
  const double T = 0.6, m = curie_weiss_m(T);
  CHECK(solve_rs_storage(2, 0.0, 1 / T).free_energy ==
        doctest::Approx(m * m / 2 - T * std::log(2 * std::cosh(m / T))).epsilon(1e-10));
  for (auto [alpha, beta, m0] : {std::tuple{0.1, 10.0, 1.0}, {0.1, 2.0, 0.0}, {0.05, 1.5, 0.0}, {0.03, 4.0, 1.0}}) {
    const double h = 1e-4 * beta;
    const auto bf = [&](double b) { return b * solve_rs_storage(2, alpha, b, m0, 1.0).free_energy; };
    const RSSolution s = solve_rs_storage(2, alpha, beta, m0, 1.0);
    CAPTURE(alpha);
    CAPTURE(beta);
    REQUIRE(s.converged);
    CHECK((bf(beta + h) - bf(beta - h)) / (2 * h) == doctest::Approx(s.energy).epsilon(1e-7));
  }
}

// Literature (AGS 1987): at T = 0 the retrieval state is the global minimum only for alpha < ~0.051;
// above, the spin-glass state has lower RS free energy. The crossing of the two branches must lie
// in [0.049, 0.053].
TEST_CASE("AGS zero temperature: retrieval is the ground state below alpha ~ 0.051") {
  const auto gap = [](double alpha) {
    return solve_rs_storage(2, alpha, kInf, 1.0).free_energy - solve_rs_storage(2, alpha, kInf, 0.0).free_energy;
  };
  CHECK(gap(0.03) < 0.0);
  CHECK(gap(0.1) > 0.0);
  double lo = 0.03, hi = 0.1;
  while (hi - lo > 1e-6) {
    const double mid = 0.5 * (lo + hi);
    (gap(mid) < 0.0 ? lo : hi) = mid;
  }
  MESSAGE("retrieval/spin-glass free-energy crossing at T = 0: alpha = " << lo);
  CHECK(lo > 0.049);
  CHECK(lo < 0.053);
}

// The dispatcher routes P = 2 to 5(a) and rejects what physics.md 1 excludes (odd P, P < 2).
TEST_CASE("solve_rs_storage dispatches on P") {
  CHECK(solve_rs_storage(2, 0.05, 10.0).equation.find("5(a)") != std::string::npos);
  CHECK(solve_rs_storage(4, 0.01, 10.0).equation.find("5(b)") != std::string::npos);
  CHECK_THROWS_AS(solve_rs_storage(3, 0.01, 10.0), std::invalid_argument);
  CHECK_THROWS_AS(solve_rs_storage(0, 0.01, 10.0), std::invalid_argument);
  CHECK_THROWS_AS(solve_rs_storage(2, -0.1, 10.0), std::invalid_argument);
}
