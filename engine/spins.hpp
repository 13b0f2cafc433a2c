#pragma once
// Ising spin configurations sigma_i in {-1, +1} (physics.md section 1).
#include <cstdint>
#include <vector>

#include "engine/rng.hpp"

namespace hebbmc::engine {

/// One configuration of N Ising spins, stored as int8 (+1 / -1).
using Spins = std::vector<std::int8_t>;

/// N independent fair +-1 spins drawn from the stream.
inline Spins random_spins(std::int64_t N, Stream& rng) {
  Spins s(static_cast<std::size_t>(N));
  for (std::int64_t i = 0; i < N; i += 64) {
    std::uint64_t bits = rng.next_u64();
    for (std::int64_t j = i; j < N && j < i + 64; ++j, bits >>= 1) s[j] = (bits & 1) ? 1 : -1;
  }
  return s;
}

}  // namespace hebbmc::engine
