#pragma once
// Runs the Markov chains of one (point, disorder sample): all replicas on one set of patterns.
#include <cstdint>
#include <functional>

#include "observables/sample_recorder.hpp"
#include "runs/parameters.hpp"

namespace hebbmc::runs {

/// Everything one disorder sample produced.
struct SampleResult {
  observables::SampleRecord record;  ///< statistics and optional trajectories
  double acceptance = 0;             ///< accepted / attempted flips during measurement sweeps
  bool exact_arithmetic = true;      ///< dE was exact integer arithmetic (models/storage.hpp)
};

/// Called after each sweep of one replica with the work done, in pattern-updates (N K).
using ProgressCallback = std::function<void(double)>;

/// Simulates sample `sample` of point `p`; deterministic in (p, sample) whatever the thread.
SampleResult simulate_sample(const PointParameters& p, int sample, const ProgressCallback& progress);

/// Work of one point in pattern-updates, for progress and ETA.
double point_work(const PointParameters& p);

}  // namespace hebbmc::runs
