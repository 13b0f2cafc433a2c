#pragma once
// The HDF5 file of `hebbmc phase` (layout in docs/theory.md, "hebbmc phase" and "Phase diagrams of
// the learning models"): every dataset carries its own description and units attributes.
#include <string>

#include "analysis/phase/phase_diagram.hpp"
#include "analysis/phase/phase_learning.hpp"
#include "runs/input/phase_spec.hpp"

namespace hebbmc::runs {

/// Writes the storage model's diagram `d` to a new file `path`; throws InputError if it cannot be created.
void write_phase_diagram(const std::string& path, const PhaseSpec& spec, const analysis::PhaseDiagram& d);

/// Writes a learning model's transition lines `d` to a new file `path`; throws InputError if it cannot be created.
void write_learning_phase_diagram(const std::string& path, const PhaseSpec& spec,
                                  const analysis::LearningPhaseDiagram& d);

}  // namespace hebbmc::runs
