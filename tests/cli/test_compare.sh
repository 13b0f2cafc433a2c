#!/usr/bin/env bash
# `hebbmc compare` (docs/theory.md): after `run` + `theory`, one row per point and observable with
# z = (MC - theory) / error recomputed here from the HDF5 file; the CSV; foreign files exit 2.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
py=/usr/bin/python3
"$hebbmc" run "$src/tests/cli/small.toml" -o run_only.h5 -q -j 2 || { echo "FAIL: run exited $?"; exit 1; }
cp run_only.h5 out.h5
"$hebbmc" theory "$src/tests/cli/small.toml" -o out.h5 -q || { echo "FAIL: theory exited $?"; exit 1; }
"$hebbmc" compare out.h5 -o table.csv -q > table.txt || { echo "FAIL: compare exited $?"; fail=1; }
grep -q "MC-theory" table.txt || { echo "FAIL: no table header"; cat table.txt; fail=1; }
[[ $(grep -c '^ *00000[01] ' table.txt) -eq 6 ]] || { echo "FAIL: expected 6 rows (2 points x m, q, energy)"; cat table.txt; fail=1; }
$py - <<'PY' || fail=1
import csv, math, sys, h5py
f = h5py.File("out.h5", "r")
rows = list(csv.DictReader(open("table.csv")))
ok = len(rows) == 6
for r in rows:
    p = f["points"][r["point"].zfill(6)]
    mc = p["summary"][r["observable"]]["mean"][0]
    err = p["summary"][r["observable"]]["error"][0]
    th = p["theory"][r["observable"]][()]
    z = (mc - th) / err
    good = math.isclose(float(r["z"]), z, rel_tol=1e-8) and math.isclose(float(r["deviation"]), mc - th, rel_tol=1e-8, abs_tol=1e-14)
    if not good:
        print(f"FAIL: row {r} vs z = {z}"); ok = False
sys.exit(0 if ok else 1)
PY
expect2() {  # expect2 DESCRIPTION EXPECTED_SUBSTRING COMMAND...
  local what="$1" needle="$2"; shift 2
  "$@" > o.txt 2> err.txt; local rc=$?
  if [[ $rc -ne 2 ]]; then echo "FAIL ($what): exit $rc, expected 2"; cat err.txt; fail=1; return; fi
  grep -qF -- "$needle" err.txt || { echo "FAIL ($what): message lacks '$needle':"; cat err.txt; fail=1; }
}
printf 'not hdf5' > text.h5
expect2 "non-HDF5" "text.h5" "$hebbmc" compare text.h5
$py -c "import h5py; h5py.File('foreign.h5','w').create_dataset('x', data=[1])"
expect2 "foreign HDF5" "foreign.h5" "$hebbmc" compare foreign.h5
expect2 "missing file" "nope.h5" "$hebbmc" compare nope.h5
expect2 "no theory yet" "hebbmc theory" "$hebbmc" compare run_only.h5
exit $fail
