// Resolution of one point of a run file: every key's value, default and constraint, and the
// models' own limits (docs/parameters.md; the memory estimate is in point_memory.cpp).
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <optional>

#include "models/plefka.hpp"
#include "models/storage.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "runs/input/point_memory.hpp"
#include "runs/input/point_reader.hpp"
#include "runs/input/temperature.hpp"

namespace hebbmc::runs {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t max_N = std::int64_t(1) << 30;
constexpr double max_pattern_bytes = 16.0 * (1ull << 30);  // 16 GiB: K N bytes of int8 patterns

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
  const auto value = [&](std::string_view key) {
    return in.has(key) ? std::optional<double>(in.get<double>(key)) : std::nullopt;
  };
  const auto resolved = runs::resolve_temperature(value("T"), value("beta"), p.rule == Rule::zero_temperature);
  if (const auto* problem = std::get_if<TemperatureProblem>(&resolved)) in.fail(problem->key, problem->message);
  const Temperature t = std::get<Temperature>(resolved);
  p.T = t.T;
  p.beta = t.beta;
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

/// init_mixture / init_example / init_overlap: required by, and only allowed with, init = "mixture" /
/// "example" / "noisy_pattern".
void resolve_init(const PointReader& in, PointParameters& p) {
  const bool mixture = p.init == Init::mixture, example = p.init == Init::example, noisy = p.init == Init::noisy_pattern;
  if (in.has("init_mixture") && !mixture) in.fail("init_mixture", "only used with init = \"mixture\"");
  if (in.has("init_example") && !example) in.fail("init_example", "only used with init = \"example\"");
  if (in.has("init_overlap") && !noisy) in.fail("init_overlap", "only used with init = \"noisy_pattern\"");
  if (noisy) {
    if (!in.has("init_overlap"))
      in.fail("init", "init = \"noisy_pattern\" needs init_overlap = m0, the expected initial overlap with archetype 1 (-1..1)");
    p.init_overlap = in.get<double>("init_overlap");
    if (!(p.init_overlap >= -1 && p.init_overlap <= 1))
      in.fail("init_overlap", "expected a float in [-1, 1], got " + format_value(p.init_overlap));
  }
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
                   {"zero_temperature", Rule::zero_temperature},
                   {"parallel", Rule::parallel}});
  // The parallel rule updates every site at once and visits no order (docs/dynamics.md, eq. D2).
  if (in.has("order") && p.rule == Rule::parallel && !in.swept("rule"))
    in.fail("order", "not used by rule = \"parallel\", which updates all sites at once; remove it");
  p.order =
      choose(in, "order", Order::random, {{"random", Order::random}, {"sequential", Order::sequential}});
  p.init = choose(in, "init", Init::pattern,
                  {{"pattern", Init::pattern}, {"random", Init::random}, {"mixture", Init::mixture}, {"example", Init::example},
                   {"noisy_pattern", Init::noisy_pattern}});
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

}  // namespace

/// An integer in [lo, hi] or an error saying so.
std::int64_t in_range(const PointReader& in, std::string_view key, std::int64_t value, std::int64_t lo,
                      std::int64_t hi) {
  if (value >= lo && value <= hi) return value;
  const std::string expected = hi == std::numeric_limits<std::int64_t>::max()
                                   ? "an integer >= " + std::to_string(lo)
                                   : "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  in.fail(key, "expected " + expected + ", got " + std::to_string(value));
}

void resolve_point(const PointReader& in, PointParameters& p, PointScope scope) {
  resolve_model(in, p);
  if (scope == PointScope::model_only) return;
  resolve_dynamics(in, p);
  resolve_run(in, p);
  check_point_memory(in, p);
}

}  // namespace hebbmc::runs
