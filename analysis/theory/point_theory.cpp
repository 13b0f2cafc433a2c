// Which RS equations apply to a simulated point, and their solution there (docs/theory.md).
#include "analysis/theory/point_theory.hpp"

#include "analysis/multitask/multitask_branches.hpp"
#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/rs/rs_storage.hpp"

namespace hebbmc::analysis {

std::string theory_unsupported_reason(const TheoryQuery& q) {
  if (q.synchronous)
    return "the parallel rule's stationary state is not the Boltzmann distribution of H that the RS theory "
           "describes (docs/dynamics.md, eq. D3)";
  if (q.d > 0) {  // multitasking RS (docs/multitasking.md): low storage, storage model, T > 0, exact site sum
    if (q.model != TheoryModel::storage)
      return "the multitasking RS of diluted learning models is the large-M form (docs/multitasking.md MT4); "
             "use `hebbmc multitask` with rho";
    if (q.alpha_given) return "RS theory for diluted patterns is derived in low storage (K given), not for alpha";
    if (q.K > 12) return "the multitasking RS sums 3^K site configurations exactly only up to K = 12";
    if (q.zero_temperature) return "the multitasking RS needs T > 0 (T = 0 law: (1-d) d^(k-1))";
  }
  if (q.self_interaction) return "the RS theory of physics.md section 5 describes the distinct-index Hamiltonian, not self_interaction = true";
  if (q.model != TheoryModel::storage) {
    if (!(q.r > 0)) return "the RS theory of learning (docs/learning.md L13) needs r > 0";
    if (q.alpha_given && q.P == 2)
      return "high-storage RS theory of learning is derived for P >= 4 only (docs/learning.md L13-L17)";
  }
  return "";
}

double theory_alpha(const TheoryQuery& q) { return q.alpha_given ? q.alpha : 0.0; }

LearningSetting theory_learning_setting(const TheoryQuery& q) {
  return q.model == TheoryModel::unsupervised && !q.plefka ? LearningSetting::unsupervised : LearningSetting::supervised;
}

PointTheory solve_point_theory(const TheoryQuery& q) {
  const double beta = q.zero_temperature ? INFINITY : q.beta;
  PointTheory t;
  if (q.model == TheoryModel::storage) {
    const auto s = solve_rs_storage(q.P, theory_alpha(q), beta, 1.0, 1.0);
    t = {s.m, s.q, s.energy, s.free_energy, NAN, s.converged, s.iterations, s.residual, s.equation, s.status, s.branch};
    return t;
  }
  // Exact finite-M law of the teacher average (eq. L14), retrieval branch (nbar0 = q0 = 1).
  const LearningPoint lp{.P = q.P, .alpha = theory_alpha(q), .beta = beta, .r = q.r, .M = static_cast<int>(q.M),
                         .setting = theory_learning_setting(q), .law = TeacherLaw::binomial};
  const auto s = solve_rs_learning(lp, 1.0, 1.0);
  t = {s.m, s.q, s.energy, NAN, s.nbar, s.converged, s.iterations, s.residual, s.equation, s.status,
       rs_branch(s.m, s.q, 1e-6)};
  return t;
}

MultitaskTheory solve_point_multitask(const TheoryQuery& q) {
  static const GaussHermite rule;
  const MultitaskRS model({.P = q.P, .K = static_cast<int>(q.K)}, rule);
  const auto points = multitask_branches(model, q.d, q.T);
  MultitaskTheory v;
  const MultitaskPoint* state = multitask_state(points);
  if (!state) {
    v.status = "no converged stable branch at this (d, T)";
    return v;
  }
  v.found = true;
  v.amplitudes.assign(state->m.data(), state->m.data() + state->m.size());
  v.f = state->f;
  v.hessian_min = state->hessian_min;
  v.branch = state->branch;
  v.status = "converged";
  return v;
}

}  // namespace hebbmc::analysis
