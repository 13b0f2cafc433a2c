#pragma once
// The [sweep] table of a parameter file: lists, ranges and zip, expanded into the points of a
// Cartesian product whose first key (in file order) varies slowest. Also the typed reading of
// single TOML values, shared with parameters.cpp, so a swept value and a fixed value obey the
// same type rules (docs/parameters.md, "Sweeps").
#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// One value read from the file, with the line that set it (for messages).
struct Setting {
  ParamValue value;  ///< int64 for integer keys, double for float keys, bool, string
  int line = 0;      ///< 1-based line of the value in the file
};

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

/// Reads a TOML value as the key's type (a float key accepts integers); throws InputError.
Setting read_setting(const toml::node& node, const KeyInfo& key, const std::string& file);
/// Short description of a TOML value for messages: `float 2.5`, `string "abc"`, `array`.
std::string describe_node(const toml::node& node);
/// A value as a user would write it: 3, 0.5, true, "glauber".
std::string format_value(const ParamValue& value);
/// " (did you mean 'T'?)" when name is close to one of the candidates, else "".
std::string spelling_hint(std::string_view name, const std::vector<std::string_view>& candidates);
/// spelling_hint against every parameter key.
std::string spelling_hint(std::string_view name);
/// 1-based line where a TOML node starts.
inline int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

}  // namespace hebbmc::runs
