#pragma once
// Glauber (heat-bath) rule: flip with probability 1 / (1 + exp(beta dE)) (physics.md section 4).
#include <cmath>
#include <limits>

#include "engine/rng.hpp"

namespace hebbmc::engine {

/// Heat-bath acceptance at inverse temperature beta (beta = +inf: dE < 0 always, dE = 0 half the time).
struct Glauber {
  double beta;  ///< inverse temperature

  /// Decides one proposed flip with energy change dE; draws exactly one number.
  bool accept(double dE, Stream& rng) const {
    const double u = rng.uniform();
    if (std::isinf(beta)) return dE < 0 || (dE == 0 && u < 0.5);
    return u * (1.0 + std::exp(beta * dE)) < 1.0;
  }
};

}  // namespace hebbmc::engine
