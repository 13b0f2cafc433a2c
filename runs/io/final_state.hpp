#pragma once
// The final chain state of every sample of a complete point, kept in the output file
// (/points/NNNNNN/final_state, docs/output.md) so that a finished run can be grown to more
// samples or sweeps on any machine the file is copied to (docs/checkpoints.md, "Growing a
// finished run").
#include <optional>
#include <vector>

#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// Name of the dataset in a point group.
inline constexpr const char* final_state_dataset = "final_state";

/// Writes the serialized states (one per sample, all of one length) as int8 [samples, bytes];
/// nothing if there are none. Throws std::logic_error if the lengths differ.
void write_final_states(h5::Group& point, const std::vector<std::vector<char>>& states);

/// The serialized states of a point group, one per sample; nullopt if the group has none (a
/// file written before they were kept) or the dataset is not [samples, bytes] int8.
std::optional<std::vector<std::vector<char>>> read_final_states(const h5::Group& point);

}  // namespace hebbmc::runs
