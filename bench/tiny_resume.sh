#!/usr/bin/env bash
# Long sweeps of tiny points (issue 11 item 6): peak memory of a whole run, and how fast
# `hebbmc run --resume` starts again after the run was killed (SIGKILL) half way. Same tiny points
# as bench/tiny_points.sh (N = 8, one sample, one replica, one sweep each).
# Usage: bench/tiny_resume.sh [HEBBMC] [POINTS...]   (default build/hebbmc; 1000 10000 100000)
# Prints per sweep size two lines:
#   RESULT run    points= seconds= ms_per_point= peak_rss_MB=      (uninterrupted, /usr/bin/time -v)
#   RESULT resume points= killed_at= startup_s= first_point_s= seconds= peak_rss_MB=
# startup_s: from the start of `--resume` to its line "resuming ...: n of m points to finish" (the
# file is open, checked and the plan made); first_point_s: to the first point it writes (the
# progress line that follows it at once, runs/driver/progress.cpp); seconds: to its end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hebbmc="$(realpath "${1:-$root/build/hebbmc}")"; shift || true
counts=("$@"); ((${#counts[@]})) || counts=(1000 10000 100000)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
now() { date +%s.%N; }
peak_mb() { awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$1"; }

for n in "${counts[@]}"; do
  "$root/bench/tiny_sweep.sh" "$n" > tiny.toml
  # 1. The whole sweep in one go.
  start=$(now)
  /usr/bin/time -v -o time.txt "$hebbmc" run tiny.toml -q --force -j 2
  end=$(now)
  awk -v n="$n" -v s="$start" -v e="$end" -v m="$(peak_mb time.txt)" \
    'BEGIN { printf "RESULT run    points=%d seconds=%.1f ms_per_point=%.2f peak_rss_MB=%d\n", n, e - s, 1000 * (e - s) / n, m }'
  rm -rf tiny.h5 tiny.h5.checkpoints tiny.h5.lock

  # 2. The same sweep killed (SIGKILL) once its progress line (one every 0.2 s) reports half of the work done.
  "$hebbmc" run tiny.toml --force -j 2 --progress-every 0.2 2> kill.log &
  pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    if awk '/^progress:/ { if ($2 + 0 >= 50) found = 1 } END { exit !found }' kill.log; then
      kill -KILL "$pid"
      break
    fi
    sleep 0.05
  done
  wait "$pid" 2> /dev/null || true
  killed_at=$(awk '/^progress:/ { p = $4 } END { print p }' kill.log)

  # 3. --resume, each stderr line stamped on arrival.
  start=$(now)
  startup="" first=""
  while IFS= read -r line; do
    t=$(now)
    if [[ -z "$startup" && "$line" == "hebbmc: resuming"* ]]; then startup=$t; fi
    if [[ -n "$startup" && -z "$first" && "$line" == progress:* && "$line" != *" points 0/"* ]]; then first=$t; fi
  done < <(/usr/bin/time -v -o time.txt "$hebbmc" run tiny.toml --resume -j 2 2>&1 >/dev/null)
  end=$(now)
  awk -v n="$n" -v k="$killed_at" -v s="$start" -v u="$startup" -v f="$first" -v e="$end" -v m="$(peak_mb time.txt)" \
    'BEGIN { printf "RESULT resume points=%d killed_at=%s startup_s=%.2f first_point_s=%.2f seconds=%.1f peak_rss_MB=%d\n",
             n, k, u - s, f - s, e - s, m }'
  rm -rf tiny.h5 tiny.h5.checkpoints tiny.h5.lock
done
