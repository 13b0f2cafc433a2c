// [sweep] expansion: lists, ranges and zip into the Cartesian product of points.
#include "runs/input/sweep.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace hebbmc::runs {

namespace {

/// One `key = ...` entry of [sweep], before axes are formed.
struct SweepEntry {
  std::string key;
  int line = 0, column = 0;
  std::vector<Setting> values;
  bool log_scale = false;
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& key,
                       const std::string& message) {
  throw InputError(file, line, printable(key), message);
}

// A list: each element is read with the key's type rules, at its own line.
std::vector<Setting> read_list(const toml::array& list, const KeyInfo& key, int line,
                               const std::string& file) {
  if (list.empty()) fail(file, line, std::string(key.name), "empty list: expected at least one value");
  std::vector<Setting> values;
  for (const toml::node& element : list) values.push_back(read_setting(element, key, file));
  return values;
}

// A range bound: an integer for an integer key, any number for a float key.
double read_bound(const toml::table& range, std::string_view field, const KeyInfo& key, int line,
                  const std::string& file) {
  const toml::node* node = range.get(field);
  const std::string name(key.name);
  if (!node)
    fail(file, line, name,
         "range is missing '" + std::string(field) + "'; expected { from = ..., to = ..., steps = ... }");
  const bool ok = node->is_integer() || (key.type == ValueType::floating && node->is_floating_point());
  if (!ok)
    fail(
        file, line_of(*node), name,
        "expected " + type_name(key.type) + " for '" + std::string(field) + "', got " + describe_node(*node));
  const double value =
      node->is_integer() ? double(node->as_integer()->get()) : node->as_floating_point()->get();
  if (!std::isfinite(value))
    fail(file, line_of(*node), name,
         "expected a finite number for '" + std::string(field) + "', got " + describe_node(*node));
  return value;
}

std::int64_t read_steps(const toml::table& range, const std::string& name, int line,
                        const std::string& file) {
  const toml::node* node = range.get("steps");
  if (!node)
    fail(file, line, name, "range is missing 'steps'; expected { from = ..., to = ..., steps = ... }");
  if (!node->is_integer() || node->as_integer()->get() < 1)
    fail(file, line_of(*node), name, "expected an integer >= 1 for 'steps', got " + describe_node(*node));
  const std::int64_t steps = node->as_integer()->get();
  if (steps > std::int64_t(max_sweep_points))
    fail(file, line_of(*node), name,
         "steps = " + std::to_string(steps) + " exceeds the limit of " + std::to_string(max_sweep_points) +
             " points");
  return steps;
}

bool read_log_scale(const toml::table& range, const std::string& name, const std::string& file) {
  const toml::node* node = range.get("scale");
  if (!node) return false;
  const auto scale = node->value<std::string>();
  if (!scale || (*scale != "linear" && *scale != "log"))
    fail(file, line_of(*node), name,
         "expected \"linear\" or \"log\" for 'scale', got " + describe_node(*node));
  return *scale == "log";
}

// Point i of an inclusive range: linear or geometric; the end points are exact. When to - from
// or to / from overflows (bounds near 1e308), the same point is computed in a form that cannot.
double range_point(double from, double to, std::int64_t steps, std::int64_t i, bool log_scale) {
  if (i == 0) return from;
  if (i == steps - 1) return to;
  const double t = double(i) / double(steps - 1);
  if (log_scale) {
    const double x = from * std::exp(t * std::log(to / from));
    return std::isfinite(x) && x > 0 ? x : std::exp((1 - t) * std::log(from) + t * std::log(to));
  }
  const double x = from + t * (to - from);
  return std::isfinite(x) ? x : (1 - t) * from + t * to;
}

// Point i of an integer key's linear range, in exact integer arithmetic: (to - from) must be a
// multiple of (steps - 1), else it is an error (floating point would silently round above 2^53).
Setting integer_linear_point(std::int64_t from, std::int64_t to, std::int64_t steps, std::int64_t i,
                             const std::string& name, int line, const std::string& file) {
  if (steps == 1) return {from, line};
  std::int64_t span = 0;
  if (__builtin_sub_overflow(to, from, &span))
    fail(file, line, name,
         "range from " + std::to_string(from) + " to " + std::to_string(to) +
             " spans more than the 64-bit integers; use a list");
  if (span % (steps - 1) != 0)
    fail(file, line, name,
         "range gives the non-integer value " + format_value(double(from) + double(span) / double(steps - 1)) +
             " for an integer key; choose from, to, steps so that (to - from) / (steps - 1) is an integer, "
             "or use a list");
  return {from + i * (span / (steps - 1)), line};  // between from and to: no overflow
}

// Point i of an integer key's log range: rounded to the nearest integer within [from, to].
Setting integer_log_point(std::int64_t from, std::int64_t to, std::int64_t steps, std::int64_t i, int line) {
  if (i == 0) return {from, line};
  if (i == steps - 1) return {to, line};
  const double x = std::round(range_point(double(from), double(to), steps, i, true));
  const double lo = double(std::min(from, to)), hi = double(std::max(from, to));
  // Clamped in double, then compared with the integer bounds: double(INT64_MAX) is 2^63.
  if (!(x > lo)) return {std::min(from, to), line};
  if (!(x < hi)) return {std::max(from, to), line};
  return {static_cast<std::int64_t>(x), line};
}

// A range { from, to, steps, scale }: inclusive, linear by default.
SweepEntry read_range(const toml::table& range, const KeyInfo& key, int line, const std::string& file) {
  const std::string name(key.name);
  if (key.type != ValueType::integer && key.type != ValueType::floating)
    fail(file, line, name,
         "a range needs a numeric key; '" + name + "' takes " + type_name(key.type) + ": use a list");
  for (auto&& [field, node] : range)
    if (field != "from" && field != "to" && field != "steps" && field != "scale")
      fail(file, line_of(node), name,
           "unknown range field '" + std::string(field.str()) +
               "'; expected from, to, steps and optionally scale");
  const double from = read_bound(range, "from", key, line, file),
               to = read_bound(range, "to", key, line, file);
  const std::int64_t steps = read_steps(range, name, line, file);
  SweepEntry entry{name, line, 0, {}, read_log_scale(range, name, file)};
  if (entry.log_scale && !(from > 0 && to > 0))
    fail(file, line, name,
         "a log range needs from > 0 and to > 0, got from = " + format_value(from) +
             ", to = " + format_value(to));
  const bool integer = key.type == ValueType::integer;  // bounds are then TOML integers (read_bound)
  const std::int64_t a = integer ? range.get("from")->as_integer()->get() : 0,
                     b = integer ? range.get("to")->as_integer()->get() : 0;
  if (steps == 1 && (integer ? a != b : from != to))
    fail(file, line, name,
         "steps = 1 needs from == to, got from = " + format_value(from) + ", to = " + format_value(to));
  entry.values.reserve(static_cast<std::size_t>(steps));
  for (std::int64_t i = 0; i < steps; ++i) {
    if (integer)
      entry.values.push_back(entry.log_scale ? integer_log_point(a, b, steps, i, line)
                                             : integer_linear_point(a, b, steps, i, name, line, file));
    else
      entry.values.push_back({range_point(from, to, steps, i, entry.log_scale), line});
  }
  return entry;
}

// One `key = [...]` or `key = {...}` entry of [sweep].
SweepEntry read_entry(std::string_view name, const toml::key& source, const toml::node& node,
                      const std::string& file) {
  const int line = static_cast<int>(source.source().begin.line);
  const KeyInfo* key = find_key(name);
  if (!key) fail(file, line, std::string(name), "unknown key in [sweep]" + spelling_hint(name));
  if (!key->sweepable)
    fail(file, line, std::string(name), "cannot be swept; set it in [" + std::string(key->table) + "]");
  if (const toml::table* range = node.as_table()) {
    SweepEntry entry = read_range(*range, *key, line, file);
    entry.column = static_cast<int>(source.source().begin.column);
    return entry;
  }
  if (const toml::array* list = node.as_array())
    return {std::string(name), line, static_cast<int>(source.source().begin.column),
            read_list(*list, *key, line, file), false};
  fail(file, line, std::string(name),
       "expected a list [a, b, ...] or a range { from = ..., to = ..., steps = ... }, got " +
           describe_node(node));
}

// zip = ["T", "alpha"]: names of swept keys, at least two, no repeats.
std::vector<std::string> read_zip(const toml::node& node, const std::vector<SweepEntry>& entries,
                                  const std::string& file) {
  const int line = line_of(node);
  const toml::array* list = node.as_array();
  if (!list || list->size() < 2)
    fail(file, line, "zip", "expected a list of at least two swept keys, got " + describe_node(node));
  std::vector<std::string> zipped;
  for (const toml::node& element : *list) {
    const auto name = element.value<std::string>();
    if (!name) fail(file, line, "zip", "expected key names as strings, got " + describe_node(element));
    const bool swept =
        std::any_of(entries.begin(), entries.end(), [&](const SweepEntry& e) { return e.key == *name; });
    if (!swept) fail(file, line, "zip", "names '" + printable(*name) + "', which is not swept in [sweep]");
    if (std::find(zipped.begin(), zipped.end(), *name) != zipped.end())
      fail(file, line, "zip", "names '" + printable(*name) + "' twice");
    zipped.push_back(*name);
  }
  return zipped;
}

// Zipped lists advance together, so they must have the same length.
void check_zip_lengths(const std::vector<SweepEntry>& members, int line, const std::string& file) {
  for (const SweepEntry& member : members)
    if (member.values.size() != members.front().values.size())
      fail(file, line, "zip",
           "zipped lists must have equal lengths: '" + members.front().key + "' has " +
               std::to_string(members.front().values.size()) + " values, '" + member.key + "' has " +
               std::to_string(member.values.size()));
}

// Entries (sorted by file position) become axes; a zip is one axis at its first member's place.
// The values are moved, not copied: a range may hold 10^6 of them.
std::vector<SweepAxis> form_axes(std::vector<SweepEntry> entries, const std::vector<std::string>& zipped,
                                 int zip_line, const std::string& file) {
  const auto is_zipped = [&](const std::string& key) {
    return std::find(zipped.begin(), zipped.end(), key) != zipped.end();
  };
  std::vector<SweepEntry> members;
  for (const SweepEntry& entry : entries)
    if (is_zipped(entry.key)) members.push_back(entry);
  if (!members.empty()) check_zip_lengths(members, zip_line, file);
  std::vector<SweepAxis> axes;
  for (SweepEntry& entry : entries) {
    if (!is_zipped(entry.key)) {
      SweepAxis axis{{entry.key}, {entry.line}, {}, entry.log_scale};
      axis.values.push_back(std::move(entry.values));
      axes.push_back(std::move(axis));
    } else if (entry.key == members.front().key) {
      SweepAxis axis;
      for (SweepEntry& member : members) {
        axis.keys.push_back(member.key);
        axis.key_lines.push_back(member.line);
        axis.values.push_back(std::move(member.values));
      }
      axes.push_back(std::move(axis));
    }
  }
  return axes;
}

void refuse_point_count(double count, int line, const std::string& file) {
  if (count > double(max_sweep_points))
    fail(file, line, "",
         "the sweep expands to " + format_value(count) + " points, more than the limit of " +
             std::to_string(max_sweep_points));
}

// Number of values an entry declares (a list's length, a range's steps), read before any value
// is built, so a huge product is refused without allocating it; malformed entries count 1 and
// are reported by read_entry.
double declared_size(const toml::node& node) {
  if (const toml::array* list = node.as_array()) return double(list->size());
  if (const toml::table* range = node.as_table())
    if (const toml::node* steps = range->get("steps"); steps && steps->is_integer())
      return std::max(1.0, double(steps->as_integer()->get()));
  return 1;
}

// The size of the product as declared: zipped keys count once (their lengths must agree).
void check_declared_count(const toml::table& table, int line, const std::string& file) {
  std::vector<std::string> zipped;
  if (const toml::array* zip = table["zip"].as_array())
    for (const toml::node& element : *zip)
      if (const auto name = element.value<std::string>()) zipped.push_back(*name);
  double count = 1, zip_size = 0;
  for (auto&& [name, node] : table) {
    if (name == "zip") continue;
    const double size = declared_size(node);
    if (std::find(zipped.begin(), zipped.end(), name.str()) != zipped.end())
      zip_size = std::max(zip_size, size);
    else
      count *= size;
  }
  refuse_point_count(count * std::max(1.0, zip_size), line, file);
}

}  // namespace

Sweep parse_sweep(const toml::table& table, const std::string& file) {
  Sweep sweep;
  sweep.line = line_of(table);
  check_declared_count(table, sweep.line, file);
  std::vector<SweepEntry> entries;
  const toml::node* zip = nullptr;
  for (auto&& [name, node] : table) {
    if (name == "zip")
      zip = &node;
    else
      entries.push_back(read_entry(name.str(), name, node, file));
  }
  // toml++ tables are sorted by key; the product order is the file order.
  std::sort(entries.begin(), entries.end(), [](const SweepEntry& a, const SweepEntry& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  if (zip) sweep.zipped = read_zip(*zip, entries, file);
  sweep.axes = form_axes(std::move(entries), sweep.zipped, zip ? line_of(*zip) : 0, file);
  double count = 1;
  for (const SweepAxis& axis : sweep.axes) count *= double(axis.size());
  refuse_point_count(count, sweep.line, file);
  return sweep;
}

std::optional<int> swept_line(const Sweep& sweep, std::string_view key) {
  for (const SweepAxis& axis : sweep.axes)
    for (std::size_t k = 0; k < axis.keys.size(); ++k)
      if (axis.keys[k] == key) return axis.key_lines[k];
  return std::nullopt;
}

std::vector<std::string> swept_keys(const Sweep& sweep) {
  std::vector<std::string> keys;
  for (const SweepAxis& axis : sweep.axes) keys.insert(keys.end(), axis.keys.begin(), axis.keys.end());
  return keys;
}

std::size_t point_count(const Sweep& sweep) {
  std::size_t count = 1;  // parse_sweep refused more than max_sweep_points: no overflow
  for (const SweepAxis& axis : sweep.axes) count *= axis.size();
  return count;
}

Assignment assignment_at(const Sweep& sweep, std::size_t index) {
  Assignment point;
  std::size_t stride = point_count(sweep);
  for (const SweepAxis& axis : sweep.axes) {  // mixed radix, first axis most significant
    stride /= axis.size();
    const std::size_t i = index / stride % axis.size();
    for (std::size_t k = 0; k < axis.keys.size(); ++k) point.emplace_back(axis.keys[k], axis.values[k][i]);
  }
  return point;
}

std::vector<Assignment> expand(const Sweep& sweep) {
  std::vector<Assignment> points{Assignment{}};
  for (const SweepAxis& axis : sweep.axes) {  // each new axis varies faster than the previous ones
    std::vector<Assignment> next;
    for (const Assignment& prefix : points)
      for (std::size_t i = 0; i < axis.size(); ++i) {
        Assignment point = prefix;
        for (std::size_t k = 0; k < axis.keys.size(); ++k)
          point.emplace_back(axis.keys[k], axis.values[k][i]);
        next.push_back(std::move(point));
      }
    points = std::move(next);
  }
  return points;
}

}  // namespace hebbmc::runs
