#pragma once
// Synchronous (parallel) heat bath, Little dynamics (docs/dynamics.md, eq. D2): every spin is
// redrawn at once from the fields of the current configuration. A different Markov chain from
// the sequential rules of engine/sweep.hpp; its stationary state is not exp(-beta H) / Z.
//
// It reuses the heat-bath probability of engine/glauber.hpp: with the local field defined by the
// flip energy, h_i = sigma_i dE_i / 2 (eq. D1), the rule P(sigma_i(t+1) = +1) = 1 / (1 + exp(-2 beta h_i))
// flips spin i with probability 1 / (1 + exp(beta dE_i)), the Glauber one, only with every dE_i
// taken from the configuration at t.
#include <cstdint>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/rng.hpp"
#include "engine/spin_model.hpp"
#include "engine/sweep.hpp"

namespace hebbmc::engine {

/// The parallel heat-bath rule at inverse temperature beta (beta = +inf: sign of the field,
/// a zero field gives either sign with probability 1/2). Not an UpdateRule: it has its own sweep.
struct ParallelHeatBath {
  double beta;  ///< inverse temperature
};

/// One synchronous update (eq. D2): dE_k of every site from the state at t, one uniform per site
/// in site order 0..N-1 (so the chain does not depend on `order`, which it leaves untouched), then
/// all chosen flips. Returns the number of spins that changed.
/// Found by engine::sweep's variants through the rule's type, like the sequential sweep_loop.
template <SpinModel Model>
std::int64_t sweep_loop(Model& model, const ParallelHeatBath& rule, SiteOrder&, Stream& rng) {
  const Glauber heat_bath{rule.beta};
  const auto N = static_cast<std::int32_t>(model.N());
  std::vector<std::int32_t> flips;
  for (std::int32_t k = 0; k < N; ++k)
    if (heat_bath.accept(model.delta_energy(k), rng)) flips.push_back(k);
  for (const std::int32_t k : flips) model.flip(k);
  return static_cast<std::int64_t>(flips.size());
}

/// The same update for a model with a run-time kernel choice: the typed kernel is chosen once.
template <KernelDispatch Model>
std::int64_t sweep_loop(Model& model, const ParallelHeatBath& rule, SiteOrder& order, Stream& rng) {
  return model.with_kernel([&](SpinModel auto& kernel) { return sweep_loop(kernel, rule, order, rng); });
}

}  // namespace hebbmc::engine
