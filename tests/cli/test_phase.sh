#!/usr/bin/env bash
# `hebbmc phase` (docs/theory.md): AGS anchors read back from the HDF5 file against closed forms
# and the literature, dense P = 4 RS capacity against the closed-form tangency (computed here),
# the documented layout (description and units on every dataset), the plot, and bad input (exit 2).
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
py=/usr/bin/python3
cat > ags.toml <<'TOML'
[model]
N = 1000
P = 2
alpha = 0.05
[dynamics]
T = 0.5
sweeps = 100
[phase]
alpha = [0.0, 0.16]
T = [0.0, 1.5]
points = 17
tolerance = 1e-10
TOML
"$hebbmc" phase ags.toml -o ags.h5 -q -j 2 || { echo "FAIL: hebbmc phase (AGS) exited $?"; exit 1; }
# Anchors (physics.md 5(a)): T_c = 1 at alpha = 0 (1e-9); T_g = 1 + sqrt(alpha) at alpha = 0.04,
# 0.09, 0.16 (1e-8: toms748 to 1e-10 plus finite-difference eigenvalues); alpha_c(T = 0) = 0.138 to
# three digits and 0.1379 to 1e-4 (AGS), m there 0.967 (AGS) to 5e-4.
$py - <<'PY' || fail=1
import math, sys, h5py
f = h5py.File("ags.h5", "r")
a = f["phase/anchors"]
ok = True
def check(what, value, ref, tol):
    global ok
    good = abs(value - ref) <= tol
    print(f"{'ok  ' if good else 'FAIL'} {what}: {value:.10g} (reference {ref}, tolerance {tol})")
    ok &= good
check("T_c(alpha=0)", a["T_c_alpha0"][()], 1.0, 1e-9)
pm = f["phase/lines/paramagnet_spin_glass"]
for alpha in (0.04, 0.09, 0.16):
    i = min(range(len(pm["alpha"])), key=lambda k: abs(pm["alpha"][k] - alpha))
    check(f"T_g(alpha={alpha})", pm["T"][i], 1 + math.sqrt(alpha), 1e-8)
ac = a["alpha_c_T0"][()]
check("alpha_c(T=0) to three digits", round(ac, 3), 0.138, 1e-12)
check("alpha_c(T=0)", ac, 0.1379, 1e-4)
check("m at alpha_c", a["m_at_alpha_c_T0"][()], 0.967, 5e-4)
for name, g in f["phase/lines"].items():
    for ds in ("alpha", "T", "m", "bracket", "status"):
        for attr in ("description", "units"):
            if attr not in g[ds].attrs:
                print(f"FAIL: /phase/lines/{name}/{ds} lacks attribute {attr}"); ok = False
    if "description" not in g.attrs:
        print(f"FAIL: /phase/lines/{name} lacks a description"); ok = False
sys.exit(0 if ok else 1)
PY
# Dense P = 4 (RS only, quick): the T = 0 end of the retrieval spinodal is the tangency of
# m = erf(m^3 / sqrt(12 alpha)), found here by bisection on the existence of a root (1e-7 relative).
cat > dense.toml <<'TOML'
[model]
N = 60
P = 4
alpha = 0.01
[dynamics]
T = 0.05
sweeps = 100
[phase]
alpha = [0.0, 0.045]
T = [0.0, 0.1]
points = 5
rsb = false
TOML
"$hebbmc" phase dense.toml -o dense.h5 -q -j 2 || { echo "FAIL: hebbmc phase (dense) exited $?"; fail=1; }
$py - <<'PY' || fail=1
import math, sys, h5py
def has_root(alpha):  # max over m of erf(m^3/sqrt(12 alpha)) - m >= 0 (grid, then ternary search)
    phi = lambda m: math.erf(m**3 / math.sqrt(12 * alpha)) - m
    h = 0.95 / 4000
    k = max(range(4001), key=lambda k: phi(0.05 + k * h))
    a, b = 0.05 + (k - 1) * h, 0.05 + (k + 1) * h
    for _ in range(200):
        c, d = a + (b - a) / 3, b - (b - a) / 3
        a, b = (c, b) if phi(c) < phi(d) else (a, d)
    return phi(0.5 * (a + b)) >= 0
lo, hi = 0.02, 0.05
while hi - lo > 1e-12:
    mid = 0.5 * (lo + hi)
    lo, hi = (mid, hi) if has_root(mid) else (lo, mid)
f = h5py.File("dense.h5", "r")
sp = f["phase/lines/retrieval_spinodal"]
value = sp["alpha"][0]
good = abs(value / lo - 1) < 1e-7 and sp["T"][0] == 0.0
print(f"{'ok  ' if good else 'FAIL'} dense P=4 RS alpha_c(T=0) = {value:.10g} (closed-form tangency {lo:.10g})")
sys.exit(0 if good else 1)
PY
$py "$src/analysis/plot_phase.py" ags.h5 -o ags.png > /dev/null || { echo "FAIL: plot_phase.py exited $?"; fail=1; }
[[ -s ags.png ]] || { echo "FAIL: no PNG"; fail=1; }
# Bad input: exit 2, message naming file, line and key; nothing written.
expect2() {  # expect2 DESCRIPTION EXPECTED_SUBSTRING COMMAND...
  local what="$1" needle="$2"; shift 2
  "$@" > out.txt 2> err.txt; local rc=$?
  if [[ $rc -ne 2 ]]; then echo "FAIL ($what): exit $rc, expected 2"; cat err.txt; fail=1; return; fi
  grep -qF -- "$needle" err.txt || { echo "FAIL ($what): message lacks '$needle':"; cat err.txt; fail=1; }
}
sed 's/^points = 17/pionts = 17/' ags.toml > bad_key.toml
expect2 "unknown [phase] key" "bad_key.toml:11: key 'pionts'" "$hebbmc" phase bad_key.toml -o never.h5
sed 's/^T = \[0.0, 1.5\]/T = [1.5, 0.0]/' ags.toml > bad_range.toml
expect2 "reversed range" "bad_range.toml:10: key 'T'" "$hebbmc" phase bad_range.toml -o never.h5
printf 'rsb = true\n' | cat ags.toml - > bad_rsb.toml
expect2 "1RSB for P = 2" "key 'rsb'" "$hebbmc" phase bad_rsb.toml -o never.h5
[[ -e never.h5 ]] && { echo "FAIL: an output was written for bad input"; fail=1; }
expect2 "existing output" "--force" "$hebbmc" phase ags.toml -o ags.h5
printf 'not hdf5' > text.h5
$py "$src/analysis/plot_phase.py" text.h5 > /dev/null 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -qF "text.h5" err.txt || { echo "FAIL: plot_phase.py on a non-HDF5 file: exit $rc"; cat err.txt; fail=1; }
exit $fail
