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
#include "models/model_size.hpp"
#include "models/storage.hpp"

namespace hebbmc::models {

/// Supervised Hamiltonian with exact integer bookkeeping; an engine::SpinModel (one flip arithmetic).
class SupervisedModel {
 public:
  __extension__ typedef __int128 Int;  ///< exact accumulator type of the bookkeeping

  /// Interaction orders: every even P >= 2 (the exact range below limits the sizes instead).
  static constexpr OrderRange supported_P{};
  /// The bound the 128-bit bookkeeping must keep below 2^125 (docs/learning.md, "Exactness"):
  /// K 2 (L1^P / P! + 2 M L1^(P-1) P / P!), without the 1/P! for the self-interaction form, with
  /// L1 the largest sum_i |w_i| over the archetypes.
  static long double exactness_bound(const ModelSize& size, long double L1);
  /// True when the bound is below 2^125 (false also for a NaN bound).
  static bool exact(long double bound) { return bound < 0x1.0p125L; }
  /// True when every data set of these sizes is inside the exact range: the bound at its worst
  /// case L1 = N M (what the validator checks before any data exist).
  static bool within_exact_range(const ModelSize& size) {
    return exact(exactness_bound(size, static_cast<long double>(size.N) * static_cast<long double>(size.M)));
  }
  /// Estimated bytes of one replica's bookkeeping besides the spins: P 128-bit e_m per archetype.
  static double memory_bytes(const ModelSize& size) { return double(size.K) * (16.0 * size.P); }

  /// Model over `data` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for P outside supported_P, or when exactness_bound at the data's
  /// own L1 is not exact().
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
