#!/usr/bin/env bash
# The learning models through `hebbmc run` and `hebbmc theory` (docs/learning.md, "Running the
# learning models"):
#  1. supervised, unsupervised exact and unsupervised Plefka run from tiny files; -j 1 and -j 2
#     give bit-identical datasets (every task is a pure function of its RNG keys, the examples
#     included);
#  2. the output holds the learning datasets and attributes (nbar, example_dominance, their
#     trajectories, R, rho, M, r, evaluation; summary columns), with values inside their ranges;
#  3. `hebbmc theory` fills theory/nbar and theory_nbar with the RS values (finite, in range);
#  4. an exact unsupervised run killed with SIGKILL and resumed equals the uninterrupted run.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
fail=0

# 1. Threads.
for name in supervised unsupervised; do
  params="$src/tests/cli/learning_$name.toml"
  "$hebbmc" run "$params" -o "$name-1.h5" -j 1 -q || { echo "FAIL: $name run -j 1"; fail=1; continue; }
  "$hebbmc" run "$params" -o "$name-2.h5" -j 2 -q || { echo "FAIL: $name run -j 2"; fail=1; continue; }
  cmp "$name-1.h5" "$name-2.h5" || { echo "FAIL: $name: -j 1 and -j 2 differ"; fail=1; }
done

# 2. Layout and ranges; 3. theory.
for name in supervised unsupervised; do
  [[ -e "$name-1.h5" ]] || continue
  "$hebbmc" theory "$src/tests/cli/learning_$name.toml" -o "$name-1.h5" -q || { echo "FAIL: $name theory"; fail=1; }
done
/usr/bin/python3 - supervised-1.h5 unsupervised-1.h5 <<'PY' || fail=1
import sys
import h5py
import numpy as np

bad = []
def check(cond, what):
    if not cond:
        bad.append(what)

for path in sys.argv[1:]:
    f = h5py.File(path, "r")
    points = sorted(f["points"])
    check(len(points) == 2, f"{path}: 2 points expected")
    evaluations = set()
    for name in points:
        g = f["points"][name]
        a = g.attrs
        where = f"{path}:{name}"
        S, R, L = int(a["samples"]), int(a["replicas"]), int(a["record_patterns"])
        T = int(a["sweeps"]) // int(a["measure_every"])
        for key in ("R", "rho", "M", "r", "type"):
            check(key in a, f"{where}: attribute {key} missing")
        M, r = float(a["M"]), float(a["r"])
        check(abs(a["R"] - (r * r + (1 - r * r) / M)) < 1e-15, f"{where}: R != r^2 + (1 - r^2)/M")
        check(abs(a["rho"] - (1 - r * r) / (M * r * r)) < 1e-15, f"{where}: rho != (1 - r^2)/(M r^2)")
        if a["type"] == "unsupervised":
            evaluations.add(a["evaluation"])
        s = g["summary"]
        for obs, width in (("m", L), ("nbar", L), ("example_dominance", 1), ("energy", 1), ("q", 1)):
            check(obs in s and s[obs]["mean"].shape == (width,), f"{where}: summary/{obs}/mean of width {width}")
        for obs in ("nbar", "example_dominance"):
            for key in ("description", "units", "equation", "error_note"):
                check(key in s[obs].attrs, f"{where}: summary/{obs} attribute {key} missing")
        t = g["trajectory"]
        check(t["nbar"].shape == (S, R, T, L), f"{where}: trajectory/nbar shape {t['nbar'].shape}")
        check(t["example_dominance"].shape == (S, R, T), f"{where}: trajectory/example_dominance shape")
        # nbar = r s / R with |s| = |(1/N) sum_i yhat_i sigma_i| <= 1: |nbar| <= r / R;
        # dominance = max_a n_a - m_1 lies in [-2, 2].
        check(np.all(np.abs(t["nbar"][()]) <= r / a["R"] + 1e-12), f"{where}: |nbar| above r/R")
        check(np.all(np.abs(t["example_dominance"][()]) <= 2), f"{where}: dominance outside [-2, 2]")
        # The summary mean is the mean of the per-record replica averages of the trajectory.
        traj_mean = t["nbar"][()].mean(axis=(1, 2)).mean(axis=0)
        check(np.allclose(traj_mean, s["nbar"]["mean"][()], rtol=0, atol=1e-12), f"{where}: nbar mean != trajectory mean")
        th = g["theory"]
        check("nbar" in th and np.isfinite(th["nbar"][()]) and 0 < th["nbar"][()] <= 1 / np.sqrt(1 + a["rho"]) + 1e-12,
              f"{where}: theory/nbar missing or outside (0, 1/sqrt(1+rho)]")
        check(th.attrs["status"] == "converged", f"{where}: theory status {th.attrs['status']}")
    if path.startswith("unsupervised"):
        check(evaluations == {"exact", "plefka"}, f"{path}: evaluations {evaluations}")
    col = f["summary"]
    for c in ("nbar_mean", "nbar_error", "theory_nbar", "example_dominance_mean", "M", "r", "rho", "R"):
        check(c in col and col[c].shape == (2,), f"{path}: /summary column {c}")
    check(np.all(np.isfinite(col["theory_nbar"][()])), f"{path}: theory_nbar not finite")
    check("nbar" in f["theory_curve"] if "theory_curve" in f else path.startswith("unsupervised"),
          f"{path}: theory_curve/nbar missing")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# 4. SIGKILL at random moments and resume (exact unsupervised).
params="$src/tests/cli/learning_resume.toml"
start=$(date +%s.%N)
"$hebbmc" run "$params" -o ref.h5 -q -j 2 || exit 1
full=$(echo "$(date +%s.%N) - $start" | bc)
echo "uninterrupted run: ${full}s"
rm -rf k.h5 k.h5.checkpoints
args=(run "$params" -o k.h5 -q -j 2 --checkpoint-every 0.1)
kills=0; seen=0
for attempt in 1 2 3 4 5 6; do
  "$hebbmc" "${args[@]}" & pid=$!
  if (( attempt <= 2 )); then
    delay=$(/usr/bin/python3 -c "import random; print(round(random.uniform(0.2, 0.8) * $full, 2))")
    sleep "$delay"
    if kill -9 "$pid" 2> /dev/null; then
      kills=$((kills + 1)); saved=$(ls k.h5.checkpoints 2> /dev/null | grep -c '\.ckpt$')
      echo "SIGKILL after ${delay}s ($saved checkpoint files)"; seen=$((seen + saved))
    fi
  fi
  wait "$pid"; rc=$?
  [[ $rc -eq 0 ]] && break
  args=(run "$params" -o k.h5 -q -j 2 --checkpoint-every 0.1 --resume)
done
(( kills > 0 && seen == 0 )) && { echo "FAIL: no checkpoint was written before the kills: nothing was resumed"; fail=1; }
if [[ $rc -ne 0 ]]; then echo "FAIL: resumed run did not finish (exit $rc)"; fail=1
else cmp ref.h5 k.h5 || { echo "FAIL: resumed run ($kills kills) differs from the uninterrupted run"; fail=1; }
fi
exit $fail
