// The parameter keys of run files and the typed reading of one value (runs/input/schema.hpp).
#include "runs/input/schema.hpp"

#include <array>
#include <cmath>
#include <vector>

namespace hebbmc::runs {

namespace {

constexpr std::array<KeyInfo, 31> schema{{
    {"type", "model", ValueType::string, true},
    {"N", "model", ValueType::integer, true},
    {"P", "model", ValueType::integer, true},
    {"K", "model", ValueType::integer, true},
    {"alpha", "model", ValueType::floating, true},
    {"K_log_coefficient", "model", ValueType::floating, true},
    {"d", "model", ValueType::floating, true},
    {"self_interaction", "model", ValueType::boolean, true},
    {"M", "model", ValueType::integer, true},
    {"r", "model", ValueType::floating, true},
    {"evaluation", "model", ValueType::string, true},
    {"rule", "dynamics", ValueType::string, true},
    {"order", "dynamics", ValueType::string, true},
    {"T", "dynamics", ValueType::floating, true},
    {"beta", "dynamics", ValueType::floating, true},
    {"init", "dynamics", ValueType::string, true},
    {"init_mixture", "dynamics", ValueType::integer, true},
    {"init_example", "dynamics", ValueType::integer, true},
    {"init_overlap", "dynamics", ValueType::floating, true},
    {"sweeps", "dynamics", ValueType::integer, true},
    {"thermalization", "dynamics", ValueType::integer, true},
    {"measure_every", "dynamics", ValueType::integer, true},
    {"anneal_from_T", "dynamics", ValueType::floating, true},
    {"seed", "run", ValueType::integer, true},
    {"samples", "run", ValueType::integer, true},
    {"replicas", "run", ValueType::integer, true},
    {"record_patterns", "run", ValueType::integer, true},
    {"trajectories", "run", ValueType::boolean, true},
    {"retrieval_threshold", "run", ValueType::floating, true},
    {"output", "run", ValueType::string, false},
    {"curve_points", "theory", ValueType::integer, false},
}};

}  // namespace

std::string type_name(ValueType type) {
  switch (type) {
    case ValueType::integer: return "an integer";
    case ValueType::floating: return "a float";
    case ValueType::boolean: return "a boolean";
    case ValueType::string: return "a string";
  }
  return "a value";
}

std::span<const KeyInfo> parameter_keys() { return schema; }

const KeyInfo* find_key(std::string_view name) {
  for (const KeyInfo& key : schema)
    if (key.name == name) return &key;
  return nullptr;
}

std::string spelling_hint(std::string_view name) {
  std::vector<std::string_view> names;
  for (const KeyInfo& key : parameter_keys()) names.push_back(key.name);
  return spelling_hint(name, names);
}

Setting read_setting(const toml::node& node, const KeyInfo& key, const std::string& file) {
  const int line = line_of(node);
  const auto fail = [&](const std::string& message) { throw InputError(file, line, printable(key.name), message); };
  const auto wrong = [&] { fail("expected " + type_name(key.type) + ", got " + describe_node(node)); };
  switch (key.type) {
    case ValueType::integer:
      if (!node.is_integer()) wrong();
      return {node.as_integer()->get(), line};
    case ValueType::floating: {
      if (!node.is_number()) wrong();
      const double value =
          node.is_integer() ? double(node.as_integer()->get()) : node.as_floating_point()->get();
      if (std::isnan(value)) fail("expected a number, got nan");
      return {value, line};
    }
    case ValueType::boolean:
      if (!node.is_boolean()) wrong();
      return {node.as_boolean()->get(), line};
    case ValueType::string:
      if (!node.is_string()) wrong();
      return {node.as_string()->get(), line};
  }
  wrong();
  return {};
}

}  // namespace hebbmc::runs
