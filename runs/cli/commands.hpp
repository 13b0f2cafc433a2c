#pragma once
// The sub-commands of the hebbmc executable; each returns the process exit code.
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

/// `hebbmc run`: Monte Carlo of every point, written to HDF5 as points complete.
int run_command(const RunSpec& spec, const CommandOptions& options);
/// `hebbmc theory`: RS values of every point (and smooth curves) into the output file.
int theory_command(const RunSpec& spec, const CommandOptions& options);
/// `hebbmc inspect`: prints the provenance and summary table of an output file.
int inspect_command(const std::string& file);
/// `hebbmc phase`: transition lines of the storage model into an HDF5 file (docs/theory.md).
int phase_command(const std::string& parameter_file, const CommandOptions& options);
/// `hebbmc compare`: table of (MC - theory) / error per observable and point (docs/theory.md).
int compare_command(const std::string& output_file, const CommandOptions& options);
/// `hebbmc data`: learn classes from structured data, classify held-out patterns (docs/datasets.md).
int data_command(const std::string& parameter_file, const CommandOptions& options);
/// `hebbmc multitask`: (d, T) phase diagrams of multitasking into an HDF5 file (docs/multitasking.md).
int multitask_command(const std::string& parameter_file, const CommandOptions& options);
/// Output path of a run: the option if given, else the parameter file's `output`.
std::string output_path(const RunSpec& spec, const CommandOptions& options);

}  // namespace hebbmc::runs
