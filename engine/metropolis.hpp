#pragma once
// Metropolis rule: accept with probability min(1, exp(-beta dE)) (physics.md section 4).
#include <cmath>

#include "engine/rng.hpp"

namespace hebbmc::engine {

/// Metropolis acceptance at inverse temperature beta; downhill and flat moves draw nothing.
struct Metropolis {
  double beta;  ///< inverse temperature

  /// Decides one proposed flip with energy change dE.
  bool accept(double dE, Stream& rng) const {
    if (dE <= 0) return true;
    if (std::isinf(beta)) return false;
    return rng.uniform() < std::exp(-beta * dE);
  }
};

}  // namespace hebbmc::engine
