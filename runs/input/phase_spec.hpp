#pragma once
// `hebbmc phase FILE`: a parameter file of the usual format (docs/parameters.md) plus an optional
// [phase] table that sets the phase-diagram window (docs/theory.md, "hebbmc phase" and "Phase
// diagrams of the learning models"). The file is parsed once; [model] and [sweep] give the model
// (each point resolved in its model only, so [dynamics] and [run] are optional: the theory never
// uses them), [phase] the window. type = "storage" gives the (alpha, T) diagram,
// type = "supervised" / "unsupervised" the (rho, T) and (alpha, rho) lines at the file's M.
#include <filesystem>
#include <string>
#include <string_view>

#include "analysis/phase/phase_diagram.hpp"
#include "analysis/phase/phase_learning.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// A parsed `hebbmc phase` input.
struct PhaseSpec {
  RunSpec run;                        ///< the model points; text: the file with its [phase] lines blanked
  analysis::PhaseRequest request;     ///< model (P from [model]) and window (defaults per P, then [phase])
  bool learning = false;              ///< a learning model: `learning_request` applies, `request` is unused
  analysis::LearningPhaseRequest learning_request;  ///< P, M, setting from [model]; planes and windows from [phase]
  std::string output;                 ///< HDF5 output path: [phase] output, else "<file stem>_phase.h5"
  std::string phase_text;             ///< the [phase] table as written ("" if absent)
};

/// Reads and validates a phase input; every problem is an InputError naming file, line and key.
PhaseSpec load_phase_spec(const std::filesystem::path& file);
/// Same from text; `file_label` names it in messages.
PhaseSpec parse_phase_spec(std::string_view text, const std::string& file_label);

}  // namespace hebbmc::runs
