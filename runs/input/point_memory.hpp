#pragma once
// Memory estimate of one point: what runs/input/parameters.cpp refuses before any work
// (docs/parameters.md, "Memory").

#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Parts of point_memory_bytes (bytes), each from the allocations named in its comment.
struct PointMemory {
  double patterns;      ///< K N int8 archetypes of the sample being simulated
  double examples;      ///< learning models: K M N int8 examples and K N int32 teacher integers (models/examples.hpp)
  double replicas;      ///< per replica: N spins (1 B) + site order (4 B); the model's bookkeeping per archetype
  double statistics;    ///< per sample, kept until the point is written: one binning accumulator per quantity, final spins and site orders
  double trajectories;  ///< per sample: (R (L + 1 + extra) + 1) doubles per record, twice (record and final state), when trajectories = true
};

/// The parts of the estimate for point p (point_memory_bytes is their sum).
PointMemory point_memory(const PointParameters& p);

}  // namespace hebbmc::runs
