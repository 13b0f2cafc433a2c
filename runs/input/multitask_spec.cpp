// Parsing of `hebbmc multitask` input files (docs/multitasking.md, "Commands").
#include "runs/input/multitask_spec.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <tuple>

#include "runs/input/input_error.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// A finite float (or integer) value.
double number(const toml::node& node, const std::string& file, const std::string& key) {
  const std::optional<double> v = node.value<double>();
  if (!v || !std::isfinite(*v)) throw InputError(file, line_of(node), key, "expected a finite number");
  return *v;
}

// An integer in [lo, hi].
std::int64_t integer(const toml::node& node, const std::string& file, const std::string& key, std::int64_t lo,
                     std::int64_t hi) {
  const std::optional<std::int64_t> v = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
  if (!v || *v < lo || *v > hi)
    throw InputError(file, line_of(node), key,
                     "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return *v;
}

// [min, max] of two finite numbers with min < max.
std::pair<double, double> range(const toml::node& node, const std::string& file, const std::string& key) {
  const toml::array* a = node.as_array();
  if (!a || a->size() != 2) throw InputError(file, line_of(node), key, "expected a range [min, max]");
  const double lo = number((*a)[0], file, key), hi = number((*a)[1], file, key);
  if (!(lo < hi)) throw InputError(file, line_of(node), key, "expected min < max");
  return {lo, hi};
}

}  // namespace

MultitaskSpec parse_multitask_spec(std::string_view text, const std::string& file_label) {
  MultitaskSpec spec;
  spec.file = file_label;
  spec.text = std::string(text);
  spec.output = std::filesystem::path(file_label).stem().string() + "_multitask.h5";
  toml::table root;
  try {
    root = toml::parse(text, file_label);
  } catch (const toml::parse_error& e) {
    throw InputError(file_label, static_cast<int>(e.source().begin.line), "",
                     std::string("TOML syntax error: ") + std::string(e.description()));
  }
  for (auto&& [key, node] : root)
    if (key.str() != "multitask")
      throw InputError(file_label, static_cast<int>(key.source().begin.line), std::string(key.str()),
                       "unexpected; a multitask file has one [multitask] table and nothing else");
  const toml::table* table = root["multitask"].as_table();
  if (!table) throw InputError(file_label, 0, "multitask", "missing [multitask] table");
  const int header = line_of(*table);
  auto& r = spec.request;
  static const std::set<std::string> known{"P", "K", "d", "T", "points", "rho", "seed", "output"};
  for (auto&& [key, node] : *table) {
    const std::string k(key.str());
    const int line = static_cast<int>(key.source().begin.line);
    if (!known.count(k))
      throw InputError(file_label, line, k,
                       "unknown key in [multitask]; expected P, K, d, T, points, rho, seed or output");
    if (k == "P") {
      r.P = static_cast<int>(integer(node, file_label, k, 2, 20));
      if (r.P % 2 != 0) throw InputError(file_label, line_of(node), k, "P must be even (physics.md section 1)");
    } else if (k == "K") {
      const toml::array* a = node.as_array();
      if (!a || a->empty()) throw InputError(file_label, line_of(node), k, "expected a non-empty list, e.g. K = [2, 3, 4]");
      r.K.clear();
      for (const toml::node& e : *a) {
        const int K = static_cast<int>(integer(e, file_label, k, 1, 16));
        if (std::find(r.K.begin(), r.K.end(), K) != r.K.end())
          throw InputError(file_label, line_of(node), k, "K = " + std::to_string(K) + " is listed twice");
        r.K.push_back(K);
      }
    } else if (k == "d") {
      std::tie(r.d_min, r.d_max) = range(node, file_label, k);
      if (!(r.d_min >= 0.0 && r.d_max < 1.0)) throw InputError(file_label, line_of(node), k, "expected 0 <= min < max < 1");
    } else if (k == "T") {
      std::tie(r.T_min, r.T_max) = range(node, file_label, k);
      if (!(r.T_min > 0.0))
        throw InputError(file_label, line_of(node), k, "expected 0 < min < max (T = 0 is the closed form MT5)");
    } else if (k == "points") {
      r.points = static_cast<int>(integer(node, file_label, k, 2, 401));
    } else if (k == "rho") {
      r.rho = number(node, file_label, k);
      if (!(r.rho >= 0.0)) throw InputError(file_label, line_of(node), k, "expected rho >= 0");
    } else if (k == "seed") {
      r.seed = static_cast<std::uint64_t>(integer(node, file_label, k, 0, INT64_MAX));
    } else if (k == "output") {
      const std::optional<std::string> out = node.value<std::string>();
      if (!out || out->empty()) throw InputError(file_label, line_of(node), k, "expected a non-empty file name");
      spec.output = *out;
    }
  }
  for (const char* required : {"P", "K", "d", "T", "points"})
    if (!table->contains(required)) throw InputError(file_label, header, required, "missing in [multitask]");
  return spec;
}

MultitaskSpec load_multitask_spec(const std::filesystem::path& file) {
  const std::string text = read_input_file(file, "multitask file", 1u << 20, "not a multitask file");
  return parse_multitask_spec(text, file.string());
}

}  // namespace hebbmc::runs
