#!/usr/bin/env bash
# A killed run loses nothing and resumes bit-identically (docs/checkpoints.md):
#  1. SIGKILL at several random moments (each resume may itself be killed), then --resume until
#     done: every dataset equals the uninterrupted run's.
#  2. SIGTERM: the run checkpoints, exits 130, and --resume finishes it identically.
#  3. A truncated (damaged) output file is rebuilt from the checkpoints, identically.
#  4. A damaged checkpoint is reported and its sample restarts from sweep 0, identically.
#  5. Refusals (exit 2): resuming from another parameter file without --force, resuming nothing.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
params="$src/tests/cli/resume.toml"
fail=0
start=$(date +%s.%N)
"$hebbmc" run "$params" -o ref.h5 -q -j 2 || exit 1
full=$(echo "$(date +%s.%N) - $start" | bc)
echo "uninterrupted run: ${full}s"

# 1. Random SIGKILLs. Delays are drawn uniformly in (0.1, 0.9) x the uninterrupted time and printed.
for trial in 1 2 3; do
  rm -rf k.h5 k.h5.checkpoints
  args=(run "$params" -o k.h5 -q -j 2 --checkpoint-every 0.2)
  kills=0
  for attempt in 1 2 3 4 5 6 7 8; do
    "$hebbmc" "${args[@]}" & pid=$!
    if (( attempt <= 2 )); then
      delay=$(/usr/bin/python3 -c "import random; print(round(random.uniform(0.1, 0.9) * $full, 2))")
      sleep "$delay"
      if kill -9 "$pid" 2> /dev/null; then kills=$((kills + 1)); echo "trial $trial: SIGKILL after ${delay}s"; fi
    fi
    wait "$pid"; rc=$?
    [[ $rc -eq 0 ]] && break
    args=(run "$params" -o k.h5 -q -j 2 --checkpoint-every 0.2 --resume)
  done
  [[ $rc -eq 0 ]] || { echo "FAIL: trial $trial did not finish (exit $rc)"; fail=1; continue; }
  [[ -e k.h5.checkpoints ]] && { echo "FAIL: checkpoints left after a complete run"; fail=1; }
  cmp ref.h5 k.h5 || { echo "FAIL: trial $trial ($kills kills) differs from the uninterrupted run"; fail=1; }
done

# 2. SIGTERM: checkpoint, exit 130, resume.
rm -rf t.h5 t.h5.checkpoints
"$hebbmc" run "$params" -o t.h5 -q -j 2 --checkpoint-every 1000 & pid=$!
sleep "$(echo "$full * 0.4" | bc)"; kill -TERM "$pid"; wait "$pid"; rc=$?
if [[ $rc -eq 0 ]]; then echo "note: run finished before SIGTERM"; else
  [[ $rc -eq 130 ]] || { echo "FAIL: SIGTERM gave exit $rc, expected 130"; fail=1; }
  "$hebbmc" run "$params" -o t.h5 -q -j 1 --resume || { echo "FAIL: resume after SIGTERM"; fail=1; }
fi
cmp ref.h5 t.h5 || { echo "FAIL: SIGTERM + resume differs"; fail=1; }

# 3. Damaged output: kill, truncate the HDF5 file to half, resume rebuilds it from the checkpoints.
# Killed once a checkpoint exists (polling, as in step 4): a run that finished before a fixed
# delay leaves no checkpoints, and a truncated file without them is rightly refused.
for attempt in 1 2 3; do
  rm -rf d.h5 d.h5.checkpoints
  "$hebbmc" run "$params" -o d.h5 -q -j 2 --checkpoint-every 0.2 & pid=$!
  while kill -0 "$pid" 2> /dev/null && ! compgen -G 'd.h5.checkpoints/*.ckpt' > /dev/null; do sleep 0.05; done
  sleep "$(echo "$full * 0.2" | bc)"  # let the file grow past its first points
  kill -9 "$pid" 2> /dev/null; wait "$pid"
  compgen -G 'd.h5.checkpoints/*.ckpt' > /dev/null && break
done
truncate -s $(( $(stat -c %s d.h5) / 2 )) d.h5
"$hebbmc" run "$params" -o d.h5 -j 2 --resume 2> err.txt; rc=$?
[[ $rc -eq 0 ]] || { echo "FAIL: resume of a truncated file exited $rc"; cat err.txt; fail=1; }
grep -q "damaged" err.txt || { echo "FAIL: no 'damaged' message for a truncated file"; cat err.txt; fail=1; }
cmp ref.h5 d.h5 || { echo "FAIL: rebuilt file differs"; fail=1; }

# 4. Damaged checkpoints: overwrite bytes in the middle of each; those samples restart from sweep 0.
# Kill as soon as a checkpoint exists (polling, not a fixed delay: under sanitizers and load the
# run's speed varies tenfold); retry if the run happened to remove them all before the kill.
for attempt in 1 2 3; do
  rm -rf c.h5 c.h5.checkpoints
  "$hebbmc" run "$params" -o c.h5 -q -j 2 --checkpoint-every 0.2 & pid=$!
  while kill -0 "$pid" 2> /dev/null && ! compgen -G 'c.h5.checkpoints/*.ckpt' > /dev/null; do sleep 0.05; done
  kill -9 "$pid" 2> /dev/null; wait "$pid"
  compgen -G 'c.h5.checkpoints/*.ckpt' > /dev/null && break
done
compgen -G 'c.h5.checkpoints/*.ckpt' > /dev/null || { echo "FAIL: no checkpoint to damage after 3 attempts"; fail=1; }
for victim in c.h5.checkpoints/*.ckpt; do
  printf 'garbage!' | dd of="$victim" bs=1 seek=100 conv=notrunc status=none
done
"$hebbmc" run "$params" -o c.h5 -j 2 --resume 2> err.txt; rc=$?
[[ $rc -eq 0 ]] || { echo "FAIL: resume with a damaged checkpoint exited $rc"; cat err.txt; fail=1; }
grep -q "checksum" err.txt || { echo "FAIL: damaged checkpoint not reported"; cat err.txt; fail=1; }
cmp ref.h5 c.h5 || { echo "FAIL: run with a restarted sample differs"; fail=1; }

# 5. Refusals before any work.
sed 's/seed = 11/seed = 12/' "$params" > other.toml
cp ref.h5 o.h5
"$hebbmc" run other.toml -o o.h5 -q --resume 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "different parameter file" err.txt || { echo "FAIL: other parameter file: exit $rc"; cat err.txt; fail=1; }
"$hebbmc" run "$params" -o nothing.h5 -q --resume 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "nothing to resume" err.txt || { echo "FAIL: resume of nothing: exit $rc"; cat err.txt; fail=1; }
"$hebbmc" run "$params" -o ref.h5 -q --resume || { echo "FAIL: resuming a complete run should do nothing and succeed"; fail=1; }
exit $fail
