#!/usr/bin/env bash
# Same parameter file and seed give bit-identical datasets with 1 and 2 threads, whether the
# threads take different samples or the replicas of one sample
# (every task is a pure function of its RNG key; docs/architecture.md "Randomness").
set -euo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$hebbmc" run "$src/tests/cli/small.toml" -o "$tmp/one.h5" -j 1 -q
"$hebbmc" run "$src/tests/cli/small.toml" -o "$tmp/two.h5" -j 2 -q
/usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$tmp/one.h5" "$tmp/two.h5"
# One task only: the spare thread runs the second replica; still bit-identical.
"$hebbmc" run "$src/tests/cli/single_task.toml" -o "$tmp/single1.h5" -j 1 -q
"$hebbmc" run "$src/tests/cli/single_task.toml" -o "$tmp/single2.h5" -j 2 -q
/usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$tmp/single1.h5" "$tmp/single2.h5"
