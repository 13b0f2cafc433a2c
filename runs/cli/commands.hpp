#pragma once
// The sub-commands of the hebbmc executable; each returns the process exit code.
#include <string>
#include <vector>

#include "runs/input/command_options.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

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
/// `hebbmc check` of a `hebbmc data` file: reads and checks it and its data up to the first chain.
int data_check_command(const std::string& parameter_file);
/// `hebbmc merge`: the outputs of `run --points` (parts of one sweep) joined into one run file.
int merge_command(const std::vector<std::string>& parts, const CommandOptions& options);
/// `hebbmc multitask`: (d, T) phase diagrams of multitasking into an HDF5 file (docs/multitasking.md).
int multitask_command(const std::string& parameter_file, const CommandOptions& options);
}  // namespace hebbmc::runs
