#pragma once
// `hebbmc multitask FILE`: a TOML file with exactly one [multitask] table (docs/multitasking.md,
// "Commands"): P, K (list), d = [min, max], T = [min, max], points, and optionally rho, seed,
// output. Every problem is an InputError naming the file, the line and the key, before any work.
#include <filesystem>
#include <string>
#include <string_view>

#include "analysis/multitask/multitask_phase.hpp"

namespace hebbmc::runs {

/// A parsed `hebbmc multitask` input.
struct MultitaskSpec {
  std::string file;                         ///< file label as given
  std::string text;                         ///< the file's text (recorded in the output)
  analysis::MultitaskPhaseRequest request;  ///< what to compute
  std::string output;                       ///< HDF5 output: `output`, else "<file stem>_multitask.h5"
};

/// Reads and validates a multitask input file.
MultitaskSpec load_multitask_spec(const std::filesystem::path& file);
/// Same from text; `file_label` names it in messages.
MultitaskSpec parse_multitask_spec(std::string_view text, const std::string& file_label);

}  // namespace hebbmc::runs
