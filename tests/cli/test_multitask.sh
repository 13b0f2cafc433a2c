#!/usr/bin/env bash
# `hebbmc multitask` (docs/multitasking.md): bad files exit 2 naming file:line and key before
# writing anything; a small diagram's HDF5 has the documented layout (description and units on
# every dataset) and its paramagnetic line is T = 1 - d (P = 2: the paramagnet's Hessian is
# 1 - beta (1-d)), bracketed to the 1e-8 tolerance; 1 and 2 threads give identical datasets.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
py=/usr/bin/python3

# Each bad file: expected "file:line: key 'KEY'" in the message, exit 2, no output file.
bad() {  # name, expected line, expected key, file text
  local name="$1" line="$2" key="$3"
  printf '%s\n' "$4" > "$name.toml"
  "$hebbmc" multitask "$name.toml" -o "$name.h5" -q 2> "$name.err"
  local rc=$?
  if [[ $rc -ne 2 ]]; then echo "FAIL: $name exited $rc, expected 2"; cat "$name.err"; fail=1; return; fi
  if ! grep -q "$name.toml:$line: key '$key'" "$name.err"; then
    echo "FAIL: $name: message lacks '$name.toml:$line: key '$key''"; cat "$name.err"; fail=1; return
  fi
  if [[ -e "$name.h5" ]]; then echo "FAIL: $name wrote an output file"; fail=1; return; fi
  echo "ok   $name: $(cat "$name.err")"
}
good='[multitask]
P = 2
K = [2]
d = [0.1, 0.5]
T = [0.3, 1.0]
points = 5'
bad unknown_key 7 Q "$good
Q = 3"
bad odd_P 2 P "${good/P = 2/P = 3}"
bad empty_K 3 K "${good/K = \[2\]/K = []}"
bad K_twice 3 K "${good/K = \[2\]/K = [2, 2]}"
bad K_zero 3 K "${good/K = \[2\]/K = [0]}"
bad d_one 4 d "${good/d = \[0.1, 0.5\]/d = [0.1, 1.0]}"
bad d_reversed 4 d "${good/d = \[0.1, 0.5\]/d = [0.5, 0.1]}"
bad T_zero 5 T "${good/T = \[0.3, 1.0\]/T = [0.0, 1.0]}"
bad points_one 6 points "${good/points = 5/points = 1}"
bad points_float 6 points "${good/points = 5/points = 5.5}"
bad rho_negative 7 rho "$good
rho = -0.1"
bad missing_points 1 points "${good/points = 5/}"
bad other_table 7 model "$good
[model]
N = 10"
bad empty_output 7 output "$good
output = \"\""
# No [multitask] table at all: exit 2 naming the key.
printf 'x = 1\n' > notable.toml
"$hebbmc" multitask notable.toml -q 2> notable.err; rc=$?
if [[ $rc -ne 2 ]] || ! grep -q "key 'x'" notable.err; then echo "FAIL: notable exited $rc"; cat notable.err; fail=1; fi

# A small diagram, twice (1 and 2 threads).
printf '%s\n' "$good" > small.toml
"$hebbmc" multitask small.toml -o one.h5 -q -j 1 || { echo "FAIL: hebbmc multitask exited $?"; exit 1; }
"$hebbmc" multitask small.toml -o two.h5 -q -j 2 || { echo "FAIL: hebbmc multitask -j 2 exited $?"; exit 1; }
"$hebbmc" multitask small.toml -o two.h5 -q 2> exists.err; rc=$?
if [[ $rc -ne 2 ]]; then echo "FAIL: existing output without --force exited $rc"; fail=1; fi
$py - <<'PY' || fail=1
import sys, h5py, numpy as np
ok = True
a, b = h5py.File("one.h5", "r"), h5py.File("two.h5", "r")
g = a["multitask/K2"]
def visit(name, obj):
    global ok
    if isinstance(obj, h5py.Dataset):
        for attr in ("description", "units"):
            if attr not in obj.attrs:
                print(f"FAIL: {name} lacks attribute {attr}"); ok = False
        other = b[name][()]
        same = np.array_equal(obj[()], other) if obj.dtype.kind != "f" else np.array_equal(obj[()], other, equal_nan=True)
        if not same:
            print(f"FAIL: {name} differs between 1 and 2 threads"); ok = False
a.visititems(visit)
for ds in ("grid/d", "grid/T", "grid/region", "grid/m", "grid/f", "grid/hessian_min", "boundaries/T",
           "boundaries/kind", "amplitudes/m", "amplitudes/law"):
    if ds not in g:
        print(f"FAIL: missing /multitask/K2/{ds}"); ok = False
bd = g["boundaries"]
n = 0
for i in range(len(bd["T"])):
    if bd["axis"][i].decode() == "T" and bd["retrieved_to"][i] == 0 and bd["retrieved_from"][i] == 1:
        n += 1
        d, T, br = bd["d"][i], bd["T"][i], bd["bracket"][i]
        good = abs(T - (1 - d)) < 2e-8 and br <= 1e-8
        print(f"{'ok  ' if good else 'FAIL'} paramagnetic line at d = {d:.3f}: T = {T:.10f}, 1 - d = {1 - d:.10f}, bracket {br:.1e}")
        ok &= good
if n != 5:
    print(f"FAIL: {n} paramagnetic boundary points, expected 5 (one per d)"); ok = False
sys.exit(0 if ok else 1)
PY
if [[ $fail -eq 0 ]]; then echo "test_multitask: all passed"; else echo "test_multitask: FAILED"; fi
exit $fail
