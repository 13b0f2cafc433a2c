#pragma once
// One Monte Carlo sweep: N attempted single-spin flips (physics.md section 4).
//
// This is the hot loop. It is a template over the model and the rule (engine/spin_model.hpp) so
// that the model's delta_energy and flip inline; the run driver picks the model class and the rule
// once per point, and a model whose arithmetic is chosen at run time hands the loop a typed kernel
// once per sweep (KernelDispatch), so no proposal goes through a switch or a function pointer.
// The loop exists in one instruction-set variant per KernelVariant (engine/kernel_variant.hpp),
// chosen once per sweep.
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "engine/kernel_variant.hpp"
#include "engine/rng.hpp"
#include "engine/spin_model.hpp"

namespace hebbmc::engine {

/// Order in which the N sites are visited within a sweep.
enum class SweepOrder { random_permutation, sequential };

/// Visits sites in the given order, reusing a permutation buffer between sweeps.
class SiteOrder {
 public:
  /// Order over N sites.
  SiteOrder(std::int64_t N, SweepOrder order) : order_(order), sites_(static_cast<std::size_t>(N)) {
    std::iota(sites_.begin(), sites_.end(), 0);
  }
  /// Sites of the next sweep: a fresh uniform random permutation (Fisher-Yates) or 0..N-1.
  const std::vector<std::int32_t>& next(Stream& rng) {
    if (order_ == SweepOrder::random_permutation)
      for (std::size_t i = sites_.size(); i > 1; --i) std::swap(sites_[i - 1], sites_[rng.below(i)]);
    return sites_;
  }
  /// The current permutation: part of the chain state, since the next one is shuffled from it.
  const std::vector<std::int32_t>& sites() const { return sites_; }
  /// Restores a permutation saved with sites() (checkpoints); sizes must match.
  void restore(const std::vector<std::int32_t>& sites) {
    if (sites.size() != sites_.size()) throw std::invalid_argument("SiteOrder::restore: wrong size");
    sites_ = sites;
  }

 private:
  SweepOrder order_;
  std::vector<std::int32_t> sites_;
};

/// The loop of one sweep: N proposals in the order's sequence, each flip accepted by `rule`;
/// returns the number of accepted flips. Compiled into each kernel variant by sweep() below.
template <SpinModel Model, UpdateRule Rule>
std::int64_t sweep_loop(Model& model, const Rule& rule, SiteOrder& order, Stream& rng) {
  std::int64_t accepted = 0;
  for (const std::int32_t k : order.next(rng)) {
    if (rule.accept(model.delta_energy(k), rng)) {
      model.flip(k);
      ++accepted;
    }
  }
  return accepted;
}

/// The same loop for a model that evaluates proposals in blocks: kProposalBlock dE from one pass
/// over the model's data, then decided one by one in the order's sequence, with the same draws.
/// An accepted flip changes the later dE of its block, so the next block starts after it and the
/// rest of the block's work is lost; where more than 1 in 32 proposals of the sweep so far was
/// accepted, or fewer than a block remain, proposals go one at a time. Every dE has the bits of
/// delta_energy, so the chain is that of the loop above (docs/performance.md, "Blocks of proposals").
template <SpinModel Model, UpdateRule Rule>
  requires BlockProposals<Model>
std::int64_t sweep_loop(Model& model, const Rule& rule, SiteOrder& order, Stream& rng) {
  const std::vector<std::int32_t>& sites = order.next(rng);
  const std::int64_t n = static_cast<std::int64_t>(sites.size());
  std::int64_t accepted = 0, i = 0;
  double dE[kProposalBlock];
  while (i < n) {
    if (n - i < kProposalBlock || 32 * accepted > i + 32) {
      const std::int32_t k = sites[i++];
      if (rule.accept(model.delta_energy(k), rng)) {
        model.flip(k);
        ++accepted;
      }
      continue;
    }
    model.delta_energies(sites.data() + i, dE);
    for (int j = 0; j < kProposalBlock;) {
      const std::int32_t k = sites[i++];
      if (rule.accept(dE[j++], rng)) {
        model.flip(k);
        ++accepted;
        break;
      }
    }
  }
  return accepted;
}

/// The same loop for a model with a run-time kernel choice: chosen once, then the typed kernel is swept.
template <KernelDispatch Model, UpdateRule Rule>
std::int64_t sweep_loop(Model& model, const Rule& rule, SiteOrder& order, Stream& rng) {
  return model.with_kernel([&](SpinModel auto& kernel) { return sweep_loop(kernel, rule, order, rng); });
}

/// Performs one sweep of `model` with `rule` in kernel variant `v`; returns the number of accepted flips.
template <class Model, class Rule>
std::int64_t sweep(Model& model, const Rule& rule, SiteOrder& order, Stream& rng, KernelVariant v) {
  return in_variant(v, [&] { return sweep_loop(model, rule, order, rng); });
}

/// Performs one sweep of `model` with `rule` in the process's kernel variant (active_variant()).
template <class Model, class Rule>
std::int64_t sweep(Model& model, const Rule& rule, SiteOrder& order, Stream& rng) {
  return sweep(model, rule, order, rng, active_variant());
}

}  // namespace hebbmc::engine
