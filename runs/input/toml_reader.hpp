#pragma once
// The one way hebbmc reads a TOML input file (run, phase, data and multitask files): the capped
// file read, the hardened parse (deep-key guard, printable syntax errors) and a typed reader of
// one table whose every error names file, line and key (docs/architecture.md, "Parameter files").
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "runs/input/input_error.hpp"
#include "runs/input/input_text.hpp"

namespace hebbmc::runs {

/// Parses TOML text; a syntax error, or a dotted key deep enough to overflow the parser's stack, is
/// an InputError at its line ("TOML syntax error: ..."), echoed printable. Any byte sequence gives a
/// table or an InputError (tests/hostile, fuzz/).
toml::table parse_toml(std::string_view text, const std::string& file);

/// Short description of a TOML value for messages: `float 2.5`, `string "abc"`, `an array`.
std::string describe_node(const toml::node& node);
/// " (did you mean 'T'?)" when name is at most two edits (or a case slip) from a candidate, else "".
std::string spelling_hint(std::string_view name, const std::vector<std::string_view>& candidates);
/// 1-based line where a TOML node starts.
inline int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

/// Typed reading of the keys of one TOML table: each accessor returns the value or throws an
/// InputError at the value's line naming the key and what was expected (and what was found).
class TableReader {
 public:
  /// Reader of `table` (null: the table is absent, every key missing) called [name] in messages.
  /// When `known` is not empty every key must be one of them (listed, with a spelling hint).
  /// When `lines` is given, the line of every key is recorded there as "name.key".
  TableReader(const toml::table* table, std::string name, std::string file, std::vector<std::string_view> known = {},
              std::map<std::string, int>* lines = nullptr);

  /// True if the table sets the key.
  bool has(std::string_view key) const;
  /// Line of the key's value, else of the table's header (0 if neither exists).
  int line(std::string_view key) const;
  /// Throws the InputError of `key` at its line.
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  /// The key's node; a missing key is "missing: required in [name]" at the header's line.
  const toml::node& require(std::string_view key) const;

  /// A non-empty string.
  std::string string(std::string_view key) const;
  /// true or false.
  bool boolean(std::string_view key) const;
  /// An integer in [lo, hi].
  std::int64_t integer(std::string_view key, std::int64_t lo, std::int64_t hi) const;
  /// `node` (an element of the key's array) as an integer in [lo, hi].
  std::int64_t integer(const toml::node& node, std::string_view key, std::int64_t lo, std::int64_t hi) const;
  /// A finite number (an integer is accepted as a float).
  double number(std::string_view key) const;
  /// `node` (an element of the key's array) as a finite number.
  double number(const toml::node& node, std::string_view key) const;
  /// A number that may be infinite (beta = inf), not NaN.
  double real(std::string_view key) const;
  /// A range [min, max] of two finite numbers with min < max.
  std::pair<double, double> range(std::string_view key) const;
  /// The key's array (possibly empty), or an error naming `example` as the expected form.
  const toml::array& array(std::string_view key, const std::string& example) const;
  /// One of the named choices, mapped to its value; the message lists the choices.
  template <class E>
  E choice(std::string_view key, std::initializer_list<std::pair<std::string_view, E>> choices) const {
    const std::string value = string(key);
    std::string expected;
    for (const auto& [name, e] : choices) {
      if (name == value) return e;
      expected += (expected.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    }
    fail(key, "expected one of " + expected + ", got \"" + printable(value) + "\"");
  }

 private:
  const toml::table* table_;
  std::string name_;
  std::string file_;
};

}  // namespace hebbmc::runs
