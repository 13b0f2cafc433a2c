#!/usr/bin/env bash
# mpirun -n 2 and -n 3 (one writer, 1 or 2 workers taking tasks dynamically) write the same
# datasets as a single process (docs/architecture.md "Scale"), also when growing a finished run;
# a bad parameter file exits 2 once.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
mpirun=(mpirun --oversubscribe --mca btl self,vader)
fail=0
"$hebbmc" run "$src/tests/cli/small.toml" -o one.h5 -q -j 1 || exit 1
for n in 2 3; do
  "${mpirun[@]}" -n $n "$hebbmc" run "$src/tests/cli/small.toml" -o mpi$n.h5 -q || { echo "FAIL: mpirun -n $n exited $?"; fail=1; continue; }
  /usr/bin/python3 "$src/tests/cli/compare_datasets.py" one.h5 mpi$n.h5 || { echo "FAIL: -n $n differs from one process"; fail=1; }
done
# Growing under MPI (docs/checkpoints.md, "Growing a finished run"): rank 0 carries the final
# states over as checkpoints before the workers start; the grown file equals a fresh large run.
big=(--set samples=4 --set sweeps=300)
cp one.h5 grown.h5
"${mpirun[@]}" -n 2 "$hebbmc" run "$src/tests/cli/small.toml" "${big[@]}" -o grown.h5 --resume 2> err.txt ||
  { echo "FAIL: growth under mpirun -n 2 exited $?"; cat err.txt; fail=1; }
[[ $(grep -c "growing 2 points" err.txt) -eq 1 ]] || { echo "FAIL: expected the growth message once:"; cat err.txt; fail=1; }
"$hebbmc" run "$src/tests/cli/small.toml" "${big[@]}" -o big.h5 -q -j 1 || exit 1
/usr/bin/python3 "$src/tests/cli/compare_datasets.py" big.h5 grown.h5 || { echo "FAIL: growth under MPI differs"; fail=1; }
# Existing output without --force: every rank stops, exit 2, the message printed by rank 0 only.
"${mpirun[@]}" -n 2 "$hebbmc" run "$src/tests/cli/small.toml" -o one.h5 -q > out.txt 2> err.txt; rc=$?
[[ $rc -eq 2 ]] || { echo "FAIL: existing output under MPI: exit $rc, expected 2"; cat err.txt; fail=1; }
[[ $(grep -c "output file exists" err.txt) -eq 1 ]] || { echo "FAIL: expected the message once:"; cat err.txt; fail=1; }
exit $fail
