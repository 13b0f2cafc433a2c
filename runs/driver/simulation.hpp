#pragma once
// Runs the Markov chains of one (point, disorder sample): all replicas on one set of patterns.
// The chain is generic over the model class (engine/sweep.hpp's Model concept): storage
// (models/storage.hpp), or a learning model on the data set drawn from the archetypes
// (models/examples.hpp): supervised, unsupervised exact, unsupervised Plefka (docs/learning.md).
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/spins.hpp"
#include "models/examples.hpp"

#include "observables/sample_recorder.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Everything one disorder sample produced.
struct SampleResult {
  observables::SampleRecord record;  ///< statistics and optional trajectories
  double acceptance = 0;             ///< accepted / attempted flips during measurement sweeps
  bool exact_arithmetic = true;      ///< dE was exact integer arithmetic (models/storage.hpp)
  std::vector<char> final_state;     ///< serialize() of the final ChainState, kept in the output so that the run can grow
};

/// Called after each sweep of one replica with the work done, in pattern-updates (sweep_work).
using ProgressCallback = std::function<void(double)>;

/// How the chains of one sample are continued, checkpointed (docs/checkpoints.md) and threaded.
struct CheckpointHooks {
  const ChainState* start = nullptr;             ///< continue from this state (nullptr: from sweep 0)
  std::function<bool()> due;                     ///< asked after every sweep; empty: never checkpoint
  std::function<void(const ChainState&)> save;   ///< receives the state when due, and the final state
  int replica_threads = 1;                       ///< threads for the replicas of this sample (nested OpenMP)
};

/// Work of one sweep of one replica, in pattern-updates: N K for storage, supervised and Plefka
/// (O(K) per proposal), N K M for the exact unsupervised model (O(K M) per proposal).
double sweep_work(const PointParameters& p);

/// Simulates sample `sample` of point `p`; deterministic in (p, sample) whatever the thread,
/// and the same whether run in one go or continued from any checkpoint.
SampleResult simulate_sample(const PointParameters& p, int sample, const ProgressCallback& progress,
                             const CheckpointHooks& hooks = {});

/// The result of a finished chain from its final state (no simulation).
SampleResult result_from_state(const PointParameters& p, const ChainState& final_state);

/// Work still to do for one sample in pattern-updates, given where it stands.
double remaining_work(const PointParameters& p, std::int64_t sweeps_done);

/// Work of one point in pattern-updates, for progress and ETA.
double point_work(const PointParameters& p);

}  // namespace hebbmc::runs
