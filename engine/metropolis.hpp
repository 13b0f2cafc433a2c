#pragma once
// Metropolis rule: accept with probability min(1, exp(-beta dE)) (physics.md section 4,
// docs/dynamics.md; the shortcut of eq. D0).
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
    return passes(beta * dE, rng.uniform());
  }

  /// The test u < exp(-x) for x = beta dE > 0 and a uniform u of uniform()'s grid, by eq. D0.
  static bool passes(double x, double u) {
    // For x > 40, exp(-x) < 2^-57 lies below every u of the grid but u = 0: skip the exp. Same bits.
    if (x > 40 && u != 0) return false;
    return u < std::exp(-x);
  }
};

}  // namespace hebbmc::engine
