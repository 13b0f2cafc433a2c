// Theory selection for a simulated point (analysis/theory/point_theory.*, docs/theory.md): which
// combinations the RS theory of physics.md section 5 refuses, the alpha it uses, the learning
// setting it picks, and the retrieval values of simple points against closed forms.
#include "analysis/theory/point_theory.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace hebbmc::analysis;

namespace {

// A Hopfield (P = 2) storage point at temperature T with K given (low storage).
TheoryQuery hopfield(double T) {
  TheoryQuery q;
  q.P = 2;
  q.K = 3;
  q.T = T;
  q.zero_temperature = T == 0.0;
  q.beta = T == 0.0 ? INFINITY : 1.0 / T;
  return q;
}

}  // namespace

TEST_CASE("unsupported combinations carry a reason; supported ones none") {
  CHECK(theory_unsupported_reason(hopfield(0.5)).empty());
  TheoryQuery q = hopfield(0.5);
  q.self_interaction = true;  // physics.md section 5 is the distinct-index Hamiltonian
  CHECK(!theory_unsupported_reason(q).empty());
  q = hopfield(0.5);
  q.model = TheoryModel::supervised;
  q.M = 10;
  q.r = 0.0;  // L13 divides by r
  CHECK(!theory_unsupported_reason(q).empty());
  q.r = 0.5;
  CHECK(theory_unsupported_reason(q).empty());
  q.alpha_given = true;  // high-storage learning is derived for P >= 4 only
  q.alpha = 0.01;
  CHECK(!theory_unsupported_reason(q).empty());
  q = hopfield(0.5);
  q.d = 0.3;  // multitasking: storage only, K given, K <= 12, T > 0
  CHECK(theory_unsupported_reason(q).empty());
  q.K = 13;
  CHECK(!theory_unsupported_reason(q).empty());
  q = hopfield(0.0);
  q.d = 0.3;
  CHECK(!theory_unsupported_reason(q).empty());
  q = hopfield(0.5);
  q.d = 0.3;
  q.model = TheoryModel::unsupervised;
  q.r = 0.5;
  CHECK(!theory_unsupported_reason(q).empty());
}

// Convention (docs/parameters.md): alpha = K / N^(P-1) is the load when the file gives alpha; a file
// giving K has finite K, i.e. alpha -> 0 as N -> infinity, so the theory uses alpha = 0.
TEST_CASE("theory_alpha: the given alpha in high storage, 0 when K is given") {
  TheoryQuery q = hopfield(0.5);
  q.alpha = 0.07;
  CHECK(theory_alpha(q) == 0.0);
  q.alpha_given = true;
  CHECK(theory_alpha(q) == 0.07);
}

// The Plefka mode keeps the supervised Hamiltonian to its order (docs/learning.md), so only the
// exact unsupervised evaluation gets 5(d).
TEST_CASE("learning setting: unsupervised exact is 5(d), Plefka and supervised are 5(c)") {
  TheoryQuery q;
  q.model = TheoryModel::unsupervised;
  CHECK(theory_learning_setting(q) == LearningSetting::unsupervised);
  q.plefka = true;
  CHECK(theory_learning_setting(q) == LearningSetting::supervised);
  q.model = TheoryModel::supervised;
  q.plefka = false;
  CHECK(theory_learning_setting(q) == LearningSetting::supervised);
}

// physics.md 5(a) at T = 0: m = erf(m / sqrt(2 alpha r)); at alpha = 0.01 the argument is ~7, so
// 1 - m ~ 1e-23 and m = 1 to rounding (tolerance 1e-12, the solver's residual scale). With K given
// (alpha = 0) at T = 0 the Curie-Weiss equation m = sign(m) gives m = 1 exactly.
TEST_CASE("Hopfield P = 2 at T = 0 and small alpha retrieves: m = 1") {
  TheoryQuery q = hopfield(0.0);
  q.alpha_given = true;
  q.alpha = 0.01;
  const PointTheory t = solve_point_theory(q);
  REQUIRE(t.converged);
  INFO("solver m = ", t.m, ", theory 1, tolerance 1e-12");
  CHECK(std::abs(t.m - 1.0) < 1e-12);
  CHECK(t.branch == "retrieval");
  const PointTheory low = solve_point_theory(hopfield(0.0));
  REQUIRE(low.converged);
  INFO("solver m (alpha = 0) = ", low.m, ", theory 1, tolerance 1e-12");
  CHECK(std::abs(low.m - 1.0) < 1e-12);
}

// Low storage at T = 0.5 is Curie-Weiss, m = tanh(2 m) (physics.md 5(a) at alpha = 0); the
// reference is a plain iteration of that map here, converged to 1e-15 (contraction factor
// 2 (1 - m^2) ~ 0.17), and the tolerance 1e-10 covers the solver's stopping residual.
TEST_CASE("Hopfield P = 2 with K given at T = 0.5: Curie-Weiss m = tanh(2 m)") {
  double m = 1.0;
  for (int i = 0; i < 200; ++i) m = std::tanh(2.0 * m);
  const PointTheory t = solve_point_theory(hopfield(0.5));
  REQUIRE(t.converged);
  INFO("solver m = ", t.m, ", m = tanh(2 m) iterated: ", m, ", tolerance 1e-10");
  CHECK(std::abs(t.m - m) < 1e-10);
}

// A diluted storage point near T = 0 is hierarchical, m_k = (1 - d) d^(k-1) (docs/multitasking.md MT5):
// at K = 3, d = 0.3 the smallest nonzero field is 0.063, so at T = 0.003 tanh = sign up to
// e^(-42) and the amplitudes are the closed form within 1e-10 (the solver's residual scale).
TEST_CASE("diluted storage point near T = 0: the hierarchical amplitudes (1 - d) d^(k-1)") {
  TheoryQuery q = hopfield(0.003);
  q.d = 0.3;
  const MultitaskTheory v = solve_point_multitask(q);
  REQUIRE(v.found);
  REQUIRE(v.amplitudes.size() == 3);
  for (int k = 0; k < 3; ++k) {
    INFO("k = ", k + 1, ": solver ", v.amplitudes[k], ", theory (1 - d) d^(k-1) = ", 0.7 * std::pow(0.3, k),
         ", tolerance 1e-10");
    CHECK(std::abs(v.amplitudes[k] - 0.7 * std::pow(0.3, k)) < 1e-10);
  }
}
