#!/usr/bin/env bash
# Parameter file of a sweep of N_POINTS tiny points (N = 8, one sample, one replica, one sweep
# each), whose Monte Carlo costs nothing, so a run's time is its per-point bookkeeping.
# Shared by bench/tiny_points.sh and bench/tiny_resume.sh. Usage: bench/tiny_sweep.sh N_POINTS
set -euo pipefail
n="$1"
cat <<TOML
[model]
type = "storage"
N = 8
P = 2
K = 1

[dynamics]
rule = "glauber"
init = "pattern"
sweeps = 1
thermalization = 0

[run]
seed = 1
samples = 1
replicas = 1
record_patterns = 1
output = "tiny.h5"

[sweep]
T = { from = 0.5, to = 1.5, steps = $n }
TOML
