#pragma once
// The [sweep] table of a parameter file: lists, ranges and zip, expanded into the points of a
// Cartesian product whose first key (in file order) varies slowest (docs/parameters.md, "Sweeps").
#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runs/input/schema.hpp"

namespace hebbmc::runs {

/// One axis of the product: a single key, or the keys of a zip advancing together.
struct SweepAxis {
  std::vector<std::string> keys;             ///< swept keys of this axis, in file order
  std::vector<int> key_lines;                ///< line of each key in [sweep]
  std::vector<std::vector<Setting>> values;  ///< values[k][i]: i-th value of keys[k]
  bool log_scale = false;                    ///< single-key axis given as a log range
  /// Number of values along the axis.
  std::size_t size() const { return values.empty() ? 0 : values.front().size(); }
};

/// The parsed [sweep] table.
struct Sweep {
  std::vector<SweepAxis> axes;      ///< axes[0] varies slowest
  std::vector<std::string> zipped;  ///< keys named by zip, in zip order
  int line = 0;                     ///< line of the [sweep] header (0 if absent)
};

/// The swept (key, value) pairs of one point.
using Assignment = std::vector<std::pair<std::string, Setting>>;

/// Largest number of points a sweep may expand to (a typo like steps = 1e6 fails fast).
inline constexpr std::size_t max_sweep_points = 1'000'000;

/// Parses [sweep]; throws InputError for unknown keys, bad lists or ranges, a bad zip.
Sweep parse_sweep(const toml::table& table, const std::string& file);
/// Line of key in [sweep], or nullopt if the key is not swept.
std::optional<int> swept_line(const Sweep& sweep, std::string_view key);
/// Every swept key, axis by axis (the order of RunSpec::swept_keys).
std::vector<std::string> swept_keys(const Sweep& sweep);
/// The points of the product, first axis slowest; one empty assignment if nothing is swept.
std::vector<Assignment> expand(const Sweep& sweep);
/// Number of points of the product (1 if nothing is swept).
std::size_t point_count(const Sweep& sweep);
/// Point `index` of the product, the same as expand(sweep)[index] without expanding the rest.
Assignment assignment_at(const Sweep& sweep, std::size_t index);

}  // namespace hebbmc::runs
