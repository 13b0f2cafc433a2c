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
$py "$src/analysis/plots/plot_phase.py" ags.h5 -o ags.png > /dev/null || { echo "FAIL: plot_phase.py exited $?"; fail=1; }
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
# The output is created after the work: a folder that is missing must be refused before it.
expect2 "missing output folder" 'directory "no/such" does not exist' "$hebbmc" phase ags.toml -o no/such/out.h5
printf 'not hdf5' > text.h5
$py "$src/analysis/plots/plot_phase.py" text.h5 > /dev/null 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -qF "text.h5" err.txt || { echo "FAIL: plot_phase.py on a non-HDF5 file: exit $rc"; cat err.txt; fail=1; }
# ---- Learning models (docs/theory.md, "Phase diagrams of the learning models") ----
# Supervised and unsupervised at P = 4, M = 50, rho in [0, 0.2] (5 points), T = 0 for the (alpha, rho) plane.
for t in supervised unsupervised; do
cat > $t.toml <<TOML
[model]
type = "$t"
N = 600
P = 4
K = 2
M = 50
r = 0.4
[dynamics]
beta = 30
sweeps = 100
[phase]
plane = "both"
rho = [0.0, 0.2]
T = [0.0, 0.1]
alpha = [0.0, 0.045]
T_fixed = 0.0
points = 5
TOML
"$hebbmc" phase $t.toml -o $t.h5 -q -j 2 || { echo "FAIL: hebbmc phase ($t) exited $?"; fail=1; }
done
# Checks (tolerances): every dataset has description and units; r = (1 + M rho)^(-1/2) and gamma = eq. L16
# computed here (1e-12 relative); rho = 0 ends equal dense storage (physics.md 5(b)) computed here from
# closed forms: T_M(alpha = 0) = max_m m^3 / (6 atanh m) (fold of m = tanh(beta m^3/3!)) and the T = 0
# capacity = tangency of m = erf(m^3/sqrt(12 alpha)) (1e-7 relative: root tolerance 1e-10, ternary/bisection
# searches to 1e-12); (rho, T) lines of the two models identical (alpha = 0, 5(d) = 5(c); 1e-12);
# unsupervised (alpha, rho) lines = supervised / gamma (1e-7 relative: two independent roots to 1e-10).
$py - <<'PY' || fail=1
import math, sys, h5py, numpy as np
ok = True
def check(what, good, detail=""):
    global ok
    print(f"{'ok  ' if good else 'FAIL'} {what} {detail}")
    ok &= bool(good)
def ternary_max(phi, a, b):
    for _ in range(300):
        c, d = a + (b - a) / 3, b - (b - a) / 3
        a, b = (c, b) if phi(c) < phi(d) else (a, d)
    return phi(0.5 * (a + b))
T_M = ternary_max(lambda m: m**3 / (6 * math.atanh(m)), 0.05, 0.999999)
def has_root(alpha):
    phi = lambda m: math.erf(m**3 / math.sqrt(12 * alpha)) - m
    h = 0.95 / 4000
    k = max(range(4001), key=lambda k: phi(0.05 + k * h))
    return ternary_max(phi, 0.05 + (k - 1) * h, 0.05 + (k + 1) * h) >= 0
lo, hi = 0.02, 0.05
while hi - lo > 1e-12:
    mid = 0.5 * (lo + hi)
    lo, hi = (mid, hi) if has_root(mid) else (lo, mid)
alpha_c = lo
f = {t: h5py.File(f"{t}.h5", "r") for t in ("supervised", "unsupervised")}
for t, h in f.items():
    check(f"{t}: model_type attribute", h["phase"].attrs["model_type"] == t)
    M, P = h["phase"].attrs["M"], h["phase"].attrs["P"]
    for name, g in h["phase/lines"].items():
        for ds in ("rho", "r", "gamma", "alpha", "T", "m", "bracket", "status"):
            for attr in ("description", "units"):
                if attr not in g[ds].attrs:
                    check(f"/phase/lines/{name}/{ds} has {attr}", False)
        st = [s.decode() if isinstance(s, bytes) else s for s in g["status"][:]]
        check(f"{t} {name}: every point ok", all(s == "ok" for s in st), str(st))
        rho = g["rho"][:]
        r = 1 / np.sqrt(1 + M * rho)
        R = r * r + (1 - r * r) / M
        gamma = (1 + (M - 1) * r ** (2 * P)) / (M * R ** P) if t == "unsupervised" else np.ones_like(rho)
        check(f"{t} {name}: r and gamma (L16)", np.allclose(g["r"][:], r, rtol=1e-12) and np.allclose(g["gamma"][:], gamma, rtol=1e-12))
    L = h["phase/lines"]
    check(f"{t}: T_s(rho = 0) = dense T_M(alpha = 0)", abs(L["retrieval_spinodal_T/T"][0] - T_M) < 1e-7 * T_M,
          f"{L['retrieval_spinodal_T/T'][0]:.10g} vs {T_M:.10g}")
    check(f"{t}: alpha_s(rho = 0, T = 0) = dense RS capacity", abs(L["retrieval_spinodal_alpha/alpha"][0] / alpha_c - 1) < 1e-7,
          f"{L['retrieval_spinodal_alpha/alpha'][0]:.10g} vs {alpha_c:.10g}")
S, U = f["supervised"]["phase/lines"], f["unsupervised"]["phase/lines"]
for name in ("retrieval_spinodal_T", "retrieval_coexistence_T"):
    d = np.max(np.abs(S[name]["T"][:] - U[name]["T"][:]))
    check(f"{name}: supervised = unsupervised at alpha = 0", d < 1e-12, f"(max difference {d:.2g})")
for name in ("retrieval_spinodal_alpha", "retrieval_coexistence_alpha"):
    ratio = S[name]["alpha"][:] / (U[name]["alpha"][:] * U[name]["gamma"][:])
    check(f"{name}: unsupervised = supervised / gamma", np.max(np.abs(ratio - 1)) < 1e-7,
          f"(gamma up to {U[name]['gamma'][:].max():.4g}, max |ratio - 1| {np.max(np.abs(ratio - 1)):.2g})")
sys.exit(0 if ok else 1)
PY
# Determinism: 1 and 2 threads give bit-identical lines (each grid point is computed independently).
"$hebbmc" phase unsupervised.toml -o unsupervised_j1.h5 -q -j 1 || { echo "FAIL: hebbmc phase -j 1 exited $?"; fail=1; }
$py - <<'PY' || fail=1
import sys, h5py, numpy as np
a, b = h5py.File("unsupervised.h5", "r")["phase/lines"], h5py.File("unsupervised_j1.h5", "r")["phase/lines"]
same = all(np.array_equal(a[n][d][:], b[n][d][:], equal_nan=(d != "status")) for n in a for d in a[n])
print(f"{'ok  ' if same else 'FAIL'} learning lines bit-identical with 1 and 2 threads")
sys.exit(0 if same else 1)
PY
for plane in rho_T alpha_rho; do
  $py "$src/analysis/plots/plot_phase.py" supervised.h5 unsupervised.h5 --plane $plane -o learning_$plane.png > /dev/null ||
    { echo "FAIL: plot_phase.py --plane $plane exited $?"; fail=1; }
  [[ -s learning_$plane.png ]] || { echo "FAIL: no learning_$plane.png"; fail=1; }
done
$py "$src/analysis/plots/plot_phase.py" supervised.h5 > /dev/null 2> err.txt; rc=$?
[[ $rc -eq 2 ]] && grep -qF -- "--plane" err.txt || { echo "FAIL: plot_phase.py without --plane: exit $rc"; cat err.txt; fail=1; }
sed 's/^plane = "both"/plane = "T_rho"/' supervised.toml > bad_plane.toml
expect2 "bad plane" "bad_plane.toml:12: key 'plane'" "$hebbmc" phase bad_plane.toml -o never.h5
printf 'rsb = true\n' | cat unsupervised.toml - > bad_learning_rsb.toml
expect2 "1RSB key for learning" "bad_learning_rsb.toml:18: key 'rsb'" "$hebbmc" phase bad_learning_rsb.toml -o never.h5
sed 's/^rho = \[0.0, 0.2\]/rho = [0.2, 0.0]/' supervised.toml > bad_rho.toml
expect2 "reversed rho range" "bad_rho.toml:13: key 'rho'" "$hebbmc" phase bad_rho.toml -o never.h5
sed 's/^P = 4/P = 2/' supervised.toml > bad_p2.toml
expect2 "learning at P = 2" "bad_p2.toml:4: key 'P'" "$hebbmc" phase bad_p2.toml -o never.h5
[[ -e never.h5 ]] && { echo "FAIL: an output was written for bad learning input"; fail=1; }
exit $fail
