#!/usr/bin/env bash
# Runs the benchmark tables of bench/README.md: the storage table (native and default C++ builds and
# the NumPy baseline, back to back for each (N, beta)), the learning table (exact unsupervised vs
# Plefka mode, P = 4, N = 200, K = 10, M = 10, 50, 200, both builds) and the time to an error bar
# on m against the authors' synchronous NumPy/BLAS chain (P = 4, N = 200, alpha = 0.01, default build).
# Usage: bench/run_all.sh [REPS] [all|storage|learning|blas]
# Build directories: $HEBBMC_BENCH_BUILD-native and $HEBBMC_BENCH_BUILD-default (default prefix: build-bench).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
reps="${1:-7}"
what="${2:-all}"
prefix="${HEBBMC_BENCH_BUILD:-$root/build-bench}"
[[ $what =~ ^(all|storage|learning|blas)$ ]] || { echo "usage: $0 [REPS] [all|storage|learning|blas]" >&2; exit 2; }
for flavour in native default; do
  flag=OFF; [[ $flavour == native ]] && flag=ON
  cmake -S "$root" -B "$prefix-$flavour" -DCMAKE_BUILD_TYPE=Release -DHEBBMC_NATIVE=$flag \
    -DHEBBMC_BUILD_TESTS=OFF > /dev/null
  cmake --build "$prefix-$flavour" --target bench_storage bench_learning hebbmc -j "$(nproc)" > /dev/null
done
lscpu | grep -E "Model name|^CPU\(s\)" ; uptime
log=$(mktemp); trap 'rm -f "$log"' EXIT
"$prefix-default/hebbmc" --version 2>/dev/null | grep kernels || true
{
declare -A S=([100]=4000 [200]=250 [400]=16) s=([100]=200 [200]=12 [400]=1)
[[ $what == all || $what == storage ]] && for N in 100 200 400; do
  for beta in 30 1; do
    for flavour in native default; do
      "$prefix-$flavour/bench/bench_storage" --N $N --beta $beta --sweeps ${S[$N]} \
        --warmup $((S[$N] / 4)) --reps "$reps" | grep RESULT | sed "s/^/$flavour /"
    done
    /usr/bin/python3 "$root/bench/numpy_baseline.py" --N $N --beta $beta --sweeps ${s[$N]} --warmup 1 \
      --reps "$reps" | grep RESULT | sed "s/^/numpy /"
  done
done
# Learning: exact unsupervised (O(K M) per flip) vs Plefka mode (O(K)), same data, start and stream.
[[ $what == all || $what == learning ]] && for M in 10 50 200; do
  for flavour in native default; do
    "$prefix-$flavour/bench/bench_learning" --N 200 --K 10 --M $M --reps "$reps" | grep -E "RESULT|SPEEDUP" |
      sed "s/^/$flavour /"
  done
done
# Time to the error 1e-3 on <m_1>, hebbmc's sequential chain vs the synchronous NumPy/BLAS chain.
[[ $what == all || $what == blas ]] && for beta in 1 30; do
  /usr/bin/python3 "$root/bench/numpy_parallel_baseline.py" "$prefix-default/hebbmc" --beta $beta --updates 1000 \
    --warmup 100 --reps "$reps" | sed "s/^/blas /"
done
true
} | tee "$log"
uptime
# Ratios of medians, row by row: default / native (target >= 0.9) and each C++ build / NumPy.
awk '
  / RESULT impl=/ { n = split($0, f, " "); key = ""; med = 0
    for (i = 1; i <= n; i++) { if (f[i] ~ /^N=/ || f[i] ~ /^beta=/) key = key " " f[i]; if (f[i] ~ /^median=/) med = substr(f[i], 8) }
    v[f[1], key] = med; keys[key] = 1 }
  END { for (k in keys) if (v["native", k] > 0)
    printf "RATIO storage%s default/native=%.2f native/numpy=%.1f default/numpy=%.1f\n", k,
      v["default", k] / v["native", k], v["native", k] / v["numpy", k], v["default", k] / v["numpy", k] }
' "$log" | sort -t= -k2,2n -k3,3nr
