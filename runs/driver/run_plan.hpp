#pragma once
// What a `hebbmc run` has to do and how finished samples become written points; shared by the
// OpenMP driver (runs/cli/run_command.cpp) and the MPI master (runs/driver/mpi_run.cpp).
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runs/io/checkpoint.hpp"
#include "runs/cli/commands.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/driver/progress.hpp"
#include "runs/driver/simulation.hpp"

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

/// Builds the plan; with `resume`, skips complete points and loads checkpoints (warnings on stderr).
RunPlan make_plan(const RunSpec& spec, const h5::File& file, const CheckpointStore& store, bool resume);

/// Gathers sample results and writes a point (and the summary table) when its last sample
/// arrives; thread-safe, one writer at a time.
class PointCollector {
 public:
  /// Collector for the points of `plan`, writing into `file`.
  PointCollector(const RunSpec& spec, const RunPlan& plan, h5::File& file, Progress& progress);
  /// Stores the result of (point, sample); writes the point if it was the last missing sample.
  void add(std::size_t point, int sample, SampleResult result);
  /// Points written with run-length warnings so far.
  int points_with_warnings() const { return warned_; }

 private:
  const RunSpec& spec_;
  h5::File& file_;
  Progress& progress_;
  std::mutex mutex_;
  std::vector<std::vector<std::optional<SampleResult>>> results_;
  std::vector<int> missing_;
  std::vector<std::chrono::steady_clock::time_point> started_;
  int warned_ = 0;
};

/// Opens (resume) or creates the output of a run; InputError (exit 2) before any work if that fails.
h5::File prepare_output(const RunSpec& spec, const std::string& path, const CommandOptions& options,
                        const CheckpointStore& store);

/// Prints how a run ended and returns its exit code (0 done, 1 failed, 130 stopped by a signal);
/// deletes the checkpoints after a complete run.
int finish_run(const RunSpec& spec, const CommandOptions& options, const CheckpointStore& store,
               const std::string& error, bool stopped, int points_with_warnings);

/// True once SIGINT or SIGTERM arrived during a run (installed by SignalGuard).
bool stop_requested();

/// Routes SIGINT/SIGTERM to stop_requested() for its lifetime.
class SignalGuard {
 public:
  SignalGuard();   ///< installs the handlers and clears the flag
  ~SignalGuard();  ///< restores the previous handlers
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

/// Thrown from a chain's checkpoint hook after its state was saved because a stop was requested.
struct Stopped {};

/// Checkpoint hooks for one task: periodic saves every `every` seconds to `store`, a save and
/// Stopped on a stop request. The returned hooks refer to `task` and `store`.
CheckpointHooks make_hooks(const Task& task, const PointParameters& p, const CheckpointStore& store, double every);

#ifdef HEBBMC_HAVE_MPI
/// `hebbmc run` under MPI with more than one rank: rank 0 writes, the others simulate.
int run_distributed(const RunSpec& spec, const CommandOptions& options);
#endif

}  // namespace hebbmc::runs
