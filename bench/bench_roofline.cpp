// The roofline of the storage model's flip sum (docs/performance.md, "Roofline").
//
// Measures, on this machine and in the kernel variant the process runs (HEBBMC_KERNELS chooses):
//  1. STREAM-like bandwidths at working sets from L1 to DRAM: "read" sums an int32 array (the flip
//     sum only reads during a proposal), "triad" is STREAM's a = b + 3 c in doubles (24 bytes per
//     element counted, as STREAM does);
//  2. the flip sum alone, models::storage_kernels::sum_odd (eq. H5 of docs/hamiltonian.md), over
//     the rows of an N x K int8 pattern matrix visited in a random order, as one sweep of the chain
//     visits the sites, with the K odd parts g_mu = h_odd(M_mu) fixed: pattern-updates per second
//     without the chain's per-proposal cost (random numbers, exp, site order, accepted flips);
//  3. the same kernel on a working set that fits in L1, the compute ceiling of this code.
// Per pattern-update the kernel reads 1 byte of xi and 8 bytes of the odd part g = h_odd(M) the
// model keeps per pattern and does 1 int->double conversion, 1 multiplication and 1 addition
// (counted from storage_kernels.hpp). Prints BANDWIDTH and KERNEL lines; docs/performance.md
// turns them into bounds.
//
// Usage: bench_roofline [--reps 5] [--seconds 0.3]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "engine/kernel_variant.hpp"
#include "models/storage_kernels.hpp"

using namespace hebbmc;

namespace {

/// Median of a small sample (mean of the two middle values for even sizes).
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// Median over `reps` of (work units per second) of `pass`, each repetition repeating it for about
/// `seconds`; `pass` returns the work units it did and a value kept alive through `sink`.
template <class Pass>
double rate(int reps, double seconds, Pass&& pass, double& sink) {
  using clock = std::chrono::steady_clock;
  std::vector<double> rates;
  for (int r = 0; r < reps + 1; ++r) {  // the first repetition only warms caches and clocks
    double work = 0;
    const auto t0 = clock::now();
    std::chrono::duration<double> dt{};
    do {
      const auto [units, value] = pass();
      work += units;
      sink += value;
      dt = clock::now() - t0;
    } while (dt.count() < seconds);
    if (r > 0) rates.push_back(work / dt.count());
  }
  return median(rates);
}

/// Bytes per second of the read and triad kernels over a working set of `bytes`.
void bandwidth(std::size_t bytes, int reps, double seconds, double& sink) {
  const engine::KernelVariant v = engine::active_variant();
  std::vector<std::uint32_t> a(std::max<std::size_t>(bytes / 4, 16), 1u);
  auto read = [&] {
    return engine::in_variant(v, [&] {
      // 32 partial sums (four AVX2 vectors): a single vector accumulator would measure the
      // latency of its adds, not the bandwidth of the loads.
      std::uint32_t s[32] = {};
      const std::uint32_t* p = a.data();
      const std::size_t n = a.size() / 32 * 32;
      for (std::size_t i = 0; i < n; i += 32)
        for (int j = 0; j < 32; ++j) s[j] += p[i + j];
      return std::pair<double, double>(4.0 * double(n), double(std::accumulate(s, s + 32, 0u)));
    });
  };
  const double read_bw = rate(reps, seconds, read, sink);
  const std::size_t n = std::max<std::size_t>(bytes / 24, 16);
  std::vector<double> x(n, 0.0), y(n, 1.0), z(n, 2.0);
  auto triad = [&] {
    return engine::in_variant(v, [&] {
      double* __restrict xp = x.data();
      const double* __restrict yp = y.data();
      const double* __restrict zp = z.data();
#pragma omp simd
      for (std::size_t i = 0; i < n; ++i) xp[i] = yp[i] + 3.0 * zp[i];
      return std::pair<double, double>(24.0 * double(n), xp[n / 2]);
    });
  };
  const double triad_bw = rate(reps, seconds, triad, sink);
  std::printf("BANDWIDTH bytes=%zu read_GBps=%.1f triad_GBps=%.1f\n", bytes, read_bw / 1e9, triad_bw / 1e9);
}

/// Pattern-updates per second of sum_odd over an N x K pattern matrix, rows in a random order; D = P - 1
/// only sets the odd parts' values (the cost per pattern does not depend on P).
template <int D>
void kernel(const char* label, std::int64_t N, std::int64_t K, int reps, double seconds, double& sink) {
  std::mt19937_64 gen(1);
  std::vector<std::int8_t> xi(static_cast<std::size_t>(N * K));
  for (auto& e : xi) e = (gen() & 1) ? 1 : -1;
  std::vector<std::int32_t> M(static_cast<std::size_t>(K));
  for (auto& m : M) m = static_cast<std::int32_t>(gen() % (2 * N + 1)) - static_cast<std::int32_t>(N);
  std::vector<double> c(D + 1);
  for (int l = 0; l <= D; ++l) c[l] = 1.0 / (1.0 + l);  // any finite coefficients: the cost is the same
  std::vector<double> g(static_cast<std::size_t>(K));   // the odd parts the model keeps beside M
  for (std::int64_t mu = 0; mu < K; ++mu) g[mu] = models::storage_kernels::odd_part<D>(M[mu], c.data());
  std::vector<std::int64_t> rows(static_cast<std::size_t>(N));
  std::iota(rows.begin(), rows.end(), 0);
  std::shuffle(rows.begin(), rows.end(), gen);
  const engine::KernelVariant v = engine::active_variant();
  auto pass = [&] {
    return engine::in_variant(v, [&] {
      double s = 0;
      for (const std::int64_t k : rows) s += models::storage_kernels::sum_odd(&xi[k * K], g.data(), K);
      return std::pair<double, double>(double(N) * double(K), s);
    });
  };
  const double r = rate(reps, seconds, pass, sink);
  std::printf("KERNEL case=%s P=%d N=%lld K=%lld xi_bytes=%lld g_bytes=%lld bytes_per_update=9 "
              "muls_per_update=1 pattern_updates_per_s=%.4g\n",
              label, D + 1, static_cast<long long>(N), static_cast<long long>(K), static_cast<long long>(N * K),
              static_cast<long long>(8 * K), r);
}

}  // namespace

/// Prints the bandwidths of the memory hierarchy and the flip sum's rates at the sizes.
int main(int argc, char** argv) {
  int reps = 5;
  double seconds = 0.3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--reps") reps = std::atoi(argv[i + 1]);
    else if (key == "--seconds") seconds = std::atof(argv[i + 1]);
    else { std::fprintf(stderr, "usage: %s [--reps r] [--seconds s]\n", argv[0]); return 2; }
  }
  if (argc % 2 == 0 || reps < 1 || !(seconds > 0)) {
    std::fprintf(stderr, "usage: %s [--reps r >= 1] [--seconds s > 0]\n", argv[0]);
    return 2;
  }
  std::printf("# bench_roofline: kernels=%s reps=%d seconds=%g\n", engine::name(engine::active_variant()), reps,
              seconds);
  double sink = 0;
  for (const std::size_t kib : {16, 256, 2048, 16384, 1 << 20}) bandwidth(kib * 1024, reps, seconds, sink);
  kernel<3>("P4_L1", 8, 1024, reps, seconds, sink);  // xi 8 KiB and g 8 KiB: the compute ceiling
  kernel<3>("P4_N100", 100, 10000, reps, seconds, sink);
  kernel<3>("P4_N200", 200, 80000, reps, seconds, sink);
  kernel<3>("P4_N400", 400, 640000, reps, seconds, sink);
  kernel<1>("P2_N10000", 10000, 1000, reps, seconds, sink);
  std::printf("# checksum %g\n", sink);  // keeps every pass observable
  return 0;
}
