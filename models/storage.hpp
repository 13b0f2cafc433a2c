#pragma once
// Dense Hebbian storage model, H = sum_mu E_P(xi^mu; sigma) (physics.md section 3; Hopfield at P = 2).
//
// State: spins and the exact integer overlaps M_mu = N m_mu. A flip of spin k changes
// M_mu by -2 sigma_k xi^mu_k, and the energy change is (docs/hamiltonian.md, eq. H4)
//     dE = -(1 / (P! N^(P-1))) sum_mu |xi^mu_k| h_mu(sigma_k xi^mu_k M_mu),
// with h_mu the flip difference of the Newton polynomial of pattern mu. All terms are
// integers held in doubles, exact while they stay below 2^53 (checked: exact_arithmetic()).
//
// The degree P - 1 of h and whether one polynomial serves all patterns are fixed per model, so the
// flip arithmetic is chosen once: with_kernel hands engine::sweep a Kernel<D, Binary> whose loops
// have the degree as a compile-time constant (models/storage_kernels.hpp).
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "engine/spin_model.hpp"
#include "engine/spins.hpp"
#include "models/interaction.hpp"
#include "models/model_size.hpp"
#include "models/path_kernel.hpp"
#include "models/patterns.hpp"
#include "models/storage_kernels.hpp"

namespace hebbmc::models {

/// Storage Hamiltonian with integer overlap bookkeeping; an engine::KernelDispatch model.
class StorageModel {
 public:
  /// Compile-time flip arithmetic: degree D = P - 1 of h (odd), one shared polynomial of binary
  /// patterns (eq. H5) or per-pattern polynomials with blank entries (eq. H4).
  template <int D, bool Binary>
  struct Path {};

  /// The typed flip kernel of one path: an engine::SpinModel (models/path_kernel.hpp).
  template <int D, bool Binary>
  using Kernel = PathKernel<StorageModel, Path<D, Binary>>;

  /// Interaction orders of the compiled flip kernels: h of odd degree P - 1 <= 11 (eq. H5).
  static constexpr OrderRange supported_P{2, 12};
  /// Estimated bytes of one replica's bookkeeping besides the spins (docs/parameters.md, "Memory"):
  /// per pattern an int32 overlap, P flip and P + 1 energy coefficients (the diluted case, the larger).
  /// (Binary patterns keep an int32 overlap and a double odd part instead: fewer.)
  /// In double, like the whole estimate: sizes far beyond the memory limit must not wrap around.
  static double memory_bytes(const ModelSize& size) { return double(size.K) * (4.0 + 16.0 * size.P + 32.0); }

  /// Model over `patterns` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for P outside supported_P or spins not of size N.
  StorageModel(const Patterns& patterns, int P, Interaction interaction, engine::Spins spins);

  /// Calls f(kernel) once with the typed Kernel of this model's path and returns its result.
  template <class F>
  decltype(auto) with_kernel(F&& f) {
    return with_path_kernel(*this, f);
  }
  /// Calls f(Path<D, Binary>{}) for this model's degree and pattern kind.
  template <class F>
  decltype(auto) with_path(F&& f) const;
  /// dE on one path (the model's own: with_path), -(1/(P! N^(P-1))) sum_mu |xi| h_mu(u_mu) of eq. H4;
  /// binary: the even sum plus s times the odd one (eq. H5).
  template <int D, bool Binary>
  double delta_energy(Path<D, Binary>, std::int64_t k) const {
    const std::int8_t* x = patterns_->site(k);
    const int s = spins_[k];
    if constexpr (Binary) return -inv_norm_ * (even_sum_ + s * storage_kernels::sum_odd(x, odd_.data(), K()));
    else return -inv_norm_ * storage_kernels::sum_per_pattern<D>(x, M_.data(), s, h_per_pattern_.data(), K());
  }
  /// dE of engine::kProposalBlock sites on a binary path, from one pass over the odd parts: each
  /// with the bits of delta_energy (engine::ordered_sums), so a blocked sweep is the same chain.
  template <int D, bool Binary>
    requires Binary
  void delta_energies(Path<D, Binary>, const std::int32_t* sites, double* out) const {
    constexpr int B = engine::kProposalBlock;
    const std::int8_t* x[B];
    for (int b = 0; b < B; ++b) x[b] = patterns_->site(sites[b]);
    double odd[B];
    storage_kernels::sum_odd_block<B>(x, odd_.data(), K(), odd);
    for (int b = 0; b < B; ++b) out[b] = -inv_norm_ * (even_sum_ + spins_[sites[b]] * odd[b]);
  }
  /// Flips spin k on one path (the model's own): M_mu -= 2 s xi_mu, and for binary patterns the
  /// odd parts and the even sum of the new overlaps.
  template <int D, bool Binary>
  void flip(Path<D, Binary>, std::int64_t k) {
    const std::int8_t* x = patterns_->site(k);
    const std::int32_t two_s = 2 * spins_[k];
    spins_[k] = static_cast<std::int8_t>(-spins_[k]);
    if constexpr (Binary)
      even_sum_ = storage_kernels::flip_and_sum_even<D>(x, M_.data(), odd_.data(), two_s, h_shared_.data(), K());
    else storage_kernels::flip_overlaps(x, M_.data(), two_s, K());
  }
  /// Energy change if spin k flipped; O(K), no allocation (chooses the path per call: sweeps use with_kernel).
  double delta_energy(std::int64_t k) const;
  /// Flips spin k and updates the K integer overlaps (per call, like delta_energy).
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
  double even_sum() const;  // sum_mu h_even(M_mu), binary patterns (eq. H5)
  void refresh_odd();       // odd_[mu] = h_odd(M_mu), binary patterns (eq. H5)

  const Patterns* patterns_;
  int P_;
  engine::Spins spins_;
  std::vector<std::int32_t> M_;
  // Polynomials: shared ones when all patterns have n = N, else per pattern (structure of arrays).
  std::vector<double> F_shared_, h_shared_;
  std::vector<double> h_per_pattern_;  // [degree+1][K], coefficient-major
  std::vector<std::vector<double>> F_per_pattern_;
  std::vector<double> odd_;  // h_odd(M_mu) per pattern, binary patterns: the proposal's sum reads these
  double even_sum_ = 0.0;  // flip-independent part of the binary dE (eq. H5), refreshed on every accepted flip
  int h_degree_;
  double inv_norm_;  // 1 / (P! N^(P-1))
  bool exact_;
};

template <class F>
decltype(auto) StorageModel::with_path(F&& f) const {
  const bool binary = !h_shared_.empty();
  switch (h_degree_) {
    case 1: return binary ? f(Path<1, true>{}) : f(Path<1, false>{});
    case 3: return binary ? f(Path<3, true>{}) : f(Path<3, false>{});
    case 5: return binary ? f(Path<5, true>{}) : f(Path<5, false>{});
    case 7: return binary ? f(Path<7, true>{}) : f(Path<7, false>{});
    case 9: return binary ? f(Path<9, true>{}) : f(Path<9, false>{});
    case 11: return binary ? f(Path<11, true>{}) : f(Path<11, false>{});
  }
  throw std::logic_error("StorageModel: no flip kernel for this degree");  // refused by the constructor
}

inline double StorageModel::delta_energy(std::int64_t k) const {
  return with_path([&](auto path) { return delta_energy(path, k); });
}

inline void StorageModel::flip(std::int64_t k) {
  with_path([&](auto path) { flip(path, k); });
}

}  // namespace hebbmc::models
