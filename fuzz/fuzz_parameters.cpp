// libFuzzer target for the parameter-file layer (docs/fuzzing.md): any byte sequence must give
// either a RunSpec that satisfies every documented constraint, or an InputError. Anything else
// -- a crash, another exception, a sanitizer report, a time-out -- is a bug.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "runs/input/parameters.hpp"
#include "runs/input/sweep.hpp"

using namespace hebbmc::runs;

namespace {

// Aborts (a libFuzzer crash, with the input saved) when a documented constraint does not hold.
void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_parameters: accepted a file that violates: %s\n", what);
  std::abort();
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
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  RunSpec spec;
  try {
    spec = parse_run_spec(text, "fuzz.toml");
  } catch (const InputError&) {
    return 0;  // refused with a message: fine
  }
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
  // What `theory` does next with an accepted file: refine the first axis (may be refused).
  try {
    const RunSpec fine = refine_first_axis(spec, 3);
    for (const PointParameters& p : fine.points) check_point(p);
  } catch (const InputError&) {
  }
  return 0;
}
