#pragma once
// Order parameters of the learning models (physics.md section 2), computed from a configuration
// and the data set, whatever the Hamiltonian (supervised, unsupervised exact or Plefka).
// One pass over the site-major data: O(N (L + A M)) for L archetypes and the examples of the first
// A of them; all of them (L = A = K) cost O(N K M), the order of one sweep of the exact
// unsupervised model. The run driver records L archetypes and the examples of archetype 1 only.
#include <cstdint>
#include <vector>

#include "engine/spins.hpp"
#include "models/examples.hpp"

namespace hebbmc::observables {

/// Which example of one archetype the configuration is closest to (the "example retrieval" diagnostic).
struct ExampleRetrieval {
  int a = 0;              ///< argmax_a n_{mu,a} (first maximum)
  double n_max = 0.0;     ///< max_a n_{mu,a}
  double m = 0.0;         ///< m_mu, for comparison
  /// n_max - m_mu: > 0 when the state is closer to one example than to the archetype. At T = 0,
  /// archetype retrieval gives n_max ~ r (plus O(N^-1/2)) < m ~ 1; example retrieval gives n_max ~ 1, m ~ r.
  double dominance() const { return n_max - m; }
};

/// All order parameters of the learning models for one configuration (physics.md section 2).
struct LearningObservation {
  std::vector<double> m;          ///< m_mu = (1/N) sum_i xi^mu_i sigma_i, K values           (HDF5 `m`)
  std::vector<double> n_example;  ///< n_{mu,a} = (1/N) sum_i eta^{mu,a}_i sigma_i, [mu*M + a]  (`n_example`)
  std::vector<double> s;          ///< s_mu = (1/N) sum_i yhat^mu_i sigma_i
  std::vector<double> nbar;       ///< nbar_mu = s_mu / (r (1 + rho)) = r s_mu / R              (`nbar`)
  std::vector<double> loss_minus; ///< L^(-)_mu on the support of xi^mu (docs/learning.md, eq. L12) (`loss`)
  std::vector<double> loss_plus;  ///< L^(+)_mu on the support of xi^mu
  std::vector<ExampleRetrieval> retrieval;  ///< per archetype whose examples were observed
};

/// Which order parameters to compute: archetypes 1..L, and the examples of archetypes 1..A.
struct LearningScope {
  std::int64_t archetypes = -1;          ///< L (-1: all K)
  std::int64_t example_archetypes = -1;  ///< A <= L (-1: the same as L)
};

/// Normalised teacher overlap nbar = s / (r (1 + rho)) = r s / R (physics.md section 2); 0 at r = 0.
double normalised_teacher_overlap(double s, double r, int M);

/// The order parameters of `data` at configuration `sigma` within `scope` (default: all), from
/// scratch (integer sums, exact): m, s, nbar and the losses of archetypes 1..L; n_example and the
/// example retrieval of archetypes 1..A. Throws std::invalid_argument for a wrong size or scope.
LearningObservation observe_learning(const models::Examples& data, const engine::Spins& sigma, LearningScope scope = {});

}  // namespace hebbmc::observables
