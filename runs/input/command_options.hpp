#pragma once
// Options of the commands that write an output file, as given on the command line (runs/cli/main.cpp).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runs/input/output_name.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Options shared by the commands that read a parameter file or write an output file.
struct CommandOptions {
  std::string output;   ///< output path; empty = the parameter file's `output`
  int threads = 0;      ///< OpenMP threads; 0 = OpenMP's default
  bool quiet = false;   ///< no progress report
  bool force = false;   ///< overwrite an existing output file (resume: accept another parameter file)
  bool resume = false;  ///< `run --resume`: continue a killed run (docs/checkpoints.md)
  double checkpoint_every = 300;  ///< seconds between checkpoints of a running chain (0: at sample end only)
  std::optional<std::string> points;  ///< `run --points`: the sweep points to compute (point_selection.hpp); none: all
  double progress_every = 60;     ///< least seconds between progress lines on a non-terminal (0: one per point)
  std::vector<std::string> set;   ///< `--set KEY=VALUE` overrides of the run parameter file, as typed
};

/// Output path of a run: the option if given, else the parameter file's `output`.
inline std::string output_path(const RunSpec& spec, const CommandOptions& options) {
  return options.output.empty() ? spec.output : options.output;
}

/// Output path of a command that writes a new file (phase, multitask, data): the option if given,
/// else `file_output`. An existing file (unless --force) or a place the writer cannot create it
/// (runs/input/output_name.hpp) is bad input, refused before any work: these commands create their
/// file at the end.
inline std::string new_output_path(const std::string& file_output, const CommandOptions& options) {
  const std::string path = options.output.empty() ? file_output : options.output;
  if (const auto problem = output_location_problem(path)) throw InputError(path, 0, "", "cannot create the output file: " + *problem);
  if (std::filesystem::exists(path) && !options.force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it");
  return path;
}

}  // namespace hebbmc::runs
