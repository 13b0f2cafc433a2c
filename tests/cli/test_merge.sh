#!/usr/bin/env bash
# Job arrays without MPI (docs/output.md, "Parts and merge"): a 6-point sweep run whole equals the
# same sweep run as 3 parts (`run --points`, one of them on 2 threads, one killed and resumed)
# joined by `hebbmc merge`, in every dataset and in every attribute except the provenance ones
# (created, writers, wall_seconds, version, git_commit, merged_parts). Then every refusal: bad
# --points (syntax, empty, out of range), a missing part, overlapping parts, a part of another
# parameter file, of another build, not complete, foreign or damaged; each exits 2 naming the
# thing, writes no output (no half file either) and leaves the parts as they were.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
params="$src/tests/cli/merge.toml"
fail=0
say() { echo "FAIL: $*"; fail=1; }

# The number of points, as a user planning the array reads it.
"$hebbmc" check "$params" | grep -q "OK, 6 points" || say "check does not report 6 points"
"$hebbmc" check "$params" --points 2-3,5 | grep -q -- "--points 2-3,5: 3 of them" || say "check --points 2-3,5"

"$hebbmc" run "$params" -o whole.h5 -q -j 1 || exit 1
"$hebbmc" run "$params" --points 0-1 -o p0.h5 -q -j 1 || exit 1
"$hebbmc" run "$params" --points 4,5 -o p2.h5 -q -j 1 || exit 1
# The middle part on 2 threads, killed once it has checkpoints and resumed (as a requeued task).
"$hebbmc" run "$params" --points 2-3 -o p1.h5 -q -j 2 --checkpoint-every 0.1 & pid=$!
while kill -0 "$pid" 2> /dev/null && ! compgen -G 'p1.h5.checkpoints/*.ckpt' > /dev/null; do sleep 0.02; done
kill -9 "$pid" 2> /dev/null && echo "part 2-3 killed"; wait "$pid"
if [[ -e p1.h5.checkpoints ]]; then
  "$hebbmc" run "$params" --points 2-3 -o p1.h5 -q -j 2 --resume || say "resume of part 2-3"
else
  echo "note: part 2-3 finished before the kill"
fi
# A part resumes only as the same part (on a copy: a resume appends to `writers`).
cp p0.h5 r.h5
"$hebbmc" run "$params" -o r.h5 -q --resume 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q -- "--points 0-1" err.txt || say "resume of a part without --points: exit $rc, $(cat err.txt)"
"$hebbmc" run "$params" --points 0-2 -o r.h5 -q --resume --force 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q -- "--points 0-1" err.txt || say "resume of a part with other --points: exit $rc, $(cat err.txt)"
"$hebbmc" theory "$params" -o r.h5 -q 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "merge" err.txt || say "theory of a part: exit $rc, $(cat err.txt)"

# A part records its points and holds only them; it is a readable hebbmc file.
/usr/bin/python3 - <<'EOF' || say "part p1.h5 layout"
import h5py, sys
with h5py.File("p1.h5", "r") as f:
    points = f.attrs["part_points"]
    points = points.decode() if isinstance(points, bytes) else points
    if points != "2-3": sys.exit(f"part_points = {points!r}, expected '2-3'")
    if sorted(f["points"]) != ["000002", "000003"]: sys.exit(f"points {sorted(f['points'])}")
    if list(f["summary/point"][:]) != [2, 3]: sys.exit(f"summary/point {f['summary/point'][:]}")
    if list(f["summary/complete"][:]) != [1, 1]: sys.exit("part not complete")
EOF
"$hebbmc" inspect p1.h5 | grep -q "a part of the sweep: points 2-3" || say "inspect of a part"
PYTHONPATH="$src/python" /usr/bin/python3 - <<'EOF' || say "the Python package reads a part as its points of the whole run"
import sys
import numpy as np
import hebbmc
part, whole = hebbmc.open("p1.h5"), hebbmc.open("whole.h5")
if list(part.dataset["point"].values) != [2, 3]: sys.exit(f"points {part.dataset['point'].values}")
m = part.dataset["m_mean"].values[:, 0]
if not np.array_equal(m, whole.table.loc[[2, 3], "m_mean"].values): sys.exit(f"m_mean {m}")
EOF

sha256sum p0.h5 p1.h5 p2.h5 > sums.txt
"$hebbmc" merge p2.h5 p0.h5 p1.h5 -o merged.h5 -q || say "merge of 3 parts"
sha256sum -c --quiet sums.txt || say "merge modified its parts"
[[ -e merged.h5.partial ]] && say "merge left merged.h5.partial"
"$hebbmc" inspect merged.h5 | grep -q "^p1.h5: points 2-3" || say "inspect of a merged file"
cmp whole.h5 merged.h5 --attributes || say "merged file differs from the whole run"
cmp merged.h5 whole.h5 --attributes --ignore merged_parts || say "merged file has attributes the whole run lacks"
/usr/bin/python3 - <<'EOF' || say "merged provenance"
import h5py, sys
with h5py.File("merged.h5", "r") as f:
    text = lambda v: v.decode() if isinstance(v, bytes) else v
    if "part_points" in f.attrs: sys.exit("merged file still has part_points")
    parts = text(f.attrs["merged_parts"]).splitlines()
    if [p.split(" (")[0] for p in parts] != ["p0.h5: points 0-1", "p1.h5: points 2-3", "p2.h5: points 4-5"]:
        sys.exit(f"merged_parts = {parts}")
    writers = text(f.attrs["writers"]).splitlines()
    if not writers[-1].split(": ")[1].startswith("merge at") or len(writers) < 4:
        sys.exit(f"writers = {writers}")
EOF

# A stop signal while the merge writes: exit 130, no output, no staged file, parts unchanged.
"$hebbmc" merge p0.h5 p1.h5 p2.h5 -o stopped.h5 -q & pid=$!
while kill -0 "$pid" 2> /dev/null && [[ ! -e stopped.h5.partial ]]; do sleep 0.005; done
kill -TERM "$pid" 2> /dev/null; wait "$pid"; rc=$?
if [[ $rc -eq 0 ]]; then echo "note: the merge finished before SIGTERM"; rm -f stopped.h5; else
  [[ $rc -eq 130 ]] || say "SIGTERM during merge: exit $rc, expected 130"
  [[ -e stopped.h5 || -e stopped.h5.partial ]] && say "SIGTERM during merge left a file"
fi
sha256sum -c --quiet sums.txt || say "a stopped merge modified a part"

# Interleaved parts (every other point) merge to the same file.
"$hebbmc" run "$params" --points 0,2,4 -o even.h5 -q -j 1 || exit 1
"$hebbmc" run "$params" --points 1,3,5 -o odd.h5 -q -j 2 || exit 1
"$hebbmc" merge odd.h5 even.h5 -o interleaved.h5 -q || say "merge of interleaved parts"
cmp whole.h5 interleaved.h5 --attributes || say "interleaved merge differs from the whole run"

# expect_refusal NAME PATTERN... -- ARGS: exit 2, stderr matching every PATTERN, no output written.
expect_refusal() {
  local name="$1"; shift; local patterns=()
  while [[ "$1" != "--" ]]; do patterns+=("$1"); shift; done; shift
  rm -f out.h5 out.h5.partial
  "$hebbmc" "$@" -o out.h5 -q 2> err.txt; local rc=$?
  [[ $rc -eq 2 ]] || say "$name: exit $rc, expected 2 ($(cat err.txt))"
  [[ -n "${SHOW_MESSAGES:-}" ]] && echo "$name: $(cat err.txt)"  # to read the messages
  for p in "${patterns[@]}"; do grep -q -- "$p" err.txt || say "$name: message lacks '$p': $(cat err.txt)"; done
  [[ -e out.h5 || -e out.h5.partial ]] && say "$name: left an output file"
  sha256sum -c --quiet sums.txt || say "$name: modified a part"
}

expect_refusal "bad --points syntax" "--points" "0-x" -- run "$params" --points 0-x
expect_refusal "empty --points" "--points" -- run "$params" --points ""
expect_refusal "reversed range" "--points" "ends before" -- run "$params" --points 3-1
expect_refusal "repeated point" "--points" "increasing" -- run "$params" --points 0-2,2
expect_refusal "out of range" "--points" "out of range" "6 points" -- run "$params" --points 4-6
expect_refusal "missing part" "merge.toml" "points 4-5" "none of the parts" -- merge p0.h5 p1.h5
"$hebbmc" run "$params" --points 1-2 -o over.h5 -q -j 1 || exit 1
expect_refusal "overlap" "over.h5" "point 1," "p0.h5" "overlap" -- merge p0.h5 p1.h5 over.h5 p2.h5
sed 's/seed = 5/seed = 6/' "$params" > other.toml
"$hebbmc" run other.toml --points 4-5 -o other.h5 -q -j 1 || exit 1
expect_refusal "other parameter file" "other.h5" "parameter file" -- merge p0.h5 p1.h5 other.h5
cp p2.h5 build.h5
/usr/bin/python3 -c "
import h5py
with h5py.File('build.h5', 'r+') as f:
    f.attrs['version'] = '0.0.1'; f.attrs['git_commit'] = 'f00'
    f.attrs['writers'] = 'hebbmc 0.0.1 (commit f00): run at 2026-01-01T00:00:00Z'
"
expect_refusal "other build" "build.h5" "hebbmc 0.0.1 (commit f00)" -- merge p0.h5 p1.h5 build.h5
cp p2.h5 pending.h5
/usr/bin/python3 -c "
import h5py
with h5py.File('pending.h5', 'r+') as f: f['points/000005'].attrs['status'] = 'pending'
"
expect_refusal "incomplete part" "pending.h5" "point 5" "not complete" -- merge p0.h5 p1.h5 pending.h5
/usr/bin/python3 -c "
import h5py
with h5py.File('foreign.h5', 'w', libver='latest') as f: f['x'] = [1.0]
"
expect_refusal "foreign HDF5 file" "foreign.h5" "not a hebbmc output" -- merge p0.h5 p1.h5 foreign.h5
echo "not HDF5" > text.h5
expect_refusal "text file" "text.h5" "not an HDF5 file" -- merge p0.h5 p1.h5 text.h5
head -c "$(( $(stat -c %s p2.h5) / 2 ))" p2.h5 > damaged.h5
expect_refusal "damaged part" "damaged.h5" -- merge p0.h5 p1.h5 damaged.h5
expect_refusal "part given twice" "p1.h5" "given twice" -- merge p0.h5 p1.h5 p1.h5 p2.h5
cp p2.h5 kind.h5
/usr/bin/python3 -c "
import h5py
with h5py.File('kind.h5', 'r+') as f: f.attrs['kind'] = 'phase'
"
expect_refusal "not a run file" "kind.h5" "not the output of" -- merge p0.h5 p1.h5 kind.h5
"$hebbmc" merge p0.h5 p1.h5 p2.h5 -q 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q -- "-o" err.txt || say "merge without -o: exit $rc"
"$hebbmc" merge p0.h5 p1.h5 p2.h5 -o merged.h5 -q 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "merged.h5" err.txt || say "merge onto an existing file without --force: exit $rc"
"$hebbmc" merge p0.h5 p1.h5 p2.h5 -o p1.h5 --force -q 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "one of the parts" err.txt || say "merge onto a part: exit $rc"
sha256sum -c --quiet sums.txt || say "a refused merge modified a part"
exit $fail
