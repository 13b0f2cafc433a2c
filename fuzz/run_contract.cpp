// The check == run contract (fuzz/run_contract.hpp).
#include "run_contract.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "runs/driver/simulation.hpp"
#include "runs/input/sweep.hpp"

namespace hebbmc::runs::contract {

namespace {

// Aborts when a documented constraint does not hold for an accepted file.
void require(bool ok, const char* what) {
  if (!ok) violated(std::string("accepted a file that violates: ") + what);
}

// docs/parameters.md, for every point of an accepted file.
void check_point(const PointParameters& p) {
  require(p.P >= 2 && p.P % 2 == 0, "P even and >= 2");
  require(p.N >= p.P && p.N <= (std::int64_t(1) << 30), "P <= N <= 2^30");
  require(p.K >= 1, "K >= 1");
  require(double(p.K) * double(p.N) <= max_point_memory_bytes, "K N within the memory limit");
  require(point_memory_bytes(p) <= max_point_memory_bytes, "point memory within the limit");
  require(p.d >= 0 && p.d < 1, "d in [0, 1)");
  require(p.T >= 0 && std::isfinite(p.T), "T finite and >= 0");
  require(p.beta > 0, "beta > 0");
  require(p.rule != Rule::zero_temperature || p.T == 0, "zero_temperature means T = 0");
  require(p.sweeps >= 1 && p.sweeps <= max_sweeps, "1 <= sweeps <= 10^15");
  require(p.thermalization >= 0 && p.thermalization <= max_sweeps, "0 <= thermalization <= 10^15");
  require(p.measure_every >= 1 && p.measure_every <= p.sweeps, "1 <= measure_every <= sweeps");
  require(std::isnan(p.anneal_from_T) || (p.anneal_from_T > p.T && std::isfinite(p.anneal_from_T) &&
                                          p.thermalization >= 1 && p.rule != Rule::zero_temperature),
          "anneal_from_T > T with thermalization and a finite-temperature rule");
  require(p.samples >= 1 && p.replicas >= 1, "samples, replicas >= 1");
  require(p.record_patterns >= 1 && p.record_patterns <= p.K, "1 <= record_patterns <= K");
  require(p.type == ModelType::storage ? p.M == 0 : (p.M >= 1 && p.r >= 0 && p.r <= 1), "M, r of learning models");
  require(p.init != Init::mixture || (p.init_mixture >= 2 && p.init_mixture <= p.K), "2 <= init_mixture <= K");
  require(p.init != Init::example || (p.type != ModelType::storage && p.init_example >= 1 && p.init_example <= p.M),
          "init = example of a learning model, 1 <= init_example <= M");
  require(p.init == Init::noisy_pattern ? p.init_overlap >= -1 && p.init_overlap <= 1 : std::isnan(p.init_overlap),
          "init_overlap in [-1, 1] exactly with init = noisy_pattern");
}

}  // namespace

void violated(const std::string& what) {
  std::fprintf(stderr, "contract violated: %s\n", what.c_str());
  std::abort();
}

void check_accepted(const RunSpec& spec) {
  require(!spec.points.empty() && spec.points.size() <= max_sweep_points, "1 to 10^6 points");
  require(!spec.output.empty(), "an output name");
  require(spec.curve_points >= 2 && spec.curve_points <= 1'000'000, "curve_points in [2, 10^6]");
  std::int64_t samples = 0;
  for (std::size_t i = 0; i < spec.points.size(); ++i) {
    require(spec.points[i].index == static_cast<int>(i), "points numbered in order");
    check_point(spec.points[i]);
    samples += spec.points[i].samples;
  }
  require(samples <= max_run_samples, "run samples within the limit");
}

PointParameters tiny_point(const PointParameters& p) {
  PointParameters t = p;
  t.samples = 1;
  t.replicas = std::min(p.replicas, 2);
  t.thermalization = std::min<std::int64_t>(p.thermalization, 2);  // keeps >= 1 for a ramp
  t.sweeps = std::min<std::int64_t>(p.sweeps, 3);
  t.measure_every = std::min(p.measure_every, t.sweeps);
  const auto work = [](const PointParameters& x) {
    return double(x.N) * double(x.K) * double(std::max<std::int64_t>(x.M, 1));
  };
  if (work(t) > tiny_work) {  // lower what is large; every lowering keeps the point's constraints
    t.N = std::max<std::int64_t>(std::min<std::int64_t>(t.N, 64), t.P);
    t.K = std::min<std::int64_t>(t.K, 16);
    if (t.type != ModelType::storage) t.M = std::min<std::int64_t>(t.M, 8);
    t.record_patterns = static_cast<int>(std::min<std::int64_t>(t.record_patterns, t.K));
    if (t.init == Init::mixture) t.init_mixture = static_cast<int>(std::min<std::int64_t>(t.init_mixture, t.K));
    if (t.init == Init::example) t.init_example = static_cast<int>(std::min<std::int64_t>(t.init_example, t.M));
  }
  check_point(t);
  return t;
}

void run_point(const PointParameters& p) {
  try {
    const SampleResult r = simulate_sample(p, 0, [](double) {});
    if (!std::isfinite(r.acceptance)) violated("the acceptance of an accepted point is not finite");
  } catch (const std::exception& e) {
    violated("run time refused what check accepted (" + describe_sizes(p) + "): " + e.what());
  }
}

std::string describe_sizes(const PointParameters& p) {
  char text[200];
  std::snprintf(text, sizeof text, "type %s, N %lld, P %d, K %lld, M %lld, d %g, T %g, rule %s, init %s",
                to_string(p.type).c_str(), static_cast<long long>(p.N), p.P, static_cast<long long>(p.K),
                static_cast<long long>(p.M), p.d, p.T, to_string(p.rule).c_str(), to_string(p.init).c_str());
  return text;
}

Outcome apply_accepted(RunSpec spec) {
  Outcome out;
  out.accepted = true;
  out.spec = std::move(spec);
  check_accepted(out.spec);
  // What `theory` does next with an accepted file: refine the first axis (may be refused).
  try {
    const RunSpec fine = refine_first_axis(out.spec, 3);
    for (const PointParameters& p : fine.points) check_point(p);
  } catch (const InputError&) {
  }
  out.ran = tiny_point(out.spec.points.front());
  run_point(out.ran);
  out.message = describe_sizes(out.ran);
  return out;
}

Outcome apply(std::string_view text, const std::string& label) {
  RunSpec spec;
  try {
    spec = parse_run_spec(text, label);
  } catch (const InputError& e) {
    Outcome out;
    out.message = e.what();  // refused with a message: fine
    return out;
  }
  return apply_accepted(std::move(spec));
}

}  // namespace hebbmc::runs::contract
