#pragma once
// Internal to runs/input: a run file as read (fixed values and sweep, before expansion) and the
// typed access to the values of one point, shared by the document reader (parameters.cpp) and
// the resolution of each point (point_resolution.cpp).
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>

#include "runs/input/parameters.hpp"
#include "runs/input/schema.hpp"
#include "runs/input/sweep.hpp"

namespace hebbmc::runs {

/// The fixed values of the tables, by key.
using Values = std::map<std::string, Setting, std::less<>>;

/// The file as read: fixed values of the tables and the sweep, before expansion.
struct Document {
  std::string file;                                     ///< file label used in messages
  Values fixed;                                         ///< values set in [model], [dynamics], [run], [theory]
  std::map<std::string, int, std::less<>> table_lines;  ///< line of [model] etc.
  Sweep sweep;                                          ///< the [sweep] table
  bool has_phase_table = false;  ///< [phase] is validated by runs/input/phase_spec.cpp, not here
  bool has_data_table = false;   ///< [data] is validated by `hebbmc data` (docs/datasets.md), not here
  std::map<std::string, std::string, std::less<>> set_by;  ///< key -> "--set ARGUMENT" for keys set on the command line

  /// What set the key, as messages name it: its `--set` argument, else the file.
  const std::string& source_of(std::string_view key) const {
    const auto it = set_by.find(key);
    return it == set_by.end() ? file : it->second;
  }
};

/// Typed access to the merged (fixed + swept) values of one point, failing at the key's line.
/// The swept values of the point override the fixed ones; nothing is copied per point.
class PointReader {
 public:
  /// Reader of the point whose swept values are `swept`.
  PointReader(const Values& fixed, const Assignment& swept, const Document& doc)
      : fixed_(fixed), swept_(swept), doc_(doc) {}

  /// True if the point sets the key (fixed or swept).
  bool has(std::string_view key) const { return find(key) != nullptr; }
  /// True if the key is swept.
  bool swept(std::string_view key) const { return swept_line(doc_.sweep, key).has_value(); }
  /// Line of the key's value, else of its table header (0 if neither exists).
  int line(std::string_view key) const {
    if (const Setting* setting = find(key)) return setting->line;
    auto table = doc_.table_lines.find(find_key(key)->table);
    return table == doc_.table_lines.end() ? 0 : table->second;
  }
  /// Throws the InputError of `key` at its line (or from its `--set` argument).
  [[noreturn]] void fail(std::string_view key, const std::string& message) const {
    throw InputError(doc_.source_of(key), line(key), printable(key), message);
  }
  /// The key's value; a missing key is an error that says where it belongs.
  template <class V>
  V get(std::string_view key) const {
    const Setting* setting = find(key);
    if (!setting) fail(key, "missing: required in [" + std::string(find_key(key)->table) + "]");
    return std::get<V>(setting->value);
  }
  /// The key's value, or `fallback` when the point does not set it.
  template <class V>
  V get_or(std::string_view key, V fallback) const {
    return has(key) ? get<V>(key) : fallback;
  }

 private:
  const Setting* find(std::string_view key) const {
    for (const auto& [name, setting] : swept_)
      if (name == key) return &setting;
    auto it = fixed_.find(key);
    return it == fixed_.end() ? nullptr : &it->second;
  }
  const Values& fixed_;
  const Assignment& swept_;
  const Document& doc_;
};

/// An integer in [lo, hi] or an error saying so.
std::int64_t in_range(const PointReader& in, std::string_view key, std::int64_t value, std::int64_t lo,
                      std::int64_t hi = std::numeric_limits<std::int64_t>::max());

/// How much of a point is resolved: all of it (`hebbmc run`, `check`), or the model alone
/// (`hebbmc phase` draws the theory of the model and never uses [dynamics] or [run]).
enum class PointScope { full, model_only };

/// Resolves and validates one point: [model], then (scope full) [dynamics], [run] and its memory.
void resolve_point(const PointReader& in, PointParameters& p, PointScope scope);

/// The run of a parsed file with every point resolved in its model only (PointScope::model_only):
/// [dynamics] and [run] are checked for unknown keys and types, not resolved.
RunSpec model_run_spec(const toml::table& root, std::string_view text, const std::string& file_label);

}  // namespace hebbmc::runs
