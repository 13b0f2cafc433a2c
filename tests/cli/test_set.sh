#!/usr/bin/env bash
# `--set KEY=VALUE` (docs/parameters.md, "Overrides on the command line"):
#  1. it changes the value (the point's attributes) and is recorded in the parameter text;
#  2. a run with --set equals, dataset for dataset, a run of the file with the value written in;
#  3. bad --set arguments exit 2 before any work, naming --set and the key;
#  4. --resume with the same --set continues (also after SIGTERM), without it is refused.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
attr() { /usr/bin/python3 -c "import h5py, sys; v = h5py.File(sys.argv[1])[sys.argv[2]].attrs[sys.argv[3]]; print(v.decode() if isinstance(v, bytes) else v)" "$@"; }
fail=0

cat > base.toml <<'EOF'
# A fixed point, seconds of work.
[model]
N = 100   # neurons
P = 2
K = 3

[dynamics]
T = 0.3
sweeps = 200
thermalization = 20

[run]
seed = 5
samples = 2
EOF

# 1. The value changes, and the recorded text holds it in place of the file's.
"$hebbmc" run base.toml --set T=0.5 --set model.N=80 --set rule=metropolis -o set.h5 -q -j 2 || { echo "FAIL: run with --set"; exit 1; }
[[ "$(attr set.h5 /points/000000 N)" == 80 ]] || { echo "FAIL: --set N=80 gave N = $(attr set.h5 /points/000000 N)"; fail=1; }
[[ "$(attr set.h5 /points/000000 T)" == 0.5 ]] || { echo "FAIL: --set T=0.5 gave T = $(attr set.h5 /points/000000 T)"; fail=1; }
[[ "$(attr set.h5 /points/000000 rule)" == metropolis ]] || { echo "FAIL: --set rule=metropolis not applied"; fail=1; }
attr set.h5 / parameter_file > recorded.toml
grep -qx 'N = 80   # neurons' recorded.toml && grep -qx 'T = 0.5' recorded.toml && grep -qx "rule = 'metropolis'" recorded.toml ||
  { echo "FAIL: the recorded parameter text does not hold the --set values:"; cat recorded.toml; fail=1; }

# 2. The same run from a file with those values written by hand: identical datasets.
sed -e 's/^N = 100 /N = 80  /' -e 's/^T = 0.3/T = 0.5\nrule = "metropolis"/' base.toml > written.toml
grep -q '^T = 0.5' written.toml || { echo "FAIL: test setup: written.toml"; exit 1; }
"$hebbmc" run written.toml -o written.h5 -q -j 2 || { echo "FAIL: run of written.toml"; exit 1; }
cmp set.h5 written.h5 || { echo "FAIL: --set differs from writing the values in the file"; fail=1; }
"$hebbmc" run base.toml -o plain.h5 -q -j 2 || { echo "FAIL: run of base.toml"; exit 1; }
cmp set.h5 plain.h5 > /dev/null 2>&1 && { echo "FAIL: --set made no difference to the datasets"; fail=1; }

# 3. Refusals: exit 2, the message names --set and the key, nothing is written.
refused() {  # refused KEY ARGS...: exit 2 and "--set ... key 'KEY'" on stderr
  local key="$1"; shift
  "$hebbmc" run base.toml -o refused.h5 -q "$@" 2> err.txt; local rc=$?
  [[ $rc -eq 2 ]] && grep -q -- "--set .*key '$key'" err.txt && [[ ! -e refused.h5 ]] ||
    { echo "FAIL: $* gave exit $rc (expected 2 naming --set and '$key'):"; cat err.txt; fail=1; }
}
refused N --set N=-5                # out of the model's range, as in the file
refused N --set N=1.5               # wrong type
refused T --set 'T="hot"'           # wrong type
refused T --set T=abc               # not a TOML value
refused Tx --set Tx=1               # unknown key
refused model.T --set model.T=1     # key of another table
refused N --set N                   # no '='
refused N --set N=90 --set model.N=91  # the same key twice
refused beta --set beta=2           # excludes T, which the file sets
refused rule --set rule=foo         # not a choice
refused sweep.T --set sweep.T=1     # the sweep is not set from the command line
"$hebbmc" check base.toml --set output=no-such-dir/x.h5 2> err.txt; rc=$?  # checked where `run` would write it
[[ $rc -eq 2 ]] && grep -q -- "--set output=no-such-dir/x.h5: key 'output'" err.txt || { echo "FAIL: --set output into a missing folder: exit $rc"; cat err.txt; fail=1; }
"$hebbmc" check "$src/tests/cli/small.toml" --set T=0.5 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "key 'T': is swept in \[sweep\]" err.txt || { echo "FAIL: --set of a swept key: exit $rc"; cat err.txt; fail=1; }
"$hebbmc" phase "$src/runs/examples/phase_hopfield.toml" --set N=10 -o p.h5 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -q "key 'set'" err.txt || { echo "FAIL: --set with phase: exit $rc"; cat err.txt; fail=1; }
"$hebbmc" check base.toml --set samples=4 --set dynamics.sweeps=300 > /dev/null || { echo "FAIL: check refused a good --set"; fail=1; }

# 4. Resume. A complete run resumed with the same --set does nothing; without it, or with another
# value, it is another parameter file.
"$hebbmc" run base.toml --set T=0.5 --set model.N=80 --set rule=metropolis -o set.h5 -q --resume ||
  { echo "FAIL: resume of a complete run with the same --set"; fail=1; }
for other in "" "--set T=0.6 --set model.N=80 --set rule=metropolis"; do
  # shellcheck disable=SC2086
  "$hebbmc" run base.toml $other -o set.h5 -q --resume 2> err.txt; rc=$?
  [[ $rc -eq 2 ]] && grep -q "different parameter file" err.txt ||
    { echo "FAIL: resume with '$other' instead of the run's --set: exit $rc"; cat err.txt; fail=1; }
done
# Interrupted by SIGTERM (checkpoint, exit 130), then resumed with the same --set: identical.
params="$src/tests/cli/resume.toml"
sets=(--set seed=12 --set samples=2)
"$hebbmc" run "$params" "${sets[@]}" -o ref.h5 -q -j 2 || { echo "FAIL: reference run"; exit 1; }
"$hebbmc" run "$params" "${sets[@]}" -o t.h5 -q -j 2 --checkpoint-every 0.2 2> term.txt & pid=$!
while kill -0 "$pid" 2> /dev/null && ! compgen -G 't.h5.checkpoints/*.ckpt' > /dev/null; do sleep 0.05; done
kill -TERM "$pid" 2> /dev/null; wait "$pid"; rc=$?
if [[ $rc -eq 0 ]]; then echo "note: run finished before SIGTERM"; else
  [[ $rc -eq 130 ]] || { echo "FAIL: SIGTERM gave exit $rc, expected 130"; fail=1; }
  grep -q -- "continue with: hebbmc run $params --set 'seed=12' --set 'samples=2' --resume" term.txt ||
    { echo "FAIL: the stop message does not repeat the --set arguments:"; cat term.txt; fail=1; }
  "$hebbmc" run "$params" -o t.h5 -q --resume 2> err.txt; rc=$?
  [[ $rc -eq 2 ]] || { echo "FAIL: resume without the --set of a stopped run: exit $rc"; fail=1; }
  "$hebbmc" run "$params" "${sets[@]}" -o t.h5 -q -j 2 --resume || { echo "FAIL: resume with the same --set"; fail=1; }
fi
cmp ref.h5 t.h5 || { echo "FAIL: SIGTERM + resume with --set differs from the uninterrupted run"; fail=1; }

[[ $fail -eq 0 ]] && echo "PASS: --set"
exit $fail
