#pragma once
// Unsupervised learning, exact evaluation (physics.md section 3):
//     H = R^(-P/2) (1/M) sum_mu sum_a E_P(eta^{mu,a}; sigma).
// The K*M examples have entries in {-1, 0, +1}, so this is the storage Hamiltonian over the
// examples as patterns times the constant R^(-P/2)/M (docs/learning.md, eq. L6): all K M example
// overlaps are exact integers and a flip costs O(K M) (docs/hamiltonian.md, eqs. H1-H5).
// The accelerated O(K) evaluation is PlefkaModel (models/plefka.hpp).
#include <cstdint>

#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/path_kernel.hpp"
#include "models/storage.hpp"

namespace hebbmc::models {

/// Exact unsupervised Hamiltonian; an engine::KernelDispatch model (the storage paths, scaled).
class UnsupervisedModel {
 public:
  /// The typed flip kernel of one storage path over the examples: an engine::SpinModel
  /// (models/path_kernel.hpp).
  template <int D, bool Binary>
  using Kernel = PathKernel<UnsupervisedModel, StorageModel::Path<D, Binary>>;

  /// Interaction orders: those of the storage bookkeeping it runs over the examples.
  static constexpr OrderRange supported_P = StorageModel::supported_P;
  /// Estimated bytes of one replica's bookkeeping besides the spins: the storage model's per example.
  static double memory_bytes(const ModelSize& size) {
    return double(size.K) * (double(size.M) * StorageModel::memory_bytes({.N = size.N, .K = 1, .P = size.P}));
  }

  /// Model over `data` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for P outside supported_P (from StorageModel).
  UnsupervisedModel(const Examples& data, int P, Interaction interaction, engine::Spins spins);

  /// Calls f(kernel) once with the typed Kernel of the examples' storage path; returns its result.
  template <class F>
  decltype(auto) with_kernel(F&& f) {
    return with_path_kernel(*this, f);
  }
  /// Calls f(StorageModel::Path<D, Binary>{}) for the storage path of the examples.
  template <class F>
  decltype(auto) with_path(F&& f) const {
    return examples_.with_path(f);
  }
  /// dE on one path (the model's own: with_path): the storage dE of the examples times R^(-P/2)/M.
  template <class Path>
  double delta_energy(Path path, std::int64_t k) const {
    return scale_ * examples_.delta_energy(path, k);
  }
  /// Flips spin k on one path (the model's own) and updates the K M example overlaps.
  template <class Path>
  void flip(Path path, std::int64_t k) {
    examples_.flip(path, k);
  }
  /// Energy change if spin k flipped; O(K M).
  double delta_energy(std::int64_t k) const { return scale_ * examples_.delta_energy(k); }
  /// Flips spin k and updates the K M integer example overlaps.
  void flip(std::int64_t k) { examples_.flip(k); }
  /// Total energy H (not per neuron).
  double energy() const { return scale_ * examples_.energy(); }

  std::int64_t N() const { return data_->N(); }                      ///< number of neurons
  std::int64_t K() const { return data_->K(); }                      ///< number of archetypes
  int M() const { return data_->M(); }                               ///< examples per archetype
  int P() const { return examples_.P(); }                            ///< interaction order
  const engine::Spins& spins() const { return examples_.spins(); }   ///< current configuration
  /// Integer example overlap N n_{mu,a} = sum_i eta^{mu,a}_i sigma_i.
  std::int32_t example_overlap(std::int64_t mu, int a) const { return examples_.overlap(mu * M() + a); }
  /// Example overlap n_{mu,a}.
  double n(std::int64_t mu, int a) const { return examples_.mattis(mu * M() + a); }
  /// True when dE is an exact integer sum before the final scaling (see StorageModel).
  bool exact_arithmetic() const { return examples_.exact_arithmetic(); }
  /// Recomputes the example overlaps from the spins; true if they have not drifted.
  bool overlaps_consistent() const { return examples_.overlaps_consistent(); }

 private:
  const Examples* data_;
  StorageModel examples_;  // the storage Hamiltonian over the K*M examples
  double scale_;           // R^(-P/2) / M
};

}  // namespace hebbmc::models
