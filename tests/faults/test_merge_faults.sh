#!/usr/bin/env bash
# Faults of the machine during `hebbmc merge` (docs/output.md, "Parts and merge"): the n-th
# write, pwrite, fsync, rename or close on the merged output fails with ENOSPC, EDQUOT or EIO
# (tests/faults/fault_shim.c, preloaded). For every case the merge must exit 1 (never crash,
# never claim bad input), name the output and the cause, leave neither the output nor its
# staged OUT.partial behind, and leave the parts as they were; an existing output it was to
# replace (--force) must still be the old file. Without the fault it writes the whole run's file.
#   usage: test_merge_faults.sh SHIM HEBBMC SRC
set -uo pipefail
shim="$1"; hebbmc="$2"; src="$3"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export FAULT_EXCLUDE=".lock"  # the lock file's pid is for messages only
params="$src/tests/faults/faults.toml"
run() { "$hebbmc" run "$params" -q -j 2 "$@" 2> /dev/null; }
run -o whole.h5 && run --points 0 -o a.h5 && run --points 1-2 -o b.h5 || { echo "FAIL: the runs failed"; exit 1; }
sha256sum a.h5 b.h5 > sums.txt
mkdir out
merge() { "$hebbmc" merge a.h5 b.h5 -o out/m.h5 -q "$@"; }

LD_PRELOAD="$shim" FAULT_PATH="$tmp/out/" FAULT_LOG="$tmp/count.txt" merge ||
  { echo "FAIL: the counting merge failed"; exit 1; }
/usr/bin/python3 "$src/tests/cli/compare_datasets.py" whole.h5 out/m.h5 || { echo "FAIL: merged file differs"; exit 1; }
cp out/m.h5 old.h5
declare -A count
while read -r word kind n; do [[ $word == count ]] && count[$kind]=$n; done < count.txt
echo "calls on the output:$(for k in write pwrite fsync rename close; do printf ' %s %s' "$k" "${count[$k]:-0}"; done)"
(( ${count[pwrite]:-0} > 0 && ${count[fsync]:-0} > 0 && ${count[rename]:-0} > 0 )) ||
  { echo "FAIL: the shim saw no writes, fsync or rename of the output; it cannot inject anything"; exit 1; }

declare -A words=([ENOSPC]="No space left on device" [EIO]="Input/output error" [EDQUOT]="Disk quota exceeded")
errnos=(ENOSPC EIO EDQUOT)
fail=0; cases=0
for kind in pwrite write fsync rename close; do
  total=${count[$kind]:-0}
  for n in $(printf '%s\n' 1 $(( total / 2 )) "$total" | sort -nu); do
    (( n >= 1 && n <= total )) || continue
    errno=${errnos[$(( cases % 3 ))]}; cases=$((cases + 1))
    for replace in "" --force; do
      rm -f out/m.h5 out/m.h5.partial
      [[ -n $replace ]] && cp old.h5 out/m.h5
      LD_PRELOAD="$shim" FAULT_PATH="$tmp/out/" FAULT_CALL="$kind" FAULT_N="$n" FAULT_ERRNO="$errno" \
        FAULT_STICKY=1 merge $replace 2> err.txt; rc=$?
      problems=()
      (( rc == 1 )) || problems+=("exit $rc, expected 1")
      grep -q "${words[$errno]}" err.txt || problems+=("no '${words[$errno]}' in the message")
      grep -q "out/m.h5" err.txt || problems+=("message names no output file")
      [[ -e out/m.h5.partial ]] && problems+=("left out/m.h5.partial")
      if [[ -n $replace ]]; then
        cmp -s old.h5 out/m.h5 || problems+=("the file to replace was changed or removed")
      else
        [[ -e out/m.h5 ]] && problems+=("left out/m.h5")
      fi
      sha256sum -c --quiet sums.txt || problems+=("modified a part")
      if (( ${#problems[@]} )); then
        echo "FAIL: $kind $n $errno $replace: $(IFS=';'; echo "${problems[*]}")"; sed 's/^/    stderr: /' err.txt | head -3
        fail=1
      else
        echo "$kind $n $errno ${replace:-(new)}: exit 1, nothing left"
      fi
    done
  done
done
exit $fail
