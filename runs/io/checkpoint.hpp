#pragma once
// Checkpoints of the Markov chains of one (point, disorder sample) (docs/checkpoints.md).
//
// A ChainState is everything a chain needs to continue bit-identically: sweeps done, the spins,
// RNG stream position and site permutation of every replica, the accepted-flip count and the
// recorder's accumulators and trajectories. Patterns and overlaps are not stored: they are
// redrawn from their own stream and recomputed exactly from the spins.
//
// Files live in the directory `<output>.checkpoints/`, one per sample, and are written
// atomically (temporary file, fsync, rename); a checksum detects damage on reading.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runs/input/output_name.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// State of the chains of one replica.
struct ReplicaState {
  std::vector<std::int8_t> spins;     ///< sigma_i
  std::uint64_t rng_position = 0;     ///< engine::Stream::position() of its dynamics stream
  std::vector<std::int32_t> sites;    ///< engine::SiteOrder::sites()
};

/// Complete state of the chains of one (point, sample); `sweeps_done` counts thermalization too.
struct ChainState {
  std::uint64_t fingerprint = 0;      ///< parameter_fingerprint() of the point it belongs to
  std::int64_t point = 0;             ///< point index
  std::int64_t sample = 0;            ///< disorder sample
  std::int64_t sweeps_done = 0;       ///< in [0, thermalization + sweeps]
  std::int64_t accepted = 0;          ///< accepted flips during measurement sweeps
  bool exact_arithmetic = true;       ///< models::StorageModel::exact_arithmetic()
  std::vector<ReplicaState> replicas; ///< one per replica
  std::vector<double> recorder;       ///< observables::SampleRecorder::state()
  /// True when the chain has done all its sweeps.
  bool finished(const PointParameters& p) const { return sweeps_done == p.thermalization + p.sweeps; }
};

/// A hash of every resolved parameter of a point (its `describe` list): a checkpoint of another
/// point or of a changed parameter file never matches.
std::uint64_t parameter_fingerprint(const PointParameters& p);

/// Serialises a state: magic, format version, fields, FNV-1a checksum of all preceding bytes.
std::vector<char> serialize(const ChainState& s);
/// Parses serialize()'s bytes; throws std::runtime_error saying what is wrong if damaged.
ChainState deserialize(const std::vector<char>& bytes);

/// The checkpoint directory of one output file.
class CheckpointStore {
 public:
  /// Appended to the output's name to name the checkpoint directory beside it.
  static constexpr std::string_view directory_suffix = checkpoint_directory_suffix;
  /// Longest file name inside the directory: "p" 6 digits "_s" 10 digits ".ckpt.tmp".
  static constexpr std::size_t longest_entry = 28;
  /// Store for `output` (directory `output + directory_suffix`); nothing is created yet.
  explicit CheckpointStore(const std::string& output);
  /// Directory holding the files.
  const std::filesystem::path& directory() const { return dir_; }
  /// Writes the state of (point, sample) atomically, creating the directory if needed.
  void save(const ChainState& s) const;
  /// The saved state of (point, sample) if there is a usable one for `p`; a damaged or foreign
  /// file yields nullopt and a warning in `*warning` (the sample then restarts from scratch,
  /// which reproduces the same numbers).
  std::optional<ChainState> load(const PointParameters& p, int sample, std::string* warning) const;
  /// True if the directory exists.
  bool exists() const;
  /// Deletes the directory and everything in it (after a run has completed).
  void remove_all() const;

 private:
  std::filesystem::path file(std::int64_t point, std::int64_t sample) const;
  std::filesystem::path dir_;
};

}  // namespace hebbmc::runs
