#pragma once
// Linear annealing schedules in temperature.
#include <cmath>
#include <cstdint>
#include <limits>

namespace hebbmc::engine {

/// Temperature falling linearly from T_start to T_end over n sweeps, then staying at T_end.
struct LinearSchedule {
  double T_start;       ///< temperature of the first sweep
  double T_end;         ///< temperature reached after n sweeps (may be 0)
  std::int64_t n;       ///< length of the ramp in sweeps

  /// Temperature of sweep t (t = 0 is the first sweep).
  double temperature(std::int64_t t) const {
    if (n <= 0 || t >= n) return T_end;
    return T_start + (T_end - T_start) * static_cast<double>(t) / static_cast<double>(n);
  }
  /// Inverse temperature of sweep t (+inf at T = 0).
  double beta(std::int64_t t) const {
    const double T = temperature(t);
    return T > 0 ? 1.0 / T : std::numeric_limits<double>::infinity();
  }
};

}  // namespace hebbmc::engine
