#!/usr/bin/env bash
# Cost of a point's bookkeeping (writing its group, its /summary row, its checkpoint), measured on
# sweeps of tiny points (N = 8, one sample, one replica, one sweep each) whose Monte Carlo costs
# nothing: the wall time per point must not grow with the number of points.
# Usage: bench/tiny_points.sh [HEBBMC] [POINTS...]   (default build/hebbmc; 1000 10000 100000)
# Prints one line per sweep: points, wall seconds, milliseconds per point, file size.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hebbmc="$(realpath "${1:-$root/build/hebbmc}")"; shift || true
counts=("$@"); ((${#counts[@]})) || counts=(1000 10000 100000)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
for n in "${counts[@]}"; do
  "$root/bench/tiny_sweep.sh" "$n" > tiny.toml
  start=$(date +%s.%N)
  "$hebbmc" run tiny.toml -q --force -j 2
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" -v b="$(stat -c %s tiny.h5)" \
    'BEGIN { printf "RESULT points=%d seconds=%.1f ms_per_point=%.2f file_MB=%.0f\n", n, e - s, 1000 * (e - s) / n, b / 1e6 }'
  rm -rf tiny.h5 tiny.h5.checkpoints
done
