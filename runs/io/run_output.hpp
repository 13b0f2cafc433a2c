#pragma once
// The output file of a `hebbmc run`: created fresh, or reopened for `--resume` (docs/checkpoints.md).
#include <string>

#include "runs/input/command_options.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// Opens (resume) or creates the output of a run; InputError (exit 2) before any work if that fails.
h5::File prepare_output(const RunSpec& spec, const std::string& path, const CommandOptions& options,
                        const CheckpointStore& store);

}  // namespace hebbmc::runs
