// Parameter files: the document (tables, sweep, conflicts between keys) and the run it expands
// to; each point is resolved by point_resolution.cpp, the memory estimate is in point_memory.cpp,
// describe/to_string in point_description.cpp.
#include "runs/input/parameters.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "runs/input/output_name.hpp"
#include "runs/input/overrides.hpp"
#include "runs/input/point_reader.hpp"
#include "runs/input/toml_reader.hpp"

namespace hebbmc::runs {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

[[noreturn]] void fail(const std::string& file, int line, const std::string& key, const std::string& message) {
  throw InputError(file, line, printable(key), message);
}

/// Reads [model], [dynamics], [run] or [theory]: every key must belong to that table.
void read_table(std::string_view name, const toml::table& table, Document& doc) {
  doc.table_lines[std::string(name)] = line_of(table);
  for (auto&& [key, node] : table) {
    const KeyInfo* info = find_key(key.str());
    const int line = static_cast<int>(key.source().begin.line);
    if (!info)
      fail(doc.file, line, std::string(key.str()),
           "unknown key in [" + std::string(name) + "]" + spelling_hint(key.str()));
    if (info->table != name)
      fail(doc.file, line, std::string(key.str()),
           "unknown key in [" + std::string(name) + "]; it belongs in [" + std::string(info->table) + "]");
    doc.fixed[std::string(key.str())] = read_setting(node, *info, doc.file);
  }
}

/// Why a top-level key is refused: a parameter outside its table, a misspelt table, or unknown.
std::string unknown_top_level(const std::string& name, const toml::node& node) {
  if (const KeyInfo* info = find_key(name)) return "must be inside [" + std::string(info->table) + "]";
  const std::string expected = "; expected the tables [model], [dynamics], [run], [theory], [sweep], [phase], [data]";
  if (node.is_table())
    return "unknown table [" + printable(name) + "]" + expected +
           spelling_hint(name, {"model", "dynamics", "run", "theory", "sweep", "phase", "data"});
  return "unknown key at top level" + expected + spelling_hint(name);
}

/// Top level: only the five tables, plus [phase] and [data], read by `hebbmc phase` and `hebbmc data`.
void read_root(const toml::table& root, Document& doc) {
  for (auto&& [key, node] : root) {
    const std::string name(key.str());
    const int line = static_cast<int>(key.source().begin.line);
    if (name == "phase" && node.is_table()) {  // `hebbmc phase` settings (docs/theory.md)
      doc.has_phase_table = true;
      continue;
    }
    if (name == "data" && node.is_table()) {  // `hebbmc data` settings (docs/datasets.md)
      doc.has_data_table = true;
      continue;
    }
    const bool known = name == "sweep" || std::find(parameter_tables.begin(), parameter_tables.end(), name) !=
                                              parameter_tables.end();
    if (!known) fail(doc.file, line, name, unknown_top_level(name, node));
    if (!node.is_table())
      fail(doc.file, line, name, "expected a table [" + name + "], got " + describe_node(node));
    if (name == "sweep")
      doc.sweep = parse_sweep(*node.as_table(), doc.file);
    else
      read_table(name, *node.as_table(), doc);
  }
}

/// Line where a key is set, fixed or swept.
std::optional<int> set_at(const Document& doc, std::string_view key) {
  if (auto it = doc.fixed.find(key); it != doc.fixed.end()) return it->second.line;
  return swept_line(doc.sweep, key);
}

/// A key is fixed or swept, not both; K/alpha and T/beta exclude each other across tables and sweep.
void check_conflicts(const Document& doc) {
  for (const std::string& key : swept_keys(doc.sweep))
    if (auto it = doc.fixed.find(key); it != doc.fixed.end())
      fail(doc.file, *swept_line(doc.sweep, key), key,
           "both fixed in [" + std::string(find_key(key)->table) + "] (line " +
               std::to_string(it->second.line) + ") and swept (line " +
               std::to_string(*swept_line(doc.sweep, key)) + ")");
  // Of two excluding keys the later is reported, a --set counting as after the whole file.
  const auto order = [&](const std::string& key, int line) { return doc.set_by.count(key) ? INT_MAX : line; };
  const auto where = [&](const std::string& key, int line, const std::string& reported_from) {
    if (doc.set_by.count(key)) return "by " + doc.source_of(key);
    return "at line " + std::to_string(line) + (reported_from == doc.file ? "" : " of " + doc.file);
  };
  for (auto [a, b] : {std::pair<std::string, std::string>{"K", "alpha"}, {"K", "K_log_coefficient"},
                      {"alpha", "K_log_coefficient"}, {"T", "beta"}}) {
    const auto line_a = set_at(doc, a), line_b = set_at(doc, b);
    if (!line_a || !line_b) continue;
    const bool b_later = order(b, *line_b) >= order(a, *line_a);
    const std::string &later = b_later ? b : a, &earlier = b_later ? a : b;
    const std::string& source = doc.source_of(later);
    fail(source, b_later ? *line_b : *line_a, later,
         "give exactly one of " + a + " and " + b + ", not both (" + earlier + " is set " +
             where(earlier, b_later ? *line_a : *line_b, source) + ")");
  }
}

/// The --set values replace the file's; a swept key is refused (one value cannot replace a list).
void apply_overrides(const std::vector<Override>& overrides, Document& doc) {
  for (const Override& o : overrides) {
    const std::string key(o.key->name);
    if (const auto line = swept_line(doc.sweep, key))
      throw InputError(o.label, 0, key,
                       "is swept in [sweep] (line " + std::to_string(*line) + " of " + doc.file +
                           "); --set gives a key one value, so change the sweep in the file");
    doc.fixed[key] = o.setting;
    doc.set_by[key] = o.label;
  }
}

/// The document of a parsed file and the --set values: its tables and sweep, with the conflicts
/// between keys refused.
Document read_document(const toml::table& root, const std::string& file, const std::vector<Override>& overrides = {}) {
  Document doc;
  doc.file = file;
  if (root.empty())
    fail(file, 0, "",
         "no parameters: the file is empty or only comments; expected at least the tables [model] and "
         "[dynamics] (docs/parameters.md)");
  read_root(root, doc);
  apply_overrides(overrides, doc);
  check_conflicts(doc);
  return doc;
}

/// Parses the text and reads its document.
Document parse_document(std::string_view text, const std::string& file) {
  return read_document(parse_toml(text, file), file);
}

/// Resolves and validates every point of the product (in `scope`), then the run-wide keys.
RunSpec build_spec(const Document& doc, std::string text, PointScope scope) {
  RunSpec spec;
  spec.file = doc.file;
  spec.text = std::move(text);
  // Points are resolved one at a time (not expanded first): memory stays at one RunSpec.
  const std::size_t n = point_count(doc.sweep);
  spec.points.reserve(n);
  std::int64_t run_samples = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Assignment swept = assignment_at(doc.sweep, i);
    const PointReader in(doc.fixed, swept, doc);
    PointParameters p;
    p.index = static_cast<int>(i);
    resolve_point(in, p, scope);
    run_samples += p.samples;
    if (run_samples > max_run_samples)
      in.fail("samples", "the run needs more than " + std::to_string(max_run_samples) +
                             " disorder samples summed over its points (" + std::to_string(n) +
                             " points); split the sweep into several runs");
    spec.points.push_back(p);
  }
  const Assignment none;
  const PointReader in(doc.fixed, none, doc);
  spec.output = in.get_or<std::string>("output", std::filesystem::path(doc.file).stem().string() + ".h5");
  if (spec.output.empty()) in.fail("output", "expected a file name, got an empty string");
  for (const char c : spec.output)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      in.fail("output", "expected a file name without control characters, got \"" + printable(spec.output) + "\"");
  if (const auto problem = output_name_problem(spec.output))  // the writer's own rule (runs/input/output_name.hpp)
    in.fail("output", "\"" + printable(spec.output) + "\": " + *problem);
  spec.output_line = in.line("output");
  spec.output_source = doc.source_of("output");
  spec.curve_points = static_cast<int>(
      in_range(in, "curve_points", in.get_or<std::int64_t>("curve_points", 101), 2, 1'000'000));
  spec.swept_keys = swept_keys(doc.sweep);
  spec.zipped_keys = doc.sweep.zipped;
  spec.has_phase_table = doc.has_phase_table;
  spec.has_data_table = doc.has_data_table;
  return spec;
}

/// n values spanning [min, max] of an axis: evenly spaced, or geometric for a log range.
std::vector<Setting> refined_values(const SweepAxis& axis, int n) {
  double lo = inf, hi = -inf;
  for (const Setting& s : axis.values[0]) {
    lo = std::min(lo, std::get<double>(s.value));
    hi = std::max(hi, std::get<double>(s.value));
  }
  std::vector<Setting> values;
  for (int i = 0; i < n; ++i) {
    const double t = double(i) / double(n - 1);
    const double x = i == n - 1       ? hi
                     : axis.log_scale ? lo * std::exp(t * std::log(hi / lo))
                                      : lo + t * (hi - lo);
    values.push_back({x, axis.key_lines[0]});
  }
  return values;
}

}  // namespace

RunSpec load_run_spec(const std::filesystem::path& file, const std::vector<std::string>& overrides) {
  const std::string text = read_input_file(file, "parameter file", max_parameter_file_bytes,
                                           "a parameter file is a few hundred bytes (is this the right file?)");
  RunSpec spec = parse_run_spec(text, file.string(), overrides);
  const std::filesystem::path output(spec.output);
  std::error_code ec;
  if (std::filesystem::equivalent(output, file, ec))
    throw InputError(spec.output_source, spec.output_line, "output",
                     "the output \"" + printable(spec.output) + "\" is the parameter file itself");
  if (const auto problem = output_location_problem(spec.output))  // as `run` would find it (runs/input/output_name.hpp)
    throw InputError(spec.output_source, spec.output_line, "output", "\"" + printable(spec.output) + "\" " + *problem);
  return spec;
}

RunSpec parse_run_spec(std::string_view toml_text, const std::string& file_label,
                       const std::vector<std::string>& set_arguments) {
  const std::vector<Override> overrides = read_overrides(set_arguments);
  const toml::table root = parse_toml(toml_text, file_label);
  const Document doc = read_document(root, file_label, overrides);
  if (overrides.empty()) return build_spec(doc, std::string(toml_text), PointScope::full);
  std::string text = effective_text(toml_text, root, overrides);
  // The recorded text must read back as the run made (resume and `theory` read it again).
  const Document reread = parse_document(text, file_label);
  const auto same = [](const Values& a, const Values& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const auto& x, const auto& y) { return x.first == y.first && x.second.value == y.second.value; });
  };
  if (!same(reread.fixed, doc.fixed)) throw std::logic_error("the text recording --set does not read back as the run");
  return build_spec(doc, std::move(text), PointScope::full);
}

RunSpec model_run_spec(const toml::table& root, std::string_view text, const std::string& file_label) {
  return build_spec(read_document(root, file_label), std::string(text), PointScope::model_only);
}

RunSpec refine_first_axis(const RunSpec& spec, int n) {
  if (n < 2) throw std::invalid_argument("refine_first_axis: n must be >= 2");
  Document doc = parse_document(spec.text, spec.file);
  if (doc.sweep.axes.empty())
    throw InputError(spec.file, 0, "", "theory curves need a swept key, and nothing is swept");
  SweepAxis& axis = doc.sweep.axes.front();
  const std::string& key = axis.keys.front();
  if (axis.keys.size() > 1)
    throw InputError(spec.file, axis.key_lines.front(), key,
                     "theory curves cannot refine a zipped first axis");
  if (find_key(key)->type != ValueType::floating)
    throw InputError(spec.file, axis.key_lines.front(), key,
                     "theory curves need a float key as the first swept axis");
  if (double(n) * double(point_count(doc.sweep)) / double(axis.size()) > double(max_sweep_points))
    throw InputError(spec.file, axis.key_lines.front(), key,
                     "theory curves of " + std::to_string(n) + " values along '" + key +
                         "' times the other swept keys exceed " + std::to_string(max_sweep_points) +
                         " points; lower curve_points");
  axis.values.front() = refined_values(axis, n);
  RunSpec refined = build_spec(doc, spec.text, PointScope::full);
  refined.output = spec.output;  // keep any override the caller applied
  refined.curve_points = spec.curve_points;
  return refined;
}

}  // namespace hebbmc::runs
