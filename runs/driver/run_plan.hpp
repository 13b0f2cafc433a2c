#pragma once
// What a `hebbmc run` has to do: the (point, sample) tasks still open and the checkpoint hooks of
// each; shared by the OpenMP driver (runs/driver/local_run.cpp) and MPI (runs/driver/mpi_run.cpp).
#include <cstddef>
#include <optional>
#include <vector>

#include "runs/driver/simulation.hpp"
#include "runs/io/checkpoint.hpp"

namespace hebbmc::runs {

/// One unit of parallel work: one disorder sample of one point, maybe continued from a checkpoint.
struct Task {
  std::size_t point;               ///< index into RunSpec::points
  int sample;                      ///< disorder sample
  std::optional<ChainState> start; ///< checkpoint to continue from (resume)
};

/// The tasks of a run: every sample of every point not already complete in the output.
struct RunPlan {
  std::vector<Task> tasks;        ///< in (point, sample) order
  std::vector<std::size_t> todo;  ///< points to finish
  double total_work = 0;          ///< pattern-updates still to do (progress and ETA)
};

/// Builds the plan: every point not `complete` (per point of spec, runs/io/run_output.hpp); with
/// `resume`, loads the checkpoints of their samples (warnings on stderr).
RunPlan make_plan(const RunSpec& spec, const std::vector<bool>& complete, const CheckpointStore& store, bool resume);

/// Checkpoint hooks for one task: periodic saves every `every` seconds to `store`, a save and
/// Stopped on a stop request. The returned hooks refer to `task` and `store`.
CheckpointHooks make_hooks(const Task& task, const PointParameters& p, const CheckpointStore& store, double every);

}  // namespace hebbmc::runs
