#!/usr/bin/env bash
# The dataset comparison used by the bit-identity tests must be able to fail: two files without
# datasets, a missing expected group, a changed byte, a changed dtype with the same values, or a
# missing dataset each make it exit non-zero; two identical files make it exit 0.
set -uo pipefail
src="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
/usr/bin/python3 - <<'PY'
import h5py, numpy as np
def run_file(name, m=np.array([0.5, 0.25]), dtype="f8", extra=True, summary=True):
    with h5py.File(name, "w") as f:
        f.create_group("points/000000/summary").create_dataset("m", data=m.astype(dtype))
        if summary: f.create_group("summary").create_dataset("point", data=np.array([0]))
        if extra: f["points/000000"].attrs["status"] = "complete"
run_file("a.h5"); run_file("same.h5")
run_file("byte.h5", m=np.array([0.5, np.nextafter(0.25, 1)]))
run_file("dtype.h5", dtype="f4")
run_file("nosummary.h5", summary=False)
with h5py.File("empty1.h5", "w"): pass
with h5py.File("empty2.h5", "w"): pass
with h5py.File("missing.h5", "w") as f:
    f.create_group("points/000000/summary"); f.create_group("summary").create_dataset("point", data=np.array([0]))
PY
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@" > out.txt 2>&1; }
fail=0
expect_fail() {  # expect_fail WHAT ARGS...
  local what="$1"; shift
  if cmp "$@"; then echo "FAIL: accepted $what"; fail=1; else echo "ok: refused $what: $(cat out.txt)"; fi
}
cmp a.h5 same.h5 && echo "ok: identical files accepted: $(cat out.txt)" || { echo "FAIL: identical files refused: $(cat out.txt)"; fail=1; }
expect_fail "two files without datasets" empty1.h5 empty2.h5 --groups ""
expect_fail "two empty files expected to hold points and summary" empty1.h5 empty2.h5
expect_fail "a file without /summary" a.h5 nosummary.h5
expect_fail "one changed bit of a double" a.h5 byte.h5
expect_fail "the same values in another dtype" a.h5 dtype.h5
expect_fail "a missing dataset" a.h5 missing.h5
exit $fail
