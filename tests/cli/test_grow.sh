#!/usr/bin/env bash
# Growing a finished run (docs/checkpoints.md, "Growing a finished run"): `run --resume` with
# more samples and/or sweeps continues the old chains from the final states kept in the output
# and runs the new samples, and the file equals a run made with the larger numbers from the
# start. Equality is exact (every dataset bit for bit, every non-provenance attribute), because
# the grown chain performs the same floating-point operations in the same order.
#  1. samples 2 -> 3 and sweeps 200 -> 500 by --set; then sweeps only, edited in the file; the
#     kept states are what is continued (an altered one changes the result, a damaged one restarts).
#  2. Every other change, and lowering, is refused (exit 2, the key named), the file untouched.
#  3. A learning model (supervised: its extra series are in the recorder state) grows exactly.
#  4. SIGKILL in the middle of a growth, then --resume again: still identical.
#  5. A part (--points) grows like a whole run.
#  6. A file merged from parts grows from the final states merge copied.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@" --attributes; }
base="$src/tests/cli/grow.toml"
big=(--set samples=3 --set sweeps=500)
fail=0
say() { echo "FAIL: $*"; fail=1; }

# 1. Grow by --set, compare with the large run made fresh.
"$hebbmc" run "$base" -o g.h5 -q || exit 1
cp g.h5 small.h5
"$hebbmc" run "$base" "${big[@]}" -o g.h5 --resume 2> err.txt || { say "growth exited $?"; cat err.txt; }
grep -q "growing 3 points: sweeps 200 -> 500, samples 2 -> 3" err.txt || { say "no growth message"; cat err.txt; }
"$hebbmc" run "$base" "${big[@]}" -o f.h5 -q || exit 1
cmp f.h5 g.h5 || say "grown run differs from the fresh large run"
[[ -e g.h5.checkpoints ]] && say "checkpoints left after a complete growth"
# By an edited file instead of --set: sweeps 500 -> 700 (samples stay 3).
sed -e 's/^sweeps = 200/sweeps = 700/' -e 's/^samples = 2/samples = 3/' "$base" > big.toml
sed -e 's/^sweeps = 200/sweeps = 500/' -e 's/^samples = 2/samples = 3/' "$base" > mid.toml
"$hebbmc" run mid.toml -o e.h5 -q || exit 1
"$hebbmc" run big.toml -o e.h5 --resume 2> err.txt || { say "growth of sweeps only exited $?"; cat err.txt; }
grep -q "growing 3 points: sweeps 500 -> 700$" err.txt || { say "no sweeps-only growth message"; cat err.txt; }
"$hebbmc" run big.toml -o ef.h5 -q || exit 1
cmp ef.h5 e.h5 || say "run grown by an edited file differs from the fresh run"
# Samples only: the old chains are finished already and are only read back.
cp small.h5 s.h5
"$hebbmc" run "$base" --set samples=4 -o s.h5 --resume 2> err.txt || { say "growth of samples only exited $?"; cat err.txt; }
grep -q "growing 3 points: samples 2 -> 4$" err.txt || { say "no samples-only growth message"; cat err.txt; }
"$hebbmc" run "$base" --set samples=4 -o sf.h5 -q || exit 1
cmp sf.h5 s.h5 || say "run grown in samples only differs from the fresh run"

# The grown chains really continue from the kept states (equality alone would also hold if the
# old samples were recomputed): a state altered with a valid checksum (accepted flips + 1)
# changes the grown acceptance; garbage in a state is noticed and its sample restarts, identically.
alter() {  # FILE MODE: rewrite sample 0's final state of every point (MODE: valid | garbage)
  /usr/bin/python3 - "$1" "$2" <<'PY'
import struct, sys
import h5py, numpy as np
def fnv1a(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
with h5py.File(sys.argv[1], "r+") as f:
    for g in f["points"].values():
        states = g["final_state"][()]
        b = bytearray(states[0].tobytes())
        if sys.argv[2] == "valid":  # magic 8, version 4, fingerprint, point, sample, sweeps_done: accepted at 44
            struct.pack_into("<q", b, 44, struct.unpack_from("<q", b, 44)[0] + 1)
            struct.pack_into("<Q", b, len(b) - 8, fnv1a(b[:-8]))
        else:
            b[100:108] = b"garbage!"
        states[0] = np.frombuffer(bytes(b), dtype=np.int8)
        g["final_state"][...] = states
PY
}
cp small.h5 altered.h5; alter altered.h5 valid
"$hebbmc" run "$base" "${big[@]}" -o altered.h5 -q --resume || say "growth of an altered state exited $?"
/usr/bin/python3 - altered.h5 f.h5 <<'PY' || say "an altered final state did not change the grown run: the states are not continued"
import sys, h5py
with h5py.File(sys.argv[1]) as a, h5py.File(sys.argv[2]) as b:
    sys.exit(0 if a["points/000000/summary/acceptance"][()] != b["points/000000/summary/acceptance"][()] else 1)
PY
cp small.h5 garbage.h5; alter garbage.h5 garbage
"$hebbmc" run "$base" "${big[@]}" -o garbage.h5 --resume 2> err.txt || say "growth of a damaged state exited $?"
grep -q "3 old samples of the grown points kept no chain state" err.txt || { say "damaged states not reported"; cat err.txt; }
cmp f.h5 garbage.h5 || say "growth with restarted samples differs from the fresh run"

# 2. Refusals before any work: exit 2 naming the key; the file is left as it was.
refuse() {  # KEY ARGS...: resuming small.h5 with ARGS must exit 2 naming KEY
  local key="$1"; shift
  cp small.h5 r.h5
  "$hebbmc" run "$@" -o r.h5 -q --resume 2> err.txt; local rc=$?
  [[ $rc -eq 2 ]] && grep -q "key '$key'" err.txt || { say "$* : exit $rc, expected 2 naming '$key'"; cat err.txt; }
  /usr/bin/python3 "$src/tests/cli/compare_datasets.py" small.h5 r.h5 --attributes || say "$* : refused, yet the file changed"
}
refuse sweeps "$base" --set sweeps=100
refuse samples "$base" --set samples=1
refuse sweeps "$base" --set samples=3 --set sweeps=150
refuse thermalization "$base" --set sweeps=500 --set thermalization=30
refuse measure_every "$base" --set sweeps=500 --set measure_every=2
refuse seed "$base" --set samples=3 --set seed=4
refuse trajectories "$base" --set sweeps=500 --set trajectories=false
sed 's/^T = \[0.1, 0.4, 0.8\]/T = [0.1, 0.4, 0.9]/' "$base" > otherT.toml
refuse T otherT.toml --set sweeps=500
# --force keeps its meaning: the changed points are recomputed, as a fresh run would make them.
cp small.h5 forced.h5
"$hebbmc" run "$base" --set thermalization=30 -o forced.h5 -q --resume --force || say "--force resume exited $?"
"$hebbmc" run "$base" --set thermalization=30 -o forced_ref.h5 -q || exit 1
/usr/bin/python3 "$src/tests/cli/compare_datasets.py" forced_ref.h5 forced.h5 || say "--force resume differs from a fresh run"

# 3. A learning model: the recorder state carries the extra series (nbar, dominance, losses).
learn="$src/tests/cli/learning_supervised.toml"
"$hebbmc" run "$learn" -o l.h5 -q || exit 1
"$hebbmc" run "$learn" --set samples=3 --set sweeps=90 -o l.h5 -q --resume || say "learning growth exited $?"
"$hebbmc" run "$learn" --set samples=3 --set sweeps=90 -o lf.h5 -q || exit 1
cmp lf.h5 l.h5 || say "grown supervised run differs from the fresh one"

# 4. SIGKILL during a growth, at a moment drawn in (0.2, 0.8) x the fresh run's time (printed),
# then --resume: identical. The kill may land before, in or after the carry-over of the states.
long=(--set samples=3 --set sweeps=40000)
start=$(date +%s.%N)
"$hebbmc" run "$base" "${long[@]}" -o kf.h5 -q -j 2 || exit 1
full=$(echo "$(date +%s.%N) - $start" | bc)
cp small.h5 k.h5
"$hebbmc" run "$base" "${long[@]}" -o k.h5 -q -j 2 --checkpoint-every 0.05 --resume & pid=$!
delay=$(/usr/bin/python3 -c "import random; print(round(random.uniform(0.2, 0.8) * $full, 2))")
sleep "$delay"
if kill -9 "$pid" 2> /dev/null; then echo "growth killed after ${delay}s of ${full}s"; else echo "note: growth ended before the kill"; fi
wait "$pid"
"$hebbmc" run "$base" "${long[@]}" -o k.h5 -q -j 2 --resume || say "resume after a killed growth exited $?"
cmp kf.h5 k.h5 || say "growth killed and resumed differs from the fresh run"

# 5. A part of the sweep grows with the same --points.
"$hebbmc" run "$base" --points 1-2 -o p.h5 -q || exit 1
"$hebbmc" run "$base" "${big[@]}" --points 1-2 -o p.h5 -q --resume || say "growth of a part exited $?"
"$hebbmc" run "$base" "${big[@]}" --points 1-2 -o pf.h5 -q || exit 1
cmp pf.h5 p.h5 || say "grown part differs from the fresh part"

# 6. A file merged from parts keeps the final states (merge copies them) and grows without
# restarting any sample.
"$hebbmc" run "$base" --points 0 -o m0.h5 -q || exit 1
"$hebbmc" run "$base" --points 1-2 -o m1.h5 -q || exit 1
"$hebbmc" merge m0.h5 m1.h5 -o merged.h5 -q || say "merge exited $?"
"$hebbmc" run "$base" "${big[@]}" -o merged.h5 --resume 2> err.txt || { say "growth of a merged file exited $?"; cat err.txt; }
grep -q "kept no chain state" err.txt && { say "a merged file lost its final states"; cat err.txt; }
cmp f.h5 merged.h5 --ignore merged_parts || say "grown merged file differs from the fresh run"
exit $fail
