// Parameter files: TOML parsing, strict validation, and the resolution of each point (the memory
// estimate is in runs/input/point_memory.cpp, describe/to_string in runs/input/point_description.cpp).
#include "runs/input/parameters.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <sstream>

#include "models/plefka.hpp"
#include "models/storage.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "runs/input/point_memory.hpp"
#include "runs/input/sweep.hpp"

namespace hebbmc::runs {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t max_N = std::int64_t(1) << 30;
constexpr double max_pattern_bytes = 16.0 * (1ull << 30);  // 16 GiB: K N bytes of int8 patterns

constexpr std::array<KeyInfo, 30> schema{{
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

constexpr std::array<std::string_view, 4> parameter_tables{"model", "dynamics", "run", "theory"};

using Values = std::map<std::string, Setting, std::less<>>;

/// The file as read: fixed values of the tables and the sweep, before expansion.
struct Document {
  std::string file;
  Values fixed;
  std::map<std::string, int, std::less<>> table_lines;  // line of [model] etc.
  Sweep sweep;
  bool has_phase_table = false;  // [phase] is validated by runs/input/phase_spec.cpp, not here
  bool has_data_table = false;   // [data] is validated by `hebbmc data` (docs/datasets.md), not here
};

[[noreturn]] void fail(const std::string& file, int line, const std::string& key,
                       const std::string& message) {
  throw InputError(file, line, printable(key), message);
}

/// Typed access to the merged (fixed + swept) values of one point, failing at the key's line.
/// The swept values of the point override the fixed ones; nothing is copied per point.
class PointReader {
 public:
  PointReader(const Values& fixed, const Assignment& swept, const Document& doc)
      : fixed_(fixed), swept_(swept), doc_(doc) {}

  bool has(std::string_view key) const { return find(key) != nullptr; }
  bool swept(std::string_view key) const { return swept_line(doc_.sweep, key).has_value(); }
  /// Line of the key's value, else of its table header (0 if neither exists).
  int line(std::string_view key) const {
    if (const Setting* setting = find(key)) return setting->line;
    auto table = doc_.table_lines.find(find_key(key)->table);
    return table == doc_.table_lines.end() ? 0 : table->second;
  }
  [[noreturn]] void fail(std::string_view key, const std::string& message) const {
    runs::fail(doc_.file, line(key), std::string(key), message);
  }
  /// The key's value; a missing key is an error that says where it belongs.
  template <class V>
  V get(std::string_view key) const {
    const Setting* setting = find(key);
    if (!setting) fail(key, "missing: required in [" + std::string(find_key(key)->table) + "]");
    return std::get<V>(setting->value);
  }
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
                      std::int64_t hi = std::numeric_limits<std::int64_t>::max()) {
  if (value >= lo && value <= hi) return value;
  const std::string expected = hi == std::numeric_limits<std::int64_t>::max()
                                   ? "an integer >= " + std::to_string(lo)
                                   : "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  in.fail(key, "expected " + expected + ", got " + std::to_string(value));
}

/// A sweep count up to max_sweeps = 10^15: sums of counts and work estimates cannot overflow.
std::int64_t at_most_max_sweeps(const PointReader& in, std::string_view key, std::int64_t value) {
  if (value > max_sweeps)
    in.fail(key, "expected at most 10^15 sweeps, got " + std::to_string(value) +
                     " (years of computing even at N = 2; a typo?)");
  return value;
}

/// One of a fixed set of strings, mapped to its enum.
template <class E>
E choose(const PointReader& in, std::string_view key, E fallback,
         std::initializer_list<std::pair<std::string_view, E>> choices) {
  if (!in.has(key)) return fallback;
  const auto value = in.get<std::string>(key);
  std::string expected;
  for (const auto& [name, e] : choices) {
    if (name == value) return e;
    expected += (expected.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  in.fail(key, "expected one of " + expected + ", got \"" + printable(value) + "\"");
}

/// Patterns are K N bytes of int8 (models/patterns.hpp); refuse what cannot be allocated.
void check_memory(const PointReader& in, std::string_view key, double K, std::int64_t N) {
  const double bytes = K * double(N);
  if (bytes <= max_pattern_bytes) return;
  // Counts in full up to 10^15; beyond (K from alpha N^(P-1) can reach 10^300) in short form.
  const auto count = [](double x, const char* format) {
    char text[32];
    std::snprintf(text, sizeof text, x < 1e15 ? format : "%.3g", x);
    return std::string(text);
  };
  in.fail(key, "patterns need K*N = " + count(bytes, "%.0f") + " bytes (" +
                   count(bytes / double(1ull << 30), "%.1f") + " GiB) at K = " + count(K, "%.0f") +
                   ", N = " + std::to_string(N) + ", more than the 16 GiB memory limit");
}

/// The whole point must fit: refuse before the run allocates (docs/parameters.md, "Memory").
/// The message names the largest part and blames the key that controls it.
void check_point_memory(const PointReader& in, const PointParameters& p) {
  const double total = point_memory_bytes(p);
  if (total <= max_point_memory_bytes) return;
  const PointMemory part = point_memory(p);
  const std::pair<double, std::string_view> parts[] = {{part.patterns, in.has("K") ? "K" : "alpha"},
                                                        {part.examples, "M"},
                                                        {part.replicas, "replicas"},
                                                        {part.statistics, "samples"},
                                                        {part.trajectories, "trajectories"}};
  const auto largest = *std::max_element(parts, parts + 5, [](auto& a, auto& b) { return a.first < b.first; });
  constexpr double GiB = double(1ull << 30);
  char text[360];
  if (p.type == ModelType::storage)
    std::snprintf(text, sizeof text,
                  "the point needs about %.1f GiB (patterns %.1f, replicas %.1f, per-sample statistics %.1f, "
                  "trajectories %.1f GiB), more than the 16 GiB memory limit",
                  total / GiB, part.patterns / GiB, part.replicas / GiB, part.statistics / GiB,
                  part.trajectories / GiB);
  else
    std::snprintf(text, sizeof text,
                  "the point needs about %.1f GiB (archetypes %.1f, examples and teacher %.1f, replicas %.1f, "
                  "per-sample statistics %.1f, trajectories %.1f GiB), more than the 16 GiB memory limit",
                  total / GiB, part.patterns / GiB, part.examples / GiB, part.replicas / GiB,
                  part.statistics / GiB, part.trajectories / GiB);
  in.fail(largest.second, text);
}

/// K given, or K = round(alpha N^(P-1)) (physics.md section 1); exactly one of the two.
void resolve_load(const PointReader& in, PointParameters& p) {
  if (in.has("K_log_coefficient")) {  // multitasking scaling K = floor(c ln N) (issue 4; docs/multitasking.md)
    p.K_log_coefficient = in.get<double>("K_log_coefficient");
    if (!(p.K_log_coefficient > 0) || !std::isfinite(p.K_log_coefficient))
      in.fail("K_log_coefficient", "expected a finite float > 0, got " + format_value(p.K_log_coefficient));
    const double K = std::floor(p.K_log_coefficient * std::log(double(p.N)));
    if (K < 1)
      in.fail("K_log_coefficient", "K = floor(" + format_value(p.K_log_coefficient) + " ln " + std::to_string(p.N) +
                                       ") = 0; expected K >= 1");
    check_memory(in, "K_log_coefficient", K, p.N);
    p.K = static_cast<std::int64_t>(K);
    p.alpha = nan;
    return;
  }
  if (in.has("K")) {
    p.K = in_range(in, "K", in.get<std::int64_t>("K"), 1);
    p.alpha = nan;
    check_memory(in, "K", double(p.K), p.N);
    return;
  }
  if (!in.has("alpha")) in.fail("K", "missing: give exactly one of K, alpha and K_log_coefficient in [model]");
  p.alpha = in.get<double>("alpha");
  if (!(p.alpha > 0) || !std::isfinite(p.alpha))
    in.fail("alpha", "expected a finite float > 0, got " + format_value(p.alpha));
  const double K = std::round(p.alpha * std::pow(double(p.N), p.P - 1));
  if (K < 1)
    in.fail("alpha", "alpha = " + format_value(p.alpha) + " gives K = round(alpha N^(P-1)) = 0 at N = " +
                         std::to_string(p.N) + ", P = " + std::to_string(p.P) + "; expected K >= 1");
  check_memory(in, "alpha", K, p.N);
  p.K = static_cast<std::int64_t>(K);
  p.K_from_alpha = true;
}

/// Each model's own limits (models/model_size.hpp), asked through the static members its
/// constructor refuses with, so a point accepted here is never refused by the model: the supported
/// interaction orders, and for the learning models with 128-bit bookkeeping the exact range at the
/// worst case of these sizes (every teacher integer |w_i| = M, so sum_i |w_i| = N M).
void check_model_limits(const PointReader& in, const PointParameters& p) {
  const models::ModelSize size{.N = p.N, .K = p.K, .M = p.M, .P = p.P,
                               .interaction = p.self_interaction ? models::Interaction::self_interaction
                                                                 : models::Interaction::distinct_indices};
  const bool plefka = p.type == ModelType::unsupervised && p.evaluation == Evaluation::plefka;
  models::OrderRange orders = models::StorageModel::supported_P;
  const char* kernels = "type = \"storage\"";
  if (p.type == ModelType::supervised) orders = models::SupervisedModel::supported_P;
  else if (plefka) orders = models::PlefkaModel::supported_P;
  else if (p.type == ModelType::unsupervised) {
    orders = models::UnsupervisedModel::supported_P;
    kernels = "type = \"unsupervised\" with evaluation = \"exact\"";
  }
  if (!orders.contains(p.P))
    in.fail("P", "expected an even integer in " + orders.text() + " for " + kernels +
                     " (the orders its flip kernels are compiled for, docs/hamiltonian.md eq. H5), got " +
                     std::to_string(p.P));
  const char* model = "";
  bool exact = true;
  if (p.type == ModelType::supervised) {
    exact = models::SupervisedModel::within_exact_range(size);
    model = "supervised";
  } else if (plefka) {
    exact = models::PlefkaModel::within_exact_range(size);
    model = "unsupervised (Plefka)";
  }
  if (!exact)
    in.fail("M", std::string("N M = ") + std::to_string(p.N) + " x " + std::to_string(p.M) + " at P = " +
                     std::to_string(p.P) + ", K = " + std::to_string(p.K) + " is outside the exact 128-bit range of the " +
                     model + " model (docs/learning.md, \"Exactness\"); lower N, M or K");
}

/// M, r and evaluation: M and r required by the learning models, evaluation only for
/// type = "unsupervised"; each refused where it has no meaning unless the type is swept.
void resolve_examples(const PointReader& in, PointParameters& p) {
  const bool needed = p.type != ModelType::storage;
  for (std::string_view key : {"M", "r"})
    if (in.has(key) && !needed && !in.swept("type"))
      in.fail(key,
              "only used by type = \"supervised\" or \"unsupervised\"; remove it for type = \"storage\"");
  if (in.has("evaluation") && p.type != ModelType::unsupervised && !in.swept("type"))
    in.fail("evaluation", "only used by type = \"unsupervised\" (exact or Plefka evaluation of the examples); "
                          "remove it for type = \"" + to_string(p.type) + "\"");
  const std::string by = " by type = \"" + to_string(p.type) + "\"";
  for (std::string_view key : {"M", "r"})
    if (needed && !in.has(key)) in.fail(key, "missing: required in [model]" + by);
  if (in.has("M") || needed) {
    p.M = in_range(in, "M", in.get<std::int64_t>("M"), 1);
    if (p.M > INT_MAX)  // models::Examples counts examples in int
      in.fail("M", "expected at most 2^31 - 1 examples per archetype, got " + std::to_string(p.M));
  }
  if (in.has("r") || needed) {
    p.r = in.get<double>("r");
    if (!(p.r >= 0 && p.r <= 1)) in.fail("r", "expected a float in [0, 1], got " + format_value(p.r));
  }
  p.evaluation = choose(in, "evaluation", Evaluation::exact, {{"exact", Evaluation::exact}, {"plefka", Evaluation::plefka}});
  if (p.type != ModelType::unsupervised) p.evaluation = Evaluation::exact;
  if (!needed) {
    p.M = 0;
    p.r = nan;
  }
  check_model_limits(in, p);
}

void resolve_model(const PointReader& in, PointParameters& p) {
  p.type = choose(in, "type", ModelType::storage,
                  {{"storage", ModelType::storage},
                   {"supervised", ModelType::supervised},
                   {"unsupervised", ModelType::unsupervised}});
  const std::int64_t P = in.get<std::int64_t>("P");
  if (P < 2 || P % 2 != 0) in.fail("P", "expected an even integer >= 2, got " + std::to_string(P));
  p.N = in_range(in, "N", in.get<std::int64_t>("N"), 2, max_N);
  if (p.N < P) in.fail("N", "expected N >= P = " + std::to_string(P) + ", got " + std::to_string(p.N));
  p.P = static_cast<int>(P);  // P <= N <= 2^30 fits
  resolve_load(in, p);
  p.d = in.get_or<double>("d", 0.0);
  if (!(p.d >= 0 && p.d < 1)) in.fail("d", "expected a float in [0, 1), got " + format_value(p.d));
  p.self_interaction = in.get_or<bool>("self_interaction", false);
  resolve_examples(in, p);
}

/// T or beta, exactly one; zero_temperature may omit both and then allows only T = 0 / beta = inf.
void resolve_temperature(const PointReader& in, PointParameters& p) {
  const bool zero = p.rule == Rule::zero_temperature;
  if (in.has("T")) {
    p.T = in.get<double>("T");
    if (!(p.T >= 0) || !std::isfinite(p.T))
      in.fail("T", "expected a finite float >= 0, got " + format_value(p.T));
    if (zero && p.T > 0)
      in.fail("T", "rule \"zero_temperature\" needs T = 0 (or no T), got " + format_value(p.T));
    p.beta = p.T > 0 ? 1 / p.T : inf;
  } else if (in.has("beta")) {
    p.beta = in.get<double>("beta");
    if (!(p.beta > 0)) in.fail("beta", "expected a float > 0 (inf for T = 0), got " + format_value(p.beta));
    if (zero && std::isfinite(p.beta))
      in.fail("beta", "rule \"zero_temperature\" needs beta = inf (or no beta), got " + format_value(p.beta));
    p.T = std::isinf(p.beta) ? 0 : 1 / p.beta;
  } else if (zero) {
    p.T = 0;
    p.beta = inf;
  } else {
    in.fail("T",
            "missing: give exactly one of T and beta in [dynamics] (only rule = \"zero_temperature\" may "
            "omit both)");
  }
}

/// Optional linear ramp from anneal_from_T down to T over the thermalization sweeps.
void resolve_anneal(const PointReader& in, PointParameters& p) {
  if (!in.has("anneal_from_T")) {
    p.anneal_from_T = nan;
    return;
  }
  p.anneal_from_T = in.get<double>("anneal_from_T");
  if (!(p.anneal_from_T > p.T) || !std::isfinite(p.anneal_from_T))
    in.fail("anneal_from_T",
            "expected a finite float > T = " + format_value(p.T) + ", got " + format_value(p.anneal_from_T));
  if (p.rule == Rule::zero_temperature)
    in.fail("anneal_from_T",
            "needs a finite-temperature rule (\"glauber\" or \"metropolis\"), not \"zero_temperature\"");
  if (p.thermalization == 0)
    in.fail("anneal_from_T", "needs thermalization >= 1: the ramp runs over the thermalization sweeps");
}

/// init_mixture / init_example: required by, and only allowed with, init = "mixture" / "example".
void resolve_init(const PointReader& in, PointParameters& p) {
  const bool mixture = p.init == Init::mixture, example = p.init == Init::example;
  if (in.has("init_mixture") && !mixture) in.fail("init_mixture", "only used with init = \"mixture\"");
  if (in.has("init_example") && !example) in.fail("init_example", "only used with init = \"example\"");
  if (mixture) {
    if (!in.has("init_mixture"))
      in.fail("init", "init = \"mixture\" needs init_mixture = n, the number of leading patterns mixed (2..K)");
    p.init_mixture = static_cast<int>(in_range(in, "init_mixture", in.get<std::int64_t>("init_mixture"), 2, p.K));
  }
  if (example) {
    if (p.type == ModelType::storage)
      in.fail("init", "init = \"example\" needs examples: type = \"supervised\" or \"unsupervised\"");
    if (!in.has("init_example")) in.fail("init", "init = \"example\" needs init_example = a, an example of archetype 1 (1..M)");
    p.init_example = static_cast<int>(in_range(in, "init_example", in.get<std::int64_t>("init_example"), 1, p.M));
  }
}

void resolve_dynamics(const PointReader& in, PointParameters& p) {
  p.rule = choose(in, "rule", Rule::glauber,
                  {{"glauber", Rule::glauber},
                   {"metropolis", Rule::metropolis},
                   {"zero_temperature", Rule::zero_temperature}});
  p.order =
      choose(in, "order", Order::random, {{"random", Order::random}, {"sequential", Order::sequential}});
  p.init = choose(in, "init", Init::pattern,
                  {{"pattern", Init::pattern}, {"random", Init::random}, {"mixture", Init::mixture}, {"example", Init::example}});
  resolve_init(in, p);
  resolve_temperature(in, p);
  p.sweeps = at_most_max_sweeps(in, "sweeps", in_range(in, "sweeps", in.get<std::int64_t>("sweeps"), 1));
  p.thermalization = at_most_max_sweeps(
      in, "thermalization", in_range(in, "thermalization", in.get_or<std::int64_t>("thermalization", 100), 0));
  p.measure_every = in_range(in, "measure_every", in.get_or<std::int64_t>("measure_every", 1), 1);
  if (p.measure_every > p.sweeps)
    in.fail("measure_every", "expected measure_every <= sweeps = " + std::to_string(p.sweeps) + ", got " +
                                 std::to_string(p.measure_every) + ": no measurement would be taken");
  resolve_anneal(in, p);
}

void resolve_run(const PointReader& in, PointParameters& p) {
  p.seed = static_cast<std::uint64_t>(in_range(in, "seed", in.get_or<std::int64_t>("seed", 1), 0));
  p.samples = static_cast<int>(in_range(in, "samples", in.get_or<std::int64_t>("samples", 1), 1, INT_MAX));
  p.replicas = static_cast<int>(in_range(in, "replicas", in.get_or<std::int64_t>("replicas", 2), 1, INT_MAX));
  // Default min(K, 3); a larger request is clamped to K, there being only K magnetisations.
  const std::int64_t wanted =
      in_range(in, "record_patterns", in.get_or<std::int64_t>("record_patterns", 3), 1);
  p.record_patterns = static_cast<int>(in_range(in, "record_patterns", std::min(wanted, p.K), 1, INT_MAX));
  p.trajectories = in.get_or<bool>("trajectories", false);
  if (in.has("retrieval_threshold")) {
    if (!(p.d > 0)) in.fail("retrieval_threshold", "only used with diluted patterns (d > 0), where the retrieved count is recorded");
    p.retrieval_threshold = in.get<double>("retrieval_threshold");
    if (!(p.retrieval_threshold > 0 && p.retrieval_threshold < 1))
      in.fail("retrieval_threshold", "expected a float in (0, 1), got " + format_value(p.retrieval_threshold));
  }
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
  for (auto [a, b] : {std::pair<std::string, std::string>{"K", "alpha"}, {"K", "K_log_coefficient"},
                      {"alpha", "K_log_coefficient"}, {"T", "beta"}}) {
    const auto line_a = set_at(doc, a), line_b = set_at(doc, b);
    if (!line_a || !line_b) continue;
    const bool b_later = *line_b >= *line_a;
    fail(doc.file, b_later ? *line_b : *line_a, b_later ? b : a,
         "give exactly one of " + a + " and " + b + ", not both (" + (b_later ? a : b) + " is set at line " +
             std::to_string(b_later ? *line_a : *line_b) + ")");
  }
}

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
      fail(file, line, "",
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

Document parse_document(std::string_view text, const std::string& file) {
  Document doc;
  doc.file = file;
  refuse_deep_keys(text, file);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    fail(file, static_cast<int>(error.source().begin.line), "",
         "TOML syntax error: " + printable(error.description(), 200));
  }
  if (root.empty())
    fail(file, 0, "",
         "no parameters: the file is empty or only comments; expected at least the tables [model] and "
         "[dynamics] (docs/parameters.md)");
  read_root(root, doc);
  check_conflicts(doc);
  return doc;
}

/// Resolves and validates every point of the product, then the run-wide keys.
RunSpec build_spec(const Document& doc, std::string text) {
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
    resolve_model(in, p);
    resolve_dynamics(in, p);
    resolve_run(in, p);
    check_point_memory(in, p);
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

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  const auto escape = [&out](unsigned char byte) {
    char hex[5];
    std::snprintf(hex, sizeof hex, "\\x%02x", byte);
    out += hex;
  };
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_bytes) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // Length of a well-formed UTF-8 sequence starting here (0 if malformed), RFC 3629.
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : (byte >> 3) == 0x1e ? 4 : 0;
    if (i + length > text.size()) length = 0;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) length = 0;
    // C0 controls, DEL and the C1 controls U+0080..U+009F (encoded C2 80..C2 9F) drive terminals.
    const bool c1 = length == 2 && byte == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
    if (length == 0 || byte < 0x20 || byte == 0x7f || c1) {
      escape(byte);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  if (i < text.size()) out += "...(" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::span<const KeyInfo> parameter_keys() { return schema; }

const KeyInfo* find_key(std::string_view name) {
  for (const KeyInfo& key : schema)
    if (key.name == name) return &key;
  return nullptr;
}

std::string read_input_file(const std::filesystem::path& file, const std::string& what, std::size_t max_bytes,
                            const std::string& too_large) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw InputError(file.string(), 0, "", "is a directory, expected a " + what);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot read the " + what);
  // Read in chunks, at most one chunk past the limit: /dev/zero must not fill the memory.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= max_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw InputError(file.string(), 0, "", "error while reading the " + what);
  if (text.size() > max_bytes)
    throw InputError(file.string(), 0, "", "is larger than " + std::to_string(max_bytes >> 20) + " MiB; " + too_large);
  return text;
}

RunSpec load_run_spec(const std::filesystem::path& file) {
  const std::string text = read_input_file(file, "parameter file", max_parameter_file_bytes,
                                           "a parameter file is a few hundred bytes (is this the right file?)");
  RunSpec spec = parse_run_spec(text, file.string());
  const std::filesystem::path output(spec.output);
  std::error_code ec;
  if (std::filesystem::equivalent(output, file, ec))
    throw InputError(file.string(), 0, "output",
                     "the output \"" + printable(spec.output) + "\" is the parameter file itself");
  return spec;
}

RunSpec parse_run_spec(std::string_view toml_text, const std::string& file_label) {
  return build_spec(parse_document(toml_text, file_label), std::string(toml_text));
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
  RunSpec refined = build_spec(doc, spec.text);
  refined.output = spec.output;  // keep any override the caller applied
  refined.curve_points = spec.curve_points;
  return refined;
}

}  // namespace hebbmc::runs
