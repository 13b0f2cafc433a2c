#pragma once
// Unsupervised learning in Plefka mode (physics.md section 4; derivation in docs/learning.md,
// eqs. L7-L11): O(K) per flip instead of O(K M).
//
// Each example energy is the Newton polynomial of its integer overlap, E_P(eta^a) =
// -F(A_a)/(P! N^(P-1)) (eq. H1). Its average over the M examples of an archetype is expanded
// exactly around the mean S = (1/M) sum_a A_a = sum_i yhat_i sigma_i in the central moments
// mu_k of the A_a (eq. L7); the Plefka mode keeps k = 0 and the constant diagonal part
// V0 = n - sum_i yhat_i^2 of the variance (eq. L9):
//     (1/M) sum_a F(A_a)  ~  F(S) + F''(S) V0 / 2.
// Dropped: the off-diagonal covariance part of mu_2 and all mu_k, k >= 3 (docs/learning.md).
// With T = M S = sum_i w_i sigma_i (an integer) this is Phi(T)/M^P with Phi an even polynomial
// with integer coefficients (eq. L10), evaluated in 128-bit integers: dE is exact up to the final
// rounding. The same formula with F = A^P is physics.md's full-power version (self-interaction).
#include <cstdint>
#include <vector>

#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/storage.hpp"

namespace hebbmc::models {

/// Plefka-mode unsupervised Hamiltonian; satisfies the engine's Model concept.
class PlefkaModel {
 public:
  __extension__ typedef __int128 Int;  ///< exact accumulator type

  /// Model over `data` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for odd P, P < 2, or when 2 K max_mu sum_l |phi_l| (sum_i |w_i|)^l
  /// could exceed 2^125 (the exact 128-bit range, docs/learning.md "Exactness").
  PlefkaModel(const Examples& data, int P, Interaction interaction, engine::Spins spins);

  /// Energy change if spin k flipped; O(K P/2), eq. L11.
  double delta_energy(std::int64_t k) const;
  /// Flips spin k and updates the K integer teacher overlaps.
  void flip(std::int64_t k);
  /// Total energy H (not per neuron), eq. L10.
  double energy() const;

  std::int64_t N() const { return data_->N(); }          ///< number of neurons
  std::int64_t K() const { return data_->K(); }          ///< number of archetypes
  int P() const { return P_; }                           ///< interaction order
  const engine::Spins& spins() const { return spins_; }  ///< current configuration
  /// Integer teacher overlap T_mu = sum_i w^mu_i sigma_i = M N s_mu.
  std::int64_t teacher_overlap(std::int64_t mu) const { return T_[mu]; }
  /// Teacher overlap s_mu = (1/N) sum_i yhat^mu_i sigma_i.
  double s(std::int64_t mu) const;
  /// Always true: the constructor refuses sizes outside the exact range.
  bool exact_arithmetic() const { return true; }
  /// Recomputes the teacher overlaps from the spins; true if they have not drifted.
  bool overlaps_consistent() const;

 private:
  Int phi(std::int64_t mu, Int T) const;  // Phi_mu(T) by Horner in T^2

  const Examples* data_;
  int P_;
  engine::Spins spins_;
  std::vector<std::int64_t> T_;  // teacher overlaps
  std::vector<Int> phi_;         // [j][mu]: coefficient of T^(2j) in Phi_mu, j = 0..P/2
  double scale_;                 // R^(-P/2) / (P! M^P N^(P-1))
};

}  // namespace hebbmc::models
