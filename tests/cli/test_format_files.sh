#!/usr/bin/env bash
# Old files stay readable and provenance is kept (docs/output.md, "Provenance"):
# - tests/data/format1/small.h5, written by an earlier build, loads with inspect, compare and
#   theory, and theory appends to `writers` after the creator that file names;
# - a new run file names its format and its one writer;
# - --resume of a file created by another commit exits 2 naming both binaries, before any work;
#   --force continues it and appends the resume to `writers`;
# - a phase file carries format_version and its writer too (multitask and data files are made by
#   the same create_hebbmc_file, runs/io/provenance.cpp).
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
py=/usr/bin/python3
old="$src/tests/data/format1"

"$hebbmc" inspect "$old/small.h5" > inspect.txt 2>&1 || { echo "FAIL: inspect of the format-1 file exited $?"; cat inspect.txt; fail=1; }
[[ $(grep -c ' complete$' inspect.txt) -eq 2 ]] || { echo "FAIL: inspect does not list 2 complete points"; cat inspect.txt; fail=1; }
"$hebbmc" compare "$old/small.h5" -o table.csv -q > compare.txt 2>&1 || { echo "FAIL: compare of the format-1 file exited $?"; cat compare.txt; fail=1; }
[[ $(grep -c '^ *00000[01] ' compare.txt) -eq 6 ]] || { echo "FAIL: compare: expected 6 rows (2 points x m, q, energy)"; cat compare.txt; fail=1; }
cp "$old/small.h5" theory.h5
"$hebbmc" theory "$old/small.toml" -o theory.h5 -q || { echo "FAIL: theory on the format-1 file exited $?"; fail=1; }
$py - <<'PY' || fail=1
import sys, h5py
w = h5py.File("theory.h5", "r").attrs["writers"].splitlines()
ok = len(w) == 2 and w[0].startswith("hebbmc 0.1.0 (commit 21d51c2): created") and ": theory at " in w[1]
if not ok: print("FAIL: writers after theory on the format-1 file:", w)
sys.exit(0 if ok else 1)
PY

"$hebbmc" run "$old/small.toml" -o new.h5 -q -j 2 || { echo "FAIL: run exited $?"; fail=1; }
$py - <<'PY' || fail=1
import sys, h5py
a = h5py.File("new.h5", "r").attrs
w = a["writers"].splitlines()
ok = a["format_version"] == 1 and len(w) == 1 and ": run at " in w[0] and w[0].startswith("hebbmc " + a["version"])
if not ok: print("FAIL: a new run file: format_version", a["format_version"], "writers", w)
sys.exit(0 if ok else 1)
PY

cp new.h5 other.h5
$py -c 'import h5py; h5py.File("other.h5", "r+").attrs["git_commit"] = "0000000"'
"$hebbmc" run "$old/small.toml" -o other.h5 --resume -q > out.txt 2> err.txt; rc=$?
[[ $rc -eq 2 ]] || { echo "FAIL: resume of a file of another commit exited $rc, not 2"; fail=1; }
grep -q "other.h5.*created by hebbmc .*(commit 0000000), not by this hebbmc" err.txt ||
  { echo "FAIL: the refusal does not name the file and both binaries"; cat err.txt; fail=1; }
$py -c 'import h5py, sys; sys.exit(len(h5py.File("other.h5", "r").attrs["writers"].splitlines()) != 1)' ||
  { echo "FAIL: the refused resume changed writers"; fail=1; }
"$hebbmc" run "$old/small.toml" -o other.h5 --resume --force -q || { echo "FAIL: resume --force exited $?"; fail=1; }
$py - <<'PY' || fail=1
import sys, h5py
w = h5py.File("other.h5", "r").attrs["writers"].splitlines()
ok = len(w) == 2 and ": run --resume at " in w[1]
if not ok: print("FAIL: writers after resume --force:", w)
sys.exit(0 if ok else 1)
PY

"$hebbmc" phase "$src/runs/examples/phase_hopfield.toml" -o phase.h5 -q || { echo "FAIL: phase exited $?"; fail=1; }
$py -c "import h5py, sys; a = h5py.File('phase.h5', 'r').attrs; sys.exit(not (a['format_version'] == 1 and ': phase at ' in a['writers']))" ||
  { echo "FAIL: the phase file lacks format_version 1 or its writer"; fail=1; }
exit $fail
