#!/usr/bin/env bash
# Bad input exits with code 2 and a message naming the file (and line, key where there is one),
# before any work starts: no output file may appear.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
expect2() {  # expect2 DESCRIPTION EXPECTED_SUBSTRING COMMAND...
  local what="$1" needle="$2"; shift 2
  "$@" > out.txt 2> err.txt; local rc=$?
  if [[ $rc -ne 2 ]]; then echo "FAIL ($what): exit $rc, expected 2"; cat err.txt; fail=1; return; fi
  grep -qF -- "$needle" err.txt || { echo "FAIL ($what): message lacks '$needle':"; cat err.txt; fail=1; }
}
n=0
for f in "$src"/tests/params/bad/*.toml; do
  name="$(basename "$f")"
  expect2 "check $name" "$name" "$hebbmc" check "$f"
  expect2 "run $name" "$name" "$hebbmc" run "$f" -o "$tmp/never.h5"
  [[ -e "$tmp/never.h5" ]] && { echo "FAIL: run $name wrote output before failing"; fail=1; rm -f "$tmp/never.h5"; }
  n=$((n + 1))
done
[[ $n -ge 20 ]] || { echo "FAIL: only $n bad parameter files found"; fail=1; }
# A storage point with P beyond the compiled flip kernels: refused by check with the key and the
# supported range (the model states it, models/storage.hpp), and by run before any output exists.
p14="$src/tests/params/bad/P_above_storage_kernels.toml"
expect2 "check storage P = 14" "key 'P': expected an even integer in [2, 12]" "$hebbmc" check "$p14"
expect2 "run storage P = 14" "key 'P': expected an even integer in [2, 12]" "$hebbmc" run "$p14" -o p14.h5
[[ -e p14.h5 ]] && { echo "FAIL: run of storage P = 14 wrote output"; fail=1; }
expect2 "unknown command" "unknown command" "$hebbmc" frobnicate x.toml
expect2 "missing file" "nope.toml" "$hebbmc" check nope.toml
expect2 "threads 0" "threads" "$hebbmc" run "$src/tests/cli/small.toml" -j 0
expect2 "unknown flag" "unrecognised" "$hebbmc" run "$src/tests/cli/small.toml" --bogus
printf 'not hdf5' > text.h5
expect2 "inspect non-HDF5" "text.h5" "$hebbmc" inspect text.h5
/usr/bin/python3 -c "import h5py; h5py.File('foreign.h5','w').create_dataset('x', data=[1])"
expect2 "inspect foreign HDF5" "not a hebbmc output" "$hebbmc" inspect foreign.h5
expect2 "theory into foreign HDF5" "not a hebbmc output" "$hebbmc" theory "$src/tests/cli/small.toml" -o foreign.h5
"$hebbmc" run "$src/tests/cli/small.toml" -o exists.h5 -q
expect2 "existing output" "--force" "$hebbmc" run "$src/tests/cli/small.toml" -o exists.h5
# A [phase] table (read by `hebbmc phase`) is accepted by check/run, and validated by them too.
"$hebbmc" check "$src/runs/examples/phase_dense_p4.toml" > /dev/null || { echo "FAIL: check of a file with [phase]"; fail=1; }
sed 's/^\[phase\]/[phase]\nbogus = 1/' "$src/runs/examples/phase_dense_p4.toml" > bad_phase.toml
expect2 "bad key in [phase]" "unknown key in [phase]" "$hebbmc" check bad_phase.toml
expect2 "run with bad [phase]" "bad_phase.toml" "$hebbmc" run bad_phase.toml -o never.h5
[[ -e never.h5 ]] && { echo "FAIL: run with a bad [phase] wrote output"; fail=1; }
echo "checked $n bad parameter files and 12 bad command lines"
exit $fail
