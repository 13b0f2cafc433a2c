#!/usr/bin/env bash
# Quick start 1: sets up, builds, and runs the default example (Curie-Weiss m versus T), then
# writes the RS theory beside it and plots MC points with error bars over the RS curve.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
mkdir -p "$root/output"
cd "$root/output"
example="$root/runs/examples/curie_weiss.toml"
"$root/build/hebbmc" run "$example" --force
"$root/build/hebbmc" theory "$example"
"$root/build/hebbmc" inspect curie_weiss.h5
/usr/bin/python3 "$root/analysis/plots/plot_sweep.py" curie_weiss.h5 -o curie_weiss.png
echo "example: wrote $root/output/curie_weiss.h5 and $root/output/curie_weiss.png"
