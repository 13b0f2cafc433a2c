#include "observables/learning.hpp"

#include <stdexcept>

namespace hebbmc::observables {

double normalised_teacher_overlap(double s, double r, int M) {
  const double R = models::example_R(r, M);
  return r * s / R;  // r (1 + rho) = R / r
}

LearningObservation observe_learning(const models::Examples& data, const engine::Spins& sigma, LearningScope scope) {
  const std::int64_t N = data.N(), K = data.K();
  const int M = data.M();
  const std::int64_t L = scope.archetypes < 0 ? K : scope.archetypes;
  const std::int64_t A = scope.example_archetypes < 0 ? L : scope.example_archetypes;
  if (static_cast<std::int64_t>(sigma.size()) != N) throw std::invalid_argument("observe_learning: spins size != N");
  if (L < 1 || L > K || A < 0 || A > L) throw std::invalid_argument("observe_learning: need 1 <= L <= K and 0 <= A <= L");
  const auto& xi = data.archetypes();
  std::vector<std::int64_t> mm(static_cast<std::size_t>(L), 0), ss(static_cast<std::size_t>(L), 0),
      nn(static_cast<std::size_t>(A * M), 0);
  for (std::int64_t i = 0; i < N; ++i) {
    const int s = sigma[i];
    const std::int8_t* x = xi.site(i);
    const std::int8_t* e = data.examples().site(i);  // archetype mu's examples are columns mu*M .. mu*M + M-1
    const std::int32_t* w = data.teacher_site(i);
    for (std::int64_t mu = 0; mu < L; ++mu) {
      mm[mu] += x[mu] * s;
      ss[mu] += static_cast<std::int64_t>(w[mu]) * s;
    }
    for (std::int64_t c = 0; c < A * M; ++c) nn[c] += e[c] * s;
  }
  LearningObservation o;
  const double dN = static_cast<double>(N);
  for (std::int64_t mu = 0; mu < L; ++mu) {
    o.m.push_back(static_cast<double>(mm[mu]) / dN);
    o.s.push_back(static_cast<double>(ss[mu]) / (static_cast<double>(M) * dN));
    o.nbar.push_back(normalised_teacher_overlap(o.s.back(), data.r(), M));
    // eq. L12: (1/2n) sum_{i: xi_i != 0} (xi_i -+ sigma_i)^2 = 1 -+ N m / n (n = support size).
    const double n = static_cast<double>(xi.nonzero(mu));
    const double m_support = n > 0 ? static_cast<double>(mm[mu]) / n : 0.0;
    o.loss_minus.push_back(n > 0 ? 1.0 - m_support : 0.0);
    o.loss_plus.push_back(n > 0 ? 1.0 + m_support : 0.0);
  }
  for (std::int64_t mu = 0; mu < A; ++mu) {
    ExampleRetrieval best;
    best.m = o.m[mu];
    for (int a = 0; a < M; ++a) {
      const double na = static_cast<double>(nn[mu * M + a]) / dN;
      o.n_example.push_back(na);
      if (a == 0 || na > best.n_max) {
        best.n_max = na;
        best.a = a;
      }
    }
    o.retrieval.push_back(best);
  }
  return o;
}

}  // namespace hebbmc::observables
