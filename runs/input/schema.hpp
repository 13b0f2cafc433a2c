#pragma once
// The keys of a run parameter file: which table each belongs to, its TOML type, whether it may be
// swept, and the reading of one value by those rules, shared by the fixed tables and [sweep] so a
// swept value and a fixed value obey the same type rules (docs/parameters.md).
#include <array>
#include <span>
#include <string>
#include <string_view>

#include "runs/input/toml_reader.hpp"

namespace hebbmc::runs {

/// The tables of a run file that hold parameter keys ([sweep] only lists their values).
inline constexpr std::array<std::string_view, 4> parameter_tables{"model", "dynamics", "run", "theory"};
/// TOML type a key accepts (a float key also accepts integers).
enum class ValueType { integer, floating, boolean, string };
/// "an integer", "a float", ... for messages.
std::string type_name(ValueType type);
/// Schema entry of one parameter key.
struct KeyInfo {
  std::string_view name;   ///< bare name, unique across tables
  std::string_view table;  ///< "model", "dynamics", "run" or "theory"
  ValueType type;          ///< accepted TOML type
  bool sweepable;          ///< may appear in [sweep]
};
/// Every known key, in documentation order.
std::span<const KeyInfo> parameter_keys();
/// Schema entry of a key, or nullptr if unknown.
const KeyInfo* find_key(std::string_view name);
/// spelling_hint against every parameter key.
std::string spelling_hint(std::string_view name);

/// One value read from the file, with the line that set it (for messages).
struct Setting {
  ParamValue value;  ///< int64 for integer keys, double for float keys, bool, string
  int line = 0;      ///< 1-based line of the value in the file
};
/// Reads a TOML value as the key's type (a float key accepts integers, NaN is refused); throws InputError.
Setting read_setting(const toml::node& node, const KeyInfo& key, const std::string& file);

}  // namespace hebbmc::runs
