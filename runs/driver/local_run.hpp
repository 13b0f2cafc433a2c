#pragma once
// `hebbmc run` in one process: the tasks of the plan on OpenMP threads.
#include "runs/input/command_options.hpp"

namespace hebbmc::runs {

/// Runs every open (point, sample) task of `spec` on this process's threads; returns the exit code.
int run_local(const RunSpec& spec, const CommandOptions& options);

}  // namespace hebbmc::runs
