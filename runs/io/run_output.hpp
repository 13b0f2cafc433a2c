#pragma once
// The output file of a `hebbmc run`: created fresh, or reopened for `--resume` (docs/checkpoints.md).
#include <string>
#include <vector>

#include "runs/input/command_options.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// The output file a run writes, and what it already holds.
struct RunOutput {
  h5::File file;               ///< open for writing, locked (runs/io/output_lock.hpp)
  std::vector<bool> complete;  ///< per point of the spec: complete with its parameters (a resume skips it)
};

/// Opens (resume) or creates the output of a run; InputError (exit 2) before any work if that fails.
RunOutput prepare_output(const RunSpec& spec, const std::string& path, const CommandOptions& options,
                         const CheckpointStore& store);

}  // namespace hebbmc::runs
