#pragma once
// Observables of multitasking (parallel) retrieval with diluted archetypes (physics.md 5(e);
// docs/multitasking.md): the sorted amplitude vector, the number of retrieved patterns and the
// squared-error loss per pattern on its support. All are invariant under the global spin flip,
// like the Hamiltonian for even P, so replicas in mirror states give the same values.
#include <cstdint>
#include <span>
#include <vector>

namespace hebbmc::observables {

/// |m_mu| sorted in decreasing order: a hierarchy is visible whatever pattern the chain put first.
std::vector<double> sorted_amplitudes(std::span<const double> m);

/// Number of patterns with |m_mu| > threshold.
int retrieved_count(std::span<const double> m, double threshold);

/// Squared-error loss of pattern mu on its support of n_mu sites, minimised over the global flip:
/// min(L^-, L^+) = 1 - N |m_mu| / n_mu (docs/learning.md eq. L12); 0 when the support is retrieved.
double support_loss(double m, std::int64_t N, std::int64_t n_mu);

/// Zero-temperature hierarchical amplitudes (1 - d) d^(k-1), k = 1..K (physics.md 5(e)).
std::vector<double> hierarchical_amplitudes(int K, double d);

}  // namespace hebbmc::observables
