#!/usr/bin/env bash
# Runs the storage benchmark table of bench/README.md: native and default C++ builds and the
# NumPy baseline, back to back for each (N, beta). Usage: bench/run_all.sh [REPS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
reps="${1:-7}"
for flavour in native default; do
  flag=OFF; [[ $flavour == native ]] && flag=ON
  cmake -S "$root" -B "$root/build-bench-$flavour" -DCMAKE_BUILD_TYPE=Release -DHEBBMC_NATIVE=$flag \
    -DHEBBMC_BUILD_TESTS=OFF > /dev/null
  cmake --build "$root/build-bench-$flavour" --target bench_storage -j "$(nproc)" > /dev/null
done
lscpu | grep -E "Model name|^CPU\(s\)" ; uptime
declare -A S=([100]=4000 [200]=250 [400]=16) s=([100]=200 [200]=12 [400]=1)
for N in 100 200 400; do
  for beta in 30 1; do
    for flavour in native default; do
      "$root/build-bench-$flavour/bench/bench_storage" --N $N --beta $beta --sweeps ${S[$N]} \
        --warmup $((S[$N] / 4)) --reps "$reps" | grep RESULT | sed "s/^/$flavour /"
    done
    /usr/bin/python3 "$root/bench/numpy_baseline.py" --N $N --beta $beta --sweeps ${s[$N]} --warmup 1 \
      --reps "$reps" | grep RESULT | sed "s/^/numpy /"
  done
done
uptime
