#pragma once
// How a run ended: the message and the exit code (shared by the OpenMP driver and the MPI master).
#include <string>

#include "runs/input/command_options.hpp"
#include "runs/io/checkpoint.hpp"

namespace hebbmc::runs {

/// Prints how a run ended and returns its exit code (0 done, 1 failed, 130 stopped by a signal);
/// deletes the checkpoints after a complete run.
int finish_run(const RunSpec& spec, const CommandOptions& options, const CheckpointStore& store,
               const std::string& error, bool stopped, int points_with_warnings);

}  // namespace hebbmc::runs
