#!/usr/bin/env bash
# docs/examples.ipynb executed end to end (jupyter nbconvert --execute): a tiny `hebbmc run` +
# `hebbmc theory` through $HEBBMC, hebbmc.open, the MC-over-RS figure and its check at T = 0.4.
# Any failing cell fails the test. The executed copy goes to a temporary directory.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
command -v jupyter > /dev/null || { echo "FAIL: no jupyter (run scripts/setup.sh: jupyter-nbconvert, python3-ipykernel)"; exit 1; }
export HEBBMC="$hebbmc" PYTHONPATH="$src/python" PYDEVD_DISABLE_FILE_VALIDATION=1 MPLBACKEND=Agg
jupyter nbconvert --to notebook --execute "$src/docs/examples.ipynb" --output-dir "$tmp" \
  --ExecutePreprocessor.timeout=120 > "$tmp/log.txt" 2>&1 ||
  { echo "FAIL: the notebook did not run:"; grep -v -e "Debugger warning" -e "frozen modules" -e "PYDEVD" -e "breakpoints" -e "Debugging will proceed" "$tmp/log.txt"; exit 1; }
/usr/bin/python3 - "$tmp/examples.ipynb" <<'PY' || exit 1
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
ok = images >= 3 and not errors
print(f"{'ok  ' if ok else 'FAIL'} docs/examples.ipynb ran: {images} figures, {len(errors)} errors")
sys.exit(0 if ok else 1)
PY
