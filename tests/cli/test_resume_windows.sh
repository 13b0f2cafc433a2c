#!/usr/bin/env bash
# A resume reads the /summary table to learn which points are complete and opens only the groups
# of the others (docs/checkpoints.md, "Resume"). Two states a SIGKILL can leave, made here on
# purpose from a finished run, must still end bit-identical to the uninterrupted run:
#  1. a kill between write_point (group complete) and its /summary row: the row is filled from the
#     group and the point is not run again;
#  2. a kill in the middle of write_point (group pending with some of its datasets): the group is
#     removed and the point run again.
#  3. The start-up of a resume costs O(points still to do), not O(points): a complete point's
#     group is not read at all. Shown by damaging one (its summary group removed): the resume of the
#     finished file does not notice it, while `inspect`, which reads every point, refuses it.
# A pending point and a clean pending point left in place are covered by every killed run of
# tests/cli/test_resume.sh. Equality is exact: every dataset is compared bit for bit.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
py=/usr/bin/python3
fail=0
cat > w.toml <<'TOML'
[model]
N = 40
P = 2
K = 2

[dynamics]
sweeps = 200
thermalization = 20

[run]
seed = 5
samples = 2
replicas = 2
record_patterns = 2
output = "w.h5"

[sweep]
T = [0.2, 0.4, 0.6, 0.8]
TOML
"$hebbmc" run w.toml -o ref.h5 -q -j 2 || exit 1
cp ref.h5 w.h5
# Point 1: complete group, row not written. Point 2: partial group, row not written.
"$py" - <<'PY' || exit 1
import h5py, numpy as np
with h5py.File("w.h5", "r+") as f:
    s = f["summary"]
    for row in (1, 2):
        s["complete"][row] = 0
        for name in s:
            if name.endswith(("_mean", "_error", "_median", "_quantile_25", "_quantile_75")):
                s[name][row] = np.nan
    g = f["points/000002"]
    g.attrs["status"] = "pending"
    del g.attrs["parameter_fingerprint"]
    del g["summary/m"]  # write_point stopped part way through its summary
print("made: point 000001 complete without its /summary row; point 000002 partial")
PY
"$hebbmc" run w.toml --resume -j 2 2> err.txt; rc=$?
cat err.txt | grep -v '^progress' | sed 's/^/  resume: /'
[[ $rc -eq 0 ]] || { echo "FAIL: resume exited $rc"; fail=1; }
grep -q "1 of 4 points to finish" err.txt || { echo "FAIL: expected only point 000002 to be run again"; fail=1; }
/usr/bin/python3 "$src/tests/cli/compare_datasets.py" ref.h5 w.h5 ||
  { echo "FAIL: the resumed file differs from the uninterrupted run"; fail=1; }
[[ $fail -eq 0 ]] && echo "PASS: row filled from the complete group, partial group run again, file identical"

cp ref.h5 x.h5
"$py" -c 'import h5py; f = h5py.File("x.h5", "r+"); del f["points/000000/summary"]; f.close()' || exit 1
echo "made: complete point 000000 without its summary group"
"$hebbmc" run w.toml --resume -o x.h5 -j 2 2> err.txt; rc=$?
[[ $rc -eq 0 ]] || { echo "FAIL: resume of a finished file read a complete point (exit $rc)"; cat err.txt; fail=1; }
grep -q "0 of 4 points to finish" err.txt || { echo "FAIL: expected nothing to do"; cat err.txt; fail=1; }
"$hebbmc" inspect x.h5 > /dev/null 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "damaged" err.txt ||
  { echo "FAIL: inspect accepted the damaged complete point (exit $rc)"; cat err.txt; fail=1; }
[[ $fail -eq 0 ]] && echo "PASS: the resume left the complete point unread; inspect refused it: $(cat err.txt)"
exit $fail
