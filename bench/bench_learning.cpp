// Throughput of the unsupervised learning model: exact evaluation (O(K M) per flip, docs/learning.md
// eq. L6) against the Plefka mode (O(K) per flip, eqs. L9-L11), in attempted flips per second.
//
// Both chains are the production ones: engine::sweep with engine::Glauber over
// models::UnsupervisedModel and models::PlefkaModel, on the same data (archetypes and examples of
// one disorder sample), from the same start (archetype 1) and with the same dynamics stream seed,
// single thread, distinct indices. Acceptance and the final m_1 are printed because an accepted flip
// costs a second pass (the overlap update) and because the exact chain at small M can fall onto an
// example (docs/learning.md, "Example retrieval"), which changes the acceptance.
//
// Timing: wall clock (the metric of bench_storage) and this thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID): on a shared, loaded machine the wall-clock rate also measures how much of
// a core the scheduler gave the process; the CPU-time rate does not (cache sharing still affects it).
//
// Usage: bench_learning [--N 200] [--P 4] [--K 10] [--M 50] [--r 0.4] [--beta 30] [--sweeps S]
//                       [--warmup W] [--reps 7] [--seed 1]
// Prints one line per repetition and model, then
//   RESULT model=exact|plefka N= K= M= beta= median= min= max= cpu_median= acceptance= m1=
//   SPEEDUP M= plefka/exact= cpu=   (ratios of the wall-clock and of the CPU-time medians)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/rng.hpp"
#include "engine/spins.hpp"
#include "engine/sweep.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/plefka.hpp"
#include "models/unsupervised.hpp"

using namespace hebbmc;

namespace {

/// Benchmark parameters, all settable from the command line.
struct Options {
  std::int64_t N = 200;      ///< number of neurons
  int P = 4;                 ///< interaction order
  std::int64_t K = 10;       ///< archetypes (low storage)
  int M = 50;                ///< examples per archetype
  double r = 0.4;            ///< example quality
  double beta = 30.0;        ///< inverse temperature ("inf" allowed)
  std::int64_t sweeps = -1;  ///< timed sweeps per repetition (-1: about 0.5 s of the exact chain)
  std::int64_t warmup = -1;  ///< untimed sweeps before the first repetition (-1: sweeps / 4)
  int reps = 7;              ///< timed repetitions
  std::uint64_t seed = 1;    ///< seed of the pattern, example and dynamics streams
};

/// Parses `--name value` pairs; exits with a usage message on anything else.
Options parse(int argc, char** argv) {
  Options o;
  auto usage = [&](const std::string& why) {
    std::fprintf(stderr,
                 "%s\nusage: %s [--N n] [--P p] [--K k] [--M m] [--r r] [--beta b] [--sweeps s] [--warmup w]"
                 " [--reps r] [--seed s]\n",
                 why.c_str(), argv[0]);
    std::exit(2);
  };
  for (int i = 1; i < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "-h" || key == "--help") usage("attempted flips per second: exact unsupervised vs Plefka mode");
    if (i + 1 >= argc) usage("missing value for " + key);
    const std::string v = argv[i + 1];
    try {
      if (key == "--N") o.N = std::stoll(v);
      else if (key == "--P") o.P = std::stoi(v);
      else if (key == "--K") o.K = std::stoll(v);
      else if (key == "--M") o.M = std::stoi(v);
      else if (key == "--r") o.r = std::stod(v);
      else if (key == "--beta") o.beta = (v == "inf") ? std::numeric_limits<double>::infinity() : std::stod(v);
      else if (key == "--sweeps") o.sweeps = std::stoll(v);
      else if (key == "--warmup") o.warmup = std::stoll(v);
      else if (key == "--reps") o.reps = std::stoi(v);
      else if (key == "--seed") o.seed = std::stoull(v);
      else usage("unknown flag " + key);
    } catch (const std::logic_error&) {
      usage("bad value '" + v + "' for " + key);
    }
  }
  if (o.N < 2 || o.K < 1 || o.M < 1 || o.reps < 1 || o.sweeps == 0 || !(o.r >= 0 && o.r <= 1))
    usage("need N >= 2, K >= 1, M >= 1, r in [0, 1], reps >= 1, sweeps >= 1");
  return o;
}

/// Median of a small sample (mean of the two middle values for even sizes).
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// Mattis magnetization of archetype 1 in the current configuration.
double m1(const models::Patterns& xi, const engine::Spins& s) {
  double sum = 0;
  for (std::int64_t i = 0; i < xi.N(); ++i) sum += xi(i, 0) * s[i];
  return sum / static_cast<double>(xi.N());
}

/// CPU time of the calling thread in seconds.
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// Median attempted flips per wall-clock second and per CPU second of one model's chain, printing each
/// repetition and the RESULT line.
template <class Model>
std::pair<double, double> run(const char* name, Model& model, const models::Patterns& xi, const Options& o) {
  const engine::Glauber rule{o.beta};
  engine::SiteOrder order(o.N, engine::SweepOrder::random_permutation);
  engine::Stream rng({o.seed, 0, 0, 0, engine::Purpose::dynamics});  // same stream for both models
  for (std::int64_t s = 0; s < o.warmup; ++s) engine::sweep(model, rule, order, rng);
  std::vector<double> rates, cpu_rates;
  std::int64_t attempted = 0, accepted = 0;
  for (int r = 0; r < o.reps; ++r) {
    std::int64_t acc = 0;
    const double c0 = thread_cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t s = 0; s < o.sweeps; ++s) acc += engine::sweep(model, rule, order, rng);
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    const double cpu = thread_cpu_seconds() - c0;
    const double flips = static_cast<double>(o.sweeps * o.N);
    rates.push_back(flips / dt.count());
    cpu_rates.push_back(flips / cpu);
    attempted += o.sweeps * o.N;
    accepted += acc;
    std::printf("%s rep %d: %.4f s (cpu %.4f s)  %.4g flips/s (cpu %.4g)  acceptance %.4g  m1 %.4f\n", name, r, dt.count(),
                cpu, rates.back(), cpu_rates.back(), static_cast<double>(acc) / flips, m1(xi, model.spins()));
  }
  const auto [lo, hi] = std::minmax_element(rates.begin(), rates.end());
  std::printf("RESULT model=%s N=%lld K=%lld M=%d beta=%g median=%.4g min=%.4g max=%.4g cpu_median=%.4g acceptance=%.4g "
              "m1=%.4f\n",
              name, static_cast<long long>(o.N), static_cast<long long>(o.K), o.M, o.beta, median(rates), *lo, *hi,
              median(cpu_rates), static_cast<double>(accepted) / static_cast<double>(attempted), m1(xi, model.spins()));
  if (!model.overlaps_consistent()) {
    std::fprintf(stderr, "bench_learning: %s: integer overlaps drifted from the spins\n", name);
    std::exit(1);
  }
  return {median(rates), median(cpu_rates)};
}

}  // namespace

/// Draws one data set, times the exact and the Plefka chains on it, prints the speed-up.
int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  // Default length: ~0.5 s of the exact chain, assuming ~1e9 example-updates/s (K M per attempted flip).
  if (o.sweeps < 0) o.sweeps = std::max<std::int64_t>(1, std::llround(5e8 / (double(o.K) * o.M * double(o.N))));
  if (o.warmup < 0) o.warmup = std::max<std::int64_t>(1, o.sweeps / 4);

  engine::Stream pattern_rng({o.seed, 0, 0, 0, engine::Purpose::patterns});
  const models::Patterns xi = models::draw_patterns(o.N, o.K, 0.0, pattern_rng);
  const models::Examples data = models::draw_examples(xi, o.M, o.r, o.seed, 0);
  engine::Spins start(static_cast<std::size_t>(o.N));
  for (std::int64_t i = 0; i < o.N; ++i) start[i] = xi(i, 0);  // archetype 1
  models::UnsupervisedModel exact(data, o.P, models::Interaction::distinct_indices, start);
  models::PlefkaModel plefka(data, o.P, models::Interaction::distinct_indices, start);

  std::printf("# bench_learning: P=%d N=%lld K=%lld M=%d r=%g rho=%g beta=%g sweeps=%lld warmup=%lld reps=%d exact=%d\n",
              o.P, static_cast<long long>(o.N), static_cast<long long>(o.K), o.M, o.r, data.rho(), o.beta,
              static_cast<long long>(o.sweeps), static_cast<long long>(o.warmup), o.reps, exact.exact_arithmetic());
  const auto [exact_wall, exact_cpu] = run("exact", exact, xi, o);
  const auto [plefka_wall, plefka_cpu] = run("plefka", plefka, xi, o);
  std::printf("SPEEDUP M=%d plefka/exact=%.3g cpu=%.3g (target M/2 = %.3g)\n", o.M, plefka_wall / exact_wall,
              plefka_cpu / exact_cpu, 0.5 * o.M);
  return 0;
}
