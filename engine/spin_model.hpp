#pragma once
// What engine::sweep asks of a model and of an update rule (physics.md section 4).
//
// The sweep calls delta_energy(k) N times and flip(k) on every accepted proposal, so both must be
// typed, visible to the compiler and free of run-time choices: then they inline into the loop.
// A model whose arithmetic depends on the point (the polynomial degree, the integer width) keeps
// that choice out of the loop by offering with_kernel(f): it calls f once with a typed kernel,
// itself a SpinModel with the choice fixed at compile time, and engine::sweep goes through it once
// per sweep instead of deciding per proposal.
#include <concepts>
#include <cstdint>

#include "engine/rng.hpp"

namespace hebbmc::engine {

/// A spin system a sweep can drive: the energy change of flipping spin k, the flip, the size N.
template <class M>
concept SpinModel = requires(M& m, const M& cm, std::int32_t k) {
  { cm.delta_energy(k) } -> std::same_as<double>;
  { m.flip(k) } -> std::same_as<void>;
  { cm.N() } -> std::convertible_to<std::int64_t>;
};

/// Proposals a BlockProposals model evaluates in one pass over its data.
inline constexpr int kProposalBlock = 8;

/// A SpinModel that can also give the energy changes of kProposalBlock sites at once, each with
/// the bits of its delta_energy: the sweep uses it where flips are rare (engine/sweep.hpp).
template <class M>
concept BlockProposals = SpinModel<M> && requires(const M& cm, const std::int32_t* sites, double* out) {
  { cm.delta_energies(sites, out) } -> std::same_as<void>;
};

/// An acceptance rule: decides one proposed flip from its energy change, drawing from the stream.
template <class R>
concept UpdateRule = requires(const R& r, double dE, Stream& rng) {
  { r.accept(dE, rng) } -> std::same_as<bool>;
};

namespace detail {
/// Stands in for the sweep in KernelDispatch: takes any SpinModel kernel, returns the accepted count.
struct SweepProbe {
  /// Accepts a kernel only if it is a SpinModel, so with_kernel must hand out typed kernels.
  template <SpinModel Kernel>
  std::int64_t operator()(Kernel&) const {
    return 0;
  }
};
}  // namespace detail

/// A SpinModel whose flip arithmetic is chosen at run time: with_kernel(f) calls f once with the
/// typed kernel of the current state (a SpinModel over the same spins) and returns what f returns.
template <class M>
concept KernelDispatch = SpinModel<M> && requires(M& m, const detail::SweepProbe& probe) {
  { m.with_kernel(probe) } -> std::same_as<std::int64_t>;
};

}  // namespace hebbmc::engine
