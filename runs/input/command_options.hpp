#pragma once
// Options of the commands that write an output file, as given on the command line (runs/cli/main.cpp).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Options shared by the commands that write an output file.
struct CommandOptions {
  std::string output;   ///< output path; empty = the parameter file's `output`
  int threads = 0;      ///< OpenMP threads; 0 = OpenMP's default
  bool quiet = false;   ///< no progress report
  bool force = false;   ///< overwrite an existing output file (resume: accept another parameter file)
  bool resume = false;  ///< `run --resume`: continue a killed run (docs/checkpoints.md)
  double checkpoint_every = 300;  ///< seconds between checkpoints of a running chain (0: at sample end only)
};

/// Output path of a run: the option if given, else the parameter file's `output`.
inline std::string output_path(const RunSpec& spec, const CommandOptions& options) {
  return options.output.empty() ? spec.output : options.output;
}

/// Output path of a command that writes a new file (phase, multitask, data): the option if given,
/// else `file_output`. An existing file (unless --force) or a folder that does not exist or cannot
/// be written to is bad input, refused before any work: these commands create their file at the end.
inline std::string new_output_path(const std::string& file_output, const CommandOptions& options) {
  const std::string path = options.output.empty() ? file_output : options.output;
  if (std::filesystem::exists(path) && !options.force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::filesystem::path folder = parent.empty() ? std::filesystem::path(".") : parent;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw InputError(path, 0, "", "cannot create the output file: folder '" + folder.string() + "' does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw InputError(path, 0, "", "cannot create the output file: folder '" + folder.string() +
                                      "' is not writable (" + std::strerror(errno) + ")");
  return path;
}

}  // namespace hebbmc::runs
