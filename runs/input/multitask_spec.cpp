// Parsing of `hebbmc multitask` input files (docs/multitasking.md, "Commands").
#include "runs/input/multitask_spec.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "runs/input/toml_reader.hpp"

namespace hebbmc::runs {

MultitaskSpec parse_multitask_spec(std::string_view text, const std::string& file_label) {
  MultitaskSpec spec;
  spec.file = file_label;
  spec.text = std::string(text);
  spec.output = std::filesystem::path(file_label).stem().string() + "_multitask.h5";
  const toml::table root = parse_toml(text, file_label);
  for (auto&& [key, node] : root)
    if (key.str() != "multitask")
      throw InputError(file_label, static_cast<int>(key.source().begin.line), printable(key.str()),
                       "unexpected; a multitask file has one [multitask] table and nothing else");
  const toml::table* table = root["multitask"].as_table();
  if (!table) throw InputError(file_label, 0, "multitask", "missing [multitask] table");
  const TableReader in(table, "multitask", file_label, {"P", "K", "d", "T", "points", "rho", "seed", "output"});
  auto& r = spec.request;
  r.P = static_cast<int>(in.integer("P", 2, 20));
  if (r.P % 2 != 0) in.fail("P", "P must be even (physics.md section 1)");
  r.K.clear();
  for (const toml::node& e : in.array("K", "K = [2, 3, 4]")) {
    const int K = static_cast<int>(in.integer(e, "K", 1, 16));
    if (std::find(r.K.begin(), r.K.end(), K) != r.K.end()) in.fail("K", "K = " + std::to_string(K) + " is listed twice");
    r.K.push_back(K);
  }
  if (r.K.empty()) in.fail("K", "expected a non-empty list, e.g. K = [2, 3, 4]");
  std::tie(r.d_min, r.d_max) = in.range("d");
  if (!(r.d_min >= 0.0 && r.d_max < 1.0)) in.fail("d", "expected 0 <= min < max < 1");
  std::tie(r.T_min, r.T_max) = in.range("T");
  if (!(r.T_min > 0.0)) in.fail("T", "expected 0 < min < max (T = 0 is the closed form MT5)");
  r.points = static_cast<int>(in.integer("points", 2, 401));
  if (in.has("rho")) {
    r.rho = in.number("rho");
    if (!(r.rho >= 0.0)) in.fail("rho", "expected rho >= 0");
  }
  if (in.has("seed")) r.seed = static_cast<std::uint64_t>(in.integer("seed", 0, INT64_MAX));
  if (in.has("output")) spec.output = in.string("output");
  return spec;
}

MultitaskSpec load_multitask_spec(const std::filesystem::path& file) {
  const std::string text = read_input_file(file, "multitask file", 1u << 20, "not a multitask file");
  return parse_multitask_spec(text, file.string());
}

}  // namespace hebbmc::runs
