#!/usr/bin/env bash
# Progress on a non-terminal (stderr to a file, as in a cluster job's log; runs/driver/progress.hpp):
#  1. --progress-every 0: one line per finished point, each with points done/total, elapsed, ETA;
#  2. a large S: the first point's line and the final one only;
#  3. a small S on a run of seconds: lines between points too (the run is shown alive);
#  4. -q silences it; a negative or non-numeric S exits 2 before any work.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
small="$src/tests/cli/small.toml"   # 2 points
lines() { grep -c '^progress: .*points [0-9]*/[0-9]*  elapsed [0-9hms]*  ETA [0-9hms?]*' err.txt; }

# 1. A line per point: points 1/2, then 2/2, nothing else.
"$hebbmc" run "$small" -o a.h5 -j 2 --progress-every 0 2> err.txt || { echo "FAIL: run"; exit 1; }
got=$(grep '^progress:' err.txt | sed 's/.*points \([0-9]*\/[0-9]*\).*/\1/' | tr '\n' ' ')
[[ "$got" == "1/2 2/2 " && $(lines) -eq 2 ]] || { echo "FAIL: --progress-every 0 gave points '$got':"; cat err.txt; fail=1; }

# 2. S larger than the run: the first point at once, then the final line.
rm -f a.h5
"$hebbmc" run "$small" -o a.h5 -j 2 --progress-every 1000 2> err.txt || { echo "FAIL: run"; exit 1; }
got=$(grep '^progress:' err.txt | sed 's/.*points \([0-9]*\/[0-9]*\).*/\1/' | tr '\n' ' ')
[[ "$got" == "1/2 2/2 " ]] || { echo "FAIL: --progress-every 1000 gave points '$got':"; cat err.txt; fail=1; }

# 3. S = 0.2 s on one thread (about 10 s for 3 points): lines while no point finishes.
"$hebbmc" run "$src/tests/cli/resume.toml" -o b.h5 -j 1 --progress-every 0.2 2> err.txt || { echo "FAIL: run"; exit 1; }
between=$(grep -c '^progress: .*points 0/3' err.txt)
(( between >= 2 && $(lines) >= 6 )) || { echo "FAIL: --progress-every 0.2 wrote $(lines) lines, $between before the first point:"; cat err.txt; fail=1; }
tail -n 1 <(grep '^progress:' err.txt) | grep -q '100.0%  points 3/3' || { echo "FAIL: no final line 3/3"; cat err.txt; fail=1; }

# 4. -q is silent; bad S is refused.
rm -f a.h5
"$hebbmc" run "$small" -o a.h5 -j 2 -q --progress-every 0 2> err.txt || { echo "FAIL: run -q"; exit 1; }
grep -q "^progress:" err.txt && { echo "FAIL: -q printed progress:"; cat err.txt; fail=1; }
for bad in -1 abc nan; do
  "$hebbmc" run "$small" -o c.h5 --progress-every "$bad" 2> err.txt; rc=$?
  [[ $rc -eq 2 && ! -e c.h5 ]] && grep -q "progress-every" err.txt || { echo "FAIL: --progress-every $bad: exit $rc"; cat err.txt; fail=1; }
done

[[ $fail -eq 0 ]] && echo "PASS: progress"
exit $fail
