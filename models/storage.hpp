#pragma once
// Dense Hebbian storage model, H = sum_mu E_P(xi^mu; sigma) (physics.md section 3; Hopfield at P = 2).
//
// State: spins and the exact integer overlaps M_mu = N m_mu. A flip of spin k changes
// M_mu by -2 sigma_k xi^mu_k, and the energy change is (docs/hamiltonian.md, eq. H4)
//     dE = -(1 / (P! N^(P-1))) sum_mu |xi^mu_k| h_mu(sigma_k xi^mu_k M_mu),
// with h_mu the flip difference of the Newton polynomial of pattern mu. All terms are
// integers held in doubles, exact while they stay below 2^53 (checked: exact_arithmetic()).
#include <cstdint>
#include <vector>

#include "engine/spins.hpp"
#include "models/interaction.hpp"
#include "models/model_size.hpp"
#include "models/patterns.hpp"

namespace hebbmc::models {

/// Storage Hamiltonian with integer overlap bookkeeping; satisfies the engine's Model concept.
class StorageModel {
 public:
  /// Interaction orders of the compiled flip kernels: h of odd degree P - 1 <= 11 (eq. H5).
  static constexpr OrderRange supported_P{2, 12};
  /// Estimated bytes of one replica's bookkeeping besides the spins (docs/parameters.md, "Memory"):
  /// per pattern an int32 overlap, P flip and P + 1 energy coefficients (the diluted case, the larger).
  /// In double, like the whole estimate: sizes far beyond the memory limit must not wrap around.
  static double memory_bytes(const ModelSize& size) { return double(size.K) * (4.0 + 16.0 * size.P + 32.0); }

  /// Model over `patterns` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for P outside supported_P or spins not of size N.
  StorageModel(const Patterns& patterns, int P, Interaction interaction, engine::Spins spins);

  /// Energy change if spin k flipped; O(K), no allocation.
  double delta_energy(std::int64_t k) const { return -inv_norm_ * flip_sum(k); }
  /// Flips spin k and updates the K integer overlaps.
  void flip(std::int64_t k);
  /// Total energy H from the overlaps (not per neuron).
  double energy() const;

  std::int64_t N() const { return patterns_->N(); }       ///< number of neurons
  std::int64_t K() const { return patterns_->K(); }       ///< number of patterns
  int P() const { return P_; }                            ///< interaction order
  const engine::Spins& spins() const { return spins_; }   ///< current configuration
  /// Integer overlap N m_mu of pattern mu.
  std::int32_t overlap(std::int64_t mu) const { return M_[mu]; }
  /// Mattis magnetisation m_mu = M_mu / N.
  double mattis(std::int64_t mu) const { return static_cast<double>(M_[mu]) / static_cast<double>(N()); }
  /// True when every intermediate of dE is an integer below 2^53, so dE is exact.
  bool exact_arithmetic() const { return exact_; }
  /// Recomputes the overlaps from the spins; true if the bookkeeping has not drifted.
  bool overlaps_consistent() const;

 private:
  double flip_sum(std::int64_t k) const;  // sum_mu |xi| h_mu(u_mu)
  double even_sum() const;                 // sum_mu h_even(M_mu), binary patterns (eq. H5)

  const Patterns* patterns_;
  int P_;
  engine::Spins spins_;
  std::vector<std::int32_t> M_;
  // Polynomials: shared ones when all patterns have n = N, else per pattern (structure of arrays).
  std::vector<double> F_shared_, h_shared_;
  std::vector<double> h_per_pattern_;  // [degree+1][K], coefficient-major
  std::vector<std::vector<double>> F_per_pattern_;
  double even_sum_ = 0.0;  // flip-independent part of flip_sum, refreshed on every accepted flip
  int h_degree_;
  double inv_norm_;  // 1 / (P! N^(P-1))
  bool exact_;
};

}  // namespace hebbmc::models
