// The resolved parameters of a point as (name, value) pairs and the enumeration names: what the
// output files record (runs/input/parameters.hpp, describe and to_string).
#include <algorithm>
#include <cmath>
#include <variant>

#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

std::vector<std::pair<std::string, ParamValue>> describe(const PointParameters& p) {
  std::vector<std::pair<std::string, ParamValue>> out;
  const auto add = [&out](std::string name, ParamValue value) {
    if (const double* x = std::get_if<double>(&value); x && std::isnan(*x)) return;
    out.emplace_back(std::move(name), std::move(value));
  };
  using I = std::int64_t;
  add("index", I(p.index));
  add("type", to_string(p.type));
  add("N", p.N);
  add("P", I(p.P));
  add("K", p.K);
  add("alpha", p.alpha);
  add("K_from_alpha", p.K_from_alpha);
  add("K_log_coefficient", p.K_log_coefficient);  // NaN (not written) unless used
  add("d", p.d);
  add("self_interaction", p.self_interaction);
  if (p.type != ModelType::storage) add("M", p.M);
  add("r", p.r);
  if (p.type == ModelType::unsupervised) add("evaluation", to_string(p.evaluation));
  add("rule", to_string(p.rule));
  add("order", to_string(p.order));
  add("T", p.T);
  add("beta", p.beta);
  add("init", to_string(p.init));
  if (p.init == Init::mixture) add("init_mixture", I(p.init_mixture));
  if (p.init == Init::example) add("init_example", I(p.init_example));
  add("init_overlap", p.init_overlap);  // NaN (not written) unless init = noisy_pattern
  add("sweeps", p.sweeps);
  add("thermalization", p.thermalization);
  add("measure_every", p.measure_every);
  add("anneal_from_T", p.anneal_from_T);
  add("seed", I(p.seed));
  add("samples", I(p.samples));
  add("replicas", I(p.replicas));
  add("record_patterns", I(p.record_patterns));
  add("trajectories", p.trajectories);
  if (p.d > 0) add("retrieval_threshold", p.retrieval_threshold);
  return out;
}

std::optional<double> numeric_value(const PointParameters& point, std::string_view key) {
  for (const auto& [name, value] : describe(point)) {
    if (name != key) continue;
    if (const auto* i = std::get_if<std::int64_t>(&value)) return double(*i);
    if (const auto* x = std::get_if<double>(&value)) return *x;
  }
  return std::nullopt;
}

std::vector<double> swept_axis_values(const RunSpec& spec, std::string_view key) {
  std::vector<double> values;
  for (const PointParameters& point : spec.points)
    if (const auto x = numeric_value(point, key);
        x && std::find(values.begin(), values.end(), *x) == values.end())
      values.push_back(*x);
  return values;
}

std::string to_string(ModelType type) {
  switch (type) {
    case ModelType::storage:
      return "storage";
    case ModelType::supervised:
      return "supervised";
    case ModelType::unsupervised:
      return "unsupervised";
  }
  return "?";
}

std::string to_string(Rule rule) {
  switch (rule) {
    case Rule::glauber:
      return "glauber";
    case Rule::metropolis:
      return "metropolis";
    case Rule::zero_temperature:
      return "zero_temperature";
    case Rule::parallel:
      return "parallel";
  }
  return "?";
}

std::string to_string(Order order) { return order == Order::random ? "random" : "sequential"; }

std::string to_string(Init init) {
  switch (init) {
    case Init::pattern: return "pattern";
    case Init::random: return "random";
    case Init::mixture: return "mixture";
    case Init::example: return "example";
    case Init::noisy_pattern: return "noisy_pattern";
  }
  return "?";
}

std::string to_string(Evaluation evaluation) { return evaluation == Evaluation::exact ? "exact" : "plefka"; }

}  // namespace hebbmc::runs
