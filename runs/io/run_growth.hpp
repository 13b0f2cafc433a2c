#pragma once
// Growing a finished (or killed) run: `hebbmc run FILE --resume` with a parameter file that
// raises only `samples` and/or `sweeps` (docs/checkpoints.md, "Growing a finished run"). The old
// samples' chains continue from their final states for the extra sweeps, the new samples start
// from scratch, and the result equals a run made with the larger numbers from the start.
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "runs/input/parameters.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// What a new parameter file grows in the run recorded in an output.
struct Growth {
  RunSpec recorded;                 ///< the run the output was written from (same --points)
  std::vector<std::size_t> points;  ///< indices into RunSpec::points whose samples or sweeps rise
  std::string summary;              ///< for the message, e.g. "sweeps 1000 -> 4000, samples 4 -> 8"
};

/// Why a new parameter file is not a growth of the recorded one: the key and what changed.
struct GrowthRefusal {
  std::string key;      ///< the first key that differs (or was lowered)
  std::string message;  ///< what differs, in words
};

/// Compares the parameter file the output was written from (root attributes parameter_file,
/// parameter_file_name) with the run `now`: a Growth if they differ only in raised (or equal)
/// samples and sweeps of each point, else the refusal naming the key. Every other key is compared
/// twice: as TOML values of the two texts (so that keys outside the points, e.g. `output`, count
/// too; comments and layout do not) and as the resolved parameters of every point.
std::variant<Growth, GrowthRefusal> compare_for_growth(const h5::Group& root, const RunSpec& now);

/// The state `s` of a chain of point `from` as a state of the same chain in the grown point `to`
/// (more sweeps and/or samples): the fingerprint of `to`, the recorder making room for the extra
/// records. The chain itself (spins, streams, site orders, counts) is unchanged.
ChainState grown_state(ChainState s, const PointParameters& from, const PointParameters& to);

/// Writes into `store` the starting states of the old samples of every grown point, as
/// checkpoints of its new parameters: from the final states in `file` for a complete point, from
/// the old checkpoints for an unfinished one; then says on stderr what grows (unless `quiet`).
/// Called before the output is touched, so that a kill at any later moment leaves a normal
/// resume. An old sample without a usable state (final_state deleted or damaged) starts again
/// from sweep 0, which gives the same numbers, only later (a note says so).
void carry_over(const h5::File& file, const Growth& growth, const RunSpec& now, const CheckpointStore& store, bool quiet);

}  // namespace hebbmc::runs
