// Throughput of the storage model's hot loop: pattern-updates per second.
//
// One pattern-update is the work on one pattern for one attempted flip (one term of the O(K)
// dE sum, plus its share of the O(K) overlap update when the flip is accepted), so
//     pattern-updates/s = K * attempted flips / wall-clock second.
// The chain is the production one: engine::sweep with engine::Glauber over models::StorageModel,
// K = round(alpha N^(P-1)) binary patterns, distinct indices, started from pattern 1, single thread.
// Acceptance is printed because an accepted flip costs a second O(K) pass (the overlap update).
//
// Usage: bench_storage [--N 200] [--P 4] [--alpha 0.01] [--beta 30] [--sweeps S] [--warmup W]
//                      [--reps 5] [--seed 1] [--order random|sequential]
// Baseline: bench/numpy_baseline.py runs the same chain in NumPy and prints the same metric.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/rng.hpp"
#include "engine/spins.hpp"
#include "engine/sweep.hpp"
#include "models/patterns.hpp"
#include "models/storage.hpp"

using namespace hebbmc;

namespace {

/// Benchmark parameters, all settable from the command line.
struct Options {
  std::int64_t N = 200;      ///< number of neurons
  int P = 4;                 ///< interaction order
  double alpha = 0.01;       ///< load, K = round(alpha N^(P-1))
  double beta = 30.0;        ///< inverse temperature ("inf" allowed)
  std::int64_t sweeps = -1;  ///< timed sweeps per repetition (-1: about 4e9 pattern-updates)
  std::int64_t warmup = -1;  ///< untimed sweeps before the first repetition (-1: sweeps)
  int reps = 5;              ///< timed repetitions
  std::uint64_t seed = 1;    ///< seed of the pattern and dynamics streams
  engine::SweepOrder order = engine::SweepOrder::random_permutation;  ///< site order per sweep
};

/// Parses `--name value` pairs; exits with a usage message on anything else.
Options parse(int argc, char** argv) {
  Options o;
  auto usage = [&](const std::string& why) {
    std::fprintf(stderr,
                 "%s\nusage: %s [--N n] [--P p] [--alpha a] [--beta b] [--sweeps s] [--warmup w] [--reps r]"
                 " [--seed s] [--order random|sequential]\n",
                 why.c_str(), argv[0]);
    std::exit(2);
  };
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "-h" || key == "--help") usage("pattern-updates per second of the storage model's Glauber chain");
    if (i + 1 >= argc) usage("missing value for " + key);
    const std::string v = argv[i + 1];
    try {
      if (key == "--N") o.N = std::stoll(v);
      else if (key == "--P") o.P = std::stoi(v);
      else if (key == "--alpha") o.alpha = std::stod(v);
      else if (key == "--beta") o.beta = (v == "inf") ? std::numeric_limits<double>::infinity() : std::stod(v);
      else if (key == "--sweeps") o.sweeps = std::stoll(v);
      else if (key == "--warmup") o.warmup = std::stoll(v);
      else if (key == "--reps") o.reps = std::stoi(v);
      else if (key == "--seed") o.seed = std::stoull(v);
      else if (key == "--order") {
        if (v == "random") o.order = engine::SweepOrder::random_permutation;
        else if (v == "sequential") o.order = engine::SweepOrder::sequential;
        else usage("--order must be random or sequential");
      } else usage("unknown flag " + key);
    } catch (const std::logic_error&) {
      usage("bad value '" + v + "' for " + key);
    }
  }
  if (o.N < 2 || o.reps < 1 || o.sweeps == 0) usage("need N >= 2, reps >= 1, sweeps >= 1");
  return o;
}

/// Median of a small sample (mean of the two middle values for even sizes).
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

/// Builds the chain, warms it up, times `reps` blocks of `sweeps` sweeps and prints the metric.
int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  const std::int64_t K = std::llround(o.alpha * std::pow(static_cast<double>(o.N), o.P - 1));
  if (K < 1) throw std::invalid_argument("bench_storage: alpha N^(P-1) rounds to K = 0");
  if (o.sweeps < 0) o.sweeps = std::max<std::int64_t>(1, std::llround(4e9 / (double(K) * double(o.N))));
  if (o.warmup < 0) o.warmup = o.sweeps;

  engine::Stream pattern_rng({o.seed, 0, 0, 0, engine::Purpose::patterns});
  engine::Stream rng({o.seed, 0, 0, 0, engine::Purpose::dynamics});
  const models::Patterns xi = models::draw_patterns(o.N, K, 0.0, pattern_rng);
  engine::Spins start(static_cast<std::size_t>(o.N));
  for (std::int64_t i = 0; i < o.N; ++i) start[i] = xi(i, 0);  // retrieval start: sigma = xi^1
  models::StorageModel model(xi, o.P, models::Interaction::distinct_indices, start);
  const engine::Glauber rule{o.beta};
  engine::SiteOrder order(o.N, o.order);

  std::printf("# bench_storage: P=%d alpha=%g N=%lld K=%lld beta=%g sweeps=%lld warmup=%lld reps=%d exact=%d\n",
              o.P, o.alpha, static_cast<long long>(o.N), static_cast<long long>(K), o.beta,
              static_cast<long long>(o.sweeps), static_cast<long long>(o.warmup), o.reps, model.exact_arithmetic());
  for (std::int64_t s = 0; s < o.warmup; ++s) engine::sweep(model, rule, order, rng);

  std::vector<double> rates;
  std::int64_t attempted = 0, accepted = 0;
  for (int r = 0; r < o.reps; ++r) {
    std::int64_t acc = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t s = 0; s < o.sweeps; ++s) acc += engine::sweep(model, rule, order, rng);
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    const double flips = static_cast<double>(o.sweeps * o.N);
    rates.push_back(static_cast<double>(K) * flips / dt.count());
    attempted += o.sweeps * o.N;
    accepted += acc;
    std::printf("rep %d: %.4f s  %.4g pattern-updates/s  acceptance %.4g  m1 %.4f\n", r, dt.count(), rates.back(),
                static_cast<double>(acc) / flips, model.mattis(0));
  }
  const auto [lo, hi] = std::minmax_element(rates.begin(), rates.end());
  std::printf("RESULT impl=cpp N=%lld K=%lld beta=%g median=%.4g min=%.4g max=%.4g acceptance=%.4g m1=%.4f\n",
              static_cast<long long>(o.N), static_cast<long long>(K), o.beta, median(rates), *lo, *hi,
              static_cast<double>(accepted) / static_cast<double>(attempted), model.mattis(0));
  if (!model.overlaps_consistent()) {
    std::fprintf(stderr, "bench_storage: integer overlaps drifted from the spins\n");
    return 1;
  }
  return 0;
}
