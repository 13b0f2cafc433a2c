#!/usr/bin/env bash
# `h5dump -H` of an output file shows the documented groups and attributes (docs/output.md).
set -euo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$hebbmc" run "$src/tests/cli/small.toml" -o "$tmp/out.h5" -q
"$hebbmc" theory "$src/tests/cli/small.toml" -o "$tmp/out.h5" -q
h5dump -H "$tmp/out.h5" > "$tmp/header.txt"
fail=0
for expected in 'ATTRIBUTE "program"' 'ATTRIBUTE "version"' 'ATTRIBUTE "git_commit"' 'ATTRIBUTE "created"' \
    'ATTRIBUTE "parameter_file"' 'GROUP "points"' 'GROUP "000000"' 'GROUP "000001"' 'ATTRIBUTE "status"' \
    'ATTRIBUTE "rng_dynamics"' 'ATTRIBUTE "rng_patterns"' 'ATTRIBUTE "beta"' 'ATTRIBUTE "alpha"' \
    'GROUP "summary"' 'GROUP "m"' 'GROUP "q"' 'GROUP "energy"' 'DATASET "mean"' 'DATASET "error"' \
    'DATASET "error_thermal"' 'DATASET "error_samples"' 'DATASET "tau_int"' 'ATTRIBUTE "description"' \
    'ATTRIBUTE "units"' 'GROUP "trajectory"' 'GROUP "theory"' 'ATTRIBUTE "equation"' 'DATASET "m_mean"' \
    'DATASET "theory_m"' 'ATTRIBUTE "swept"' 'GROUP "theory_curve"'; do
  grep -qF "$expected" "$tmp/header.txt" || { echo "missing in h5dump -H: $expected"; fail=1; }
done
# Trajectories are chunked and compressed: [sample, replica, record, mu] = 3 x 2 x 100 x 2.
h5dump -p -H -d /points/000000/trajectory/m "$tmp/out.h5" > "$tmp/traj.txt"
grep -q "( 3, 2, 100, 2 )" "$tmp/traj.txt" || { echo "trajectory shape wrong"; fail=1; }
grep -q "DEFLATE" "$tmp/traj.txt" || { echo "trajectory not compressed"; fail=1; }
# inspect prints one row per point with the RS value.
"$hebbmc" inspect "$tmp/out.h5" | grep -c complete | grep -qx 2 || { echo "inspect: expected 2 complete rows"; fail=1; }
exit $fail
