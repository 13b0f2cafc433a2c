// The hardened TOML reading shared by every input file kind (runs/input/toml_reader.hpp).
#include "runs/input/toml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>

namespace hebbmc::runs {

namespace {

/// Most parts of a dotted key (a.b.c) accepted; parameter files need 3 (sweep.T.from).
constexpr int max_key_parts = 16;

/// Refuses a dotted key or table header of more than max_key_parts parts, before toml++ sees it:
/// toml++ nests one table per part and frees them recursively, so ~10^5 parts overflow the
/// stack (found by the hostile corpus). A chain is a run of bare or quoted atoms joined by dots,
/// outside strings and comments; a float (1.5) or a time (00.999) is a chain of two.
void refuse_deep_keys(std::string_view text, const std::string& file) {
  int line = 1, parts = 0;
  bool after_dot = false;
  const auto atom = [&] {
    parts = after_dot ? parts + 1 : 1;
    after_dot = false;
    if (parts > max_key_parts)
      throw InputError(file, line, "",
                       "a dotted key or table header with more than " + std::to_string(max_key_parts) +
                           " parts; parameter files need at most 3 (table.key.field)");
  };
  const auto bare = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line, ++i, parts = 0, after_dot = false;
    } else if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '.') {
      after_dot = parts > 0 && !after_dot;
      if (!after_dot) parts = 0;
      ++i;
    } else if (bare(c)) {
      while (i < text.size() && bare(text[i])) ++i;
      atom();
    } else if (c == '"' || c == '\'') {
      const bool multi = text.substr(i, 3) == std::string(3, c);
      const std::string close = multi ? std::string(3, c) : std::string(1, c);
      bool closed = false;
      for (i += close.size(); i < text.size(); ++i) {
        if (text.compare(i, close.size(), close) == 0) {
          closed = true;
          i += close.size();
          break;
        }
        if (c == '"' && text[i] == '\\' && i + 1 < text.size()) ++i;  // an escape hides the next character
        if (text[i] == '\n') {
          if (!multi) break;  // unterminated: toml++ reports it; the newline is read next
          ++line;
        }
      }
      if (closed) atom();
    } else {
      ++i, parts = 0, after_dot = false;
    }
  }
}

/// Levenshtein distance, for the "did you mean" hint on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// "A, B or C" of the names, for the message of an unknown key.
std::string list_of(const std::vector<std::string_view>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i)
    text.append(i == 0 ? "" : i + 1 == names.size() ? " or " : ", ").append(names[i]);
  return text;
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& file) {
  refuse_deep_keys(text, file);
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    throw InputError(file, static_cast<int>(error.source().begin.line), "",
                     "TOML syntax error: " + printable(error.description(), 200));
  }
}

std::string describe_node(const toml::node& node) {
  if (node.is_integer()) return "integer " + format_value(node.as_integer()->get());
  if (node.is_floating_point()) return "float " + format_value(node.as_floating_point()->get());
  if (node.is_boolean()) return "boolean " + format_value(node.as_boolean()->get());
  if (node.is_string()) return "string " + format_value(node.as_string()->get());
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date/time";
}

std::string spelling_hint(std::string_view name, const std::vector<std::string_view>& candidates) {
  if (name.size() > 64) return "";  // no key name is that long; spare the edit distances
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  std::string best;
  std::size_t best_distance = 3;  // more than two edits is another word, not a typo
  for (std::string_view candidate : candidates) {
    // Case slips (t for T) count as one edit; a distance as long as the name is no hint.
    const bool case_slip = lower(name) == lower(candidate);
    const std::size_t distance = case_slip ? 1 : edit_distance(name, candidate);
    if (distance < best_distance && (distance < name.size() || case_slip)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

TableReader::TableReader(const toml::table* table, std::string name, std::string file,
                         std::vector<std::string_view> known, std::map<std::string, int>* lines)
    : table_(table), name_(std::move(name)), file_(std::move(file)) {
  if (!table_) return;
  for (auto&& [key, node] : *table_) {
    const std::string_view k = key.str();
    if (lines) (*lines)[name_ + "." + std::string(k)] = line_of(node);
    if (!known.empty() && std::find(known.begin(), known.end(), k) == known.end())
      throw InputError(file_, static_cast<int>(key.source().begin.line), printable(k),
                       "unknown key in [" + name_ + "]; expected " + list_of(known) + spelling_hint(k, known));
  }
}

bool TableReader::has(std::string_view key) const { return table_ && table_->get(key); }

int TableReader::line(std::string_view key) const {
  if (has(key)) return line_of(*table_->get(key));
  return table_ ? line_of(*table_) : 0;
}

void TableReader::fail(std::string_view key, const std::string& message) const {
  throw InputError(file_, line(key), printable(key), message);
}

const toml::node& TableReader::require(std::string_view key) const {
  if (!has(key)) fail(key, "missing: required in [" + name_ + "]");
  return *table_->get(key);
}

std::string TableReader::string(std::string_view key) const {
  const toml::node& node = require(key);
  if (!node.is_string()) fail(key, "expected a string, got " + describe_node(node));
  const std::string value = node.as_string()->get();
  if (value.empty()) fail(key, "expected a non-empty string");
  return value;
}

bool TableReader::boolean(std::string_view key) const {
  const toml::node& node = require(key);
  if (!node.is_boolean()) fail(key, "expected true or false, got " + describe_node(node));
  return node.as_boolean()->get();
}

std::int64_t TableReader::integer(std::string_view key, std::int64_t lo, std::int64_t hi) const {
  return integer(require(key), key, lo, hi);
}

std::int64_t TableReader::integer(const toml::node& node, std::string_view key, std::int64_t lo,
                                  std::int64_t hi) const {
  const std::string expected = "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got ";
  if (!node.is_integer()) throw InputError(file_, line_of(node), printable(key), expected + describe_node(node));
  const std::int64_t value = node.as_integer()->get();
  if (value < lo || value > hi) throw InputError(file_, line_of(node), printable(key), expected + std::to_string(value));
  return value;
}

double TableReader::number(std::string_view key) const { return number(require(key), key); }

double TableReader::number(const toml::node& node, std::string_view key) const {
  const std::optional<double> value = node.is_number() ? node.value<double>() : std::nullopt;
  if (!value || !std::isfinite(*value))
    throw InputError(file_, line_of(node), printable(key), "expected a finite number, got " + describe_node(node));
  return *value;
}

double TableReader::real(std::string_view key) const {
  const toml::node& node = require(key);
  const std::optional<double> value = node.is_number() ? node.value<double>() : std::nullopt;
  if (!value || std::isnan(*value)) fail(key, "expected a number, got " + describe_node(node));
  return *value;
}

std::pair<double, double> TableReader::range(std::string_view key) const {
  const toml::node& node = require(key);
  const toml::array* a = node.as_array();
  if (!a || a->size() != 2)
    fail(key, "expected a range [min, max] of two numbers, e.g. " + std::string(key) + " = [0.0, 0.5]");
  const double lo = number((*a)[0], key), hi = number((*a)[1], key);
  if (!(lo < hi)) fail(key, "expected a range [min, max] with min < max, got [" + format_value(lo) + ", " + format_value(hi) + "]");
  return {lo, hi};
}

const toml::array& TableReader::array(std::string_view key, const std::string& example) const {
  const toml::node& node = require(key);
  if (!node.is_array()) fail(key, "expected a list, e.g. " + example + ", got " + describe_node(node));
  return *node.as_array();
}

}  // namespace hebbmc::runs
