#!/usr/bin/env bash
# One writer per output (docs/checkpoints.md, "One writer"): while a `hebbmc run` writes an
# output, a second `run` (also with --force), `run --resume` and `theory` on the same output
# refuse at once with exit 2, naming the other process (pid and host), and change nothing; two
# runs started in the same instant give exactly one writer. A writer killed with SIGKILL leaves
# its lock file behind: the next `--resume` takes it over and finishes bit-identically.
#   usage: test_two_writers.sh HEBBMC SRC
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
params="$src/tests/cli/resume.toml"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
"$hebbmc" run "$params" -o ref.h5 -q -j 2 || { echo "FAIL: uninterrupted run"; exit 1; }
[[ -e ref.h5.lock ]] && { echo "FAIL: a finished run left its lock file"; exit 1; }
fail=0
host=$(hostname)

# 1. A live writer; the others refuse.
"$hebbmc" run "$params" -o w.h5 -q -j 1 --checkpoint-every 0.2 & first=$!
while kill -0 "$first" 2> /dev/null && ! compgen -G 'w.h5.checkpoints/*.ckpt' > /dev/null; do sleep 0.02; done
kill -0 "$first" 2> /dev/null || { echo "FAIL: the first run ended before the test could start"; exit 1; }
for args in "run --force" "run --resume" "run --resume --force" "run" "theory --force" "theory"; do
  start=$(date +%s.%N)
  read -ra words <<< "$args"
  "$hebbmc" "${words[0]}" "$params" -o w.h5 -q "${words[@]:1}" 2> err.txt; rc=$?
  took=$(echo "$(date +%s.%N) - $start" | bc)
  if [[ $rc -eq 2 ]] && grep -q "pid $first on host $host" err.txt; then
    echo "second 'hebbmc $args' while pid $first writes: exit 2 in ${took}s: $(grep -o 'is being written.*--force' err.txt)"
  else
    echo "FAIL: second 'hebbmc $args': exit $rc"; cat err.txt; fail=1
  fi
done
kill -0 "$first" 2> /dev/null || echo "note: the first run ended during the refusals"

# 2. SIGKILL the writer: the lock file stays, its lock is gone; --resume takes it over.
kill -9 "$first" 2> /dev/null; wait "$first" 2> /dev/null
[[ -s w.h5.lock ]] && echo "after SIGKILL: w.h5.lock holds '$(cat w.h5.lock)'"
"$hebbmc" run "$params" -o w.h5 -j 2 --resume 2> resume.txt; rc=$?
if [[ $rc -eq 0 ]] && same=$(cmp ref.h5 w.h5); then
  echo "resume after SIGKILL: exit 0, $(grep -o 'taking over.*' resume.txt || echo 'no stale lock to take over'), $same"
else
  echo "FAIL: resume after SIGKILL: exit $rc"; cat resume.txt; fail=1
fi
[[ -e w.h5.lock ]] && { echo "FAIL: lock file left after the resumed run"; fail=1; }

# 3. Two writers started in the same instant (three rounds): one writes, the other refuses.
for round in 1 2 3; do
  rm -rf same.h5 same.h5.checkpoints
  "$hebbmc" run "$params" -o same.h5 -q -j 1 --force 2> a.txt & a=$!
  "$hebbmc" run "$params" -o same.h5 -q -j 1 --force 2> b.txt & b=$!
  wait "$a"; ra=$?; wait "$b"; rb=$?
  codes=$(printf '%s\n' "$ra" "$rb" | sort | tr '\n' ' ')
  if [[ $codes == "0 2 " ]] && cat a.txt b.txt | grep -q "is being written by another hebbmc" && cmp ref.h5 same.h5 > /dev/null; then
    echo "round $round: two runs at once: exits $ra and $rb, the written file equals the uninterrupted run"
  else
    echo "FAIL: round $round: exits $ra and $rb"; cat a.txt b.txt; fail=1
  fi
done
exit $fail
