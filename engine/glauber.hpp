#pragma once
// Glauber (heat-bath) rule: flip with probability 1 / (1 + exp(beta dE)) (physics.md section 4,
// docs/dynamics.md; the shortcut of eq. D0 below).
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
    return passes(beta * dE, u);
  }

  /// The test u (1 + exp(x)) < 1 for x = beta dE and a uniform u of uniform()'s grid, by eq. D0.
  static bool passes(double x, double u) {
    // Where the answer is already known, skip the exp: for x > 40, fl(1 + exp(x)) >= 2^57 and
    // u >= 2^-53 unless u = 0, so the product is >= 16; for x < -40, exp(x) < 2^-54, so
    // 1 + exp(x) rounds to 1 and u < 1 always passes. Same decision, bit for bit.
    if (x > 40 && u != 0) return false;
    if (x < -40) return true;
    return u * (1.0 + std::exp(x)) < 1.0;
  }
};

}  // namespace hebbmc::engine
