#pragma once
// The HDF5 file of `hebbmc multitask` (layout in docs/multitasking.md, "Output"): one group per K
// with the grid, the boundaries and the amplitudes; every dataset carries description and units.
#include <string>
#include <vector>

#include "analysis/multitask/multitask_phase.hpp"
#include "runs/input/multitask_spec.hpp"

namespace hebbmc::runs {

/// Writes the diagrams (one per K of the spec) to a new file `path`; throws InputError if it cannot be created.
void write_multitask_diagrams(const std::string& path, const MultitaskSpec& spec,
                              const std::vector<analysis::MultitaskDiagram>& diagrams);

}  // namespace hebbmc::runs
