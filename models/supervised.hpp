#pragma once
// Supervised learning, H = R^(-P/2) sum_mu E_P(yhat^mu; sigma) (physics.md section 3).
//
// With y^mu_i = w^mu_i sigma_i (w = M yhat, an integer) the distinct-index energy is
//     E_P(yhat^mu) = -e_P(y^mu) / (M^P N^(P-1))                          (docs/learning.md, L2)
// and the model tracks the elementary symmetric polynomials E^mu_m = e_m(y^mu), m = 1..P, as
// exact 128-bit integers. A flip of spin k changes them by (L4, L5)
//     D_0 = 1,  D_m = E_m - y_k D_(m-1)   (= e_m of y without site k),
//     E_m -> E_m - 2 y_k D_(m-1),
// so dE = 2 R^(-P/2) / (M^P N^(P-1)) sum_mu y^mu_k D^mu_(P-1): O(K P) integer operations, exact.
// E_1 = S_1 = sum_i w_i sigma_i is the teacher overlap M N s_mu. Newton's identities relate the
// E_m to the power sums S_j (L3); the tests use that route as an independent check.
// With Interaction::self_interaction, H = -R^(-P/2) (N/P!) sum_mu s_mu^P and only S_1 is tracked.
#include <cstdint>
#include <vector>

#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/storage.hpp"

namespace hebbmc::models {

/// Supervised Hamiltonian with exact integer bookkeeping; satisfies the engine's Model concept.
class SupervisedModel {
 public:
  __extension__ typedef __int128 Int;  ///< exact accumulator type of the bookkeeping

  /// Model over `data` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for odd P, P < 2, or when K (sum_i |w_i|)^P / P! could exceed
  /// 2^125 (the exact range of the 128-bit bookkeeping, docs/learning.md "Exactness").
  SupervisedModel(const Examples& data, int P, Interaction interaction, engine::Spins spins);

  /// Energy change if spin k flipped; O(K P), exact up to the final rounding to double.
  double delta_energy(std::int64_t k) const;
  /// Flips spin k and updates the integer bookkeeping.
  void flip(std::int64_t k);
  /// Total energy H from the bookkeeping (not per neuron).
  double energy() const;

  std::int64_t N() const { return data_->N(); }          ///< number of neurons
  std::int64_t K() const { return data_->K(); }          ///< number of archetypes
  int P() const { return P_; }                           ///< interaction order
  const engine::Spins& spins() const { return spins_; }  ///< current configuration
  /// Integer teacher overlap S_mu = sum_i w^mu_i sigma_i = M N s_mu.
  std::int64_t teacher_overlap(std::int64_t mu) const { return static_cast<std::int64_t>(e_[mu]); }
  /// Teacher overlap s_mu = (1/N) sum_i yhat^mu_i sigma_i.
  double s(std::int64_t mu) const;
  /// Always true: the constructor refuses sizes outside the exact range.
  bool exact_arithmetic() const { return true; }
  /// Recomputes the bookkeeping from the spins; true if it has not drifted.
  bool overlaps_consistent() const;

 private:
  std::vector<Int> fresh_state() const;  // e_m(y^mu) (or S_1) from the spins, O(N K P)

  const Examples* data_;
  int P_;
  bool distinct_;
  engine::Spins spins_;
  int tracked_;           // P (distinct indices) or 1 (self-interaction)
  std::vector<Int> e_;    // [m-1][mu]: e_m(y^mu), m = 1..tracked_, coefficient-major
  double scale_;          // R^(-P/2) / (M^P N^(P-1)), times 1/P! for the self-interaction form
};

}  // namespace hebbmc::models
