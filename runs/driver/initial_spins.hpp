#pragma once
// The initial configuration of one replica (docs/parameters.md, `init`): random spins, archetype 1,
// a noisy copy of archetype 1 at a given overlap, a symmetric mixture of the leading archetypes, or
// an example of archetype 1.
#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Starting spins of replica `replica` of disorder sample `sample` at point p; `data` is needed
/// (non-null) only by init = "example". A pure function of (p, xi, data, sample, replica).
engine::Spins initial_spins(const PointParameters& p, const models::Patterns& xi, const models::Examples* data,
                            int sample, int replica);

}  // namespace hebbmc::runs
