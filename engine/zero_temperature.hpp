#pragma once
// Zero-temperature rule: flip iff dE < 0 (physics.md section 4).
#include "engine/rng.hpp"

namespace hebbmc::engine {

/// Greedy descent: strictly downhill flips only, no randomness.
struct ZeroTemperature {
  /// Decides one proposed flip with energy change dE.
  bool accept(double dE, Stream&) const { return dE < 0; }
};

}  // namespace hebbmc::engine
