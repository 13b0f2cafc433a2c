#!/usr/bin/env bash
# Faults of the machine during a run (docs/checkpoints.md, "Faults"): the n-th write, pwrite,
# fsync, rename, ftruncate or close on the output or its checkpoints fails with ENOSPC, EDQUOT
# or EIO (tests/faults/fault_shim.c, preloaded). For every case the run must
#   - exit 1 (a fault during work), never crash (exit < 128) and never claim bad input (2),
#   - name a file of the output and the cause in words (strerror),
#   - leave every point marked complete readable and no temporary checkpoint behind,
# and `--resume` without the fault must finish (exit 0) with datasets bit-identical to an
# uninterrupted run's, without reporting a damaged checkpoint.
# A first run counts the calls of each kind; the default suite takes the first call of each
# kind and a spread of the others; `--full` (ctest label validation) takes every call.
#   usage: test_write_faults.sh SHIM HEBBMC SRC [--full]
set -uo pipefail
shim="$1"; hebbmc="$2"; src="$3"; mode="${4:-spread}"
tmp="$(mktemp -d)"; trap 'umount "$tmp/small" 2> /dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
# Under AddressSanitizer the preloaded library comes before its runtime; that is intended here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
params="$src/tests/faults/faults.toml"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
run() { "$hebbmc" run "$params" -q -j 2 --checkpoint-every 0 "$@"; }
mkdir out
# The lock file's pid is for messages only (docs/checkpoints.md, "One writer"): not a write site.
export FAULT_EXCLUDE=".lock"
run -o ref.h5 2> /dev/null || { echo "FAIL: the uninterrupted run failed"; exit 1; }

# Count the calls of each kind on files under out/.
LD_PRELOAD="$shim" FAULT_PATH="$tmp/out/" FAULT_LOG="$tmp/count.txt" run -o out/f.h5 2> /dev/null ||
  { echo "FAIL: the counting run failed"; exit 1; }
declare -A count
while read -r word kind n; do [[ $word == count ]] && count[$kind]=$n; done < count.txt
echo "calls on the output and its checkpoints:$(for k in write pwrite fsync rename ftruncate close; do printf ' %s %s' "$k" "${count[$k]:-0}"; done)"
(( ${count[pwrite]:-0} > 0 && ${count[write]:-0} > 0 && ${count[rename]:-0} > 0 )) ||
  { echo "FAIL: the shim saw no HDF5 or checkpoint writes; it cannot inject anything"; exit 1; }

# The cases: "kind n errno sticky". Sticky = the disk stays full from that call on.
cases=()
errnos=(ENOSPC EIO EDQUOT)
add_case() { cases+=("$1 $2 ${errnos[$(( ${#cases[@]} % 3 ))]} $(( ${#cases[@]} % 2 ))"); }
for kind in write pwrite fsync rename ftruncate close; do
  total=${count[$kind]:-0}
  (( total > 0 )) || continue
  if [[ $mode == --full ]]; then
    for (( n = 1; n <= total; n++ )); do add_case "$kind" "$n"; done
  else
    picks=(1 "$total")
    [[ $kind == pwrite ]] && picks+=( $(( total / 8 )) $(( total / 4 )) $(( total / 2 )) $(( 3 * total / 4 )) $(( total - 5 )) )
    [[ $kind == write || $kind == close ]] && picks+=( $(( total / 2 )) )
    for n in $(printf '%s\n' "${picks[@]}" | sort -nu); do (( n >= 1 )) && add_case "$kind" "$n"; done
  fi
done

declare -A words=([ENOSPC]="No space left on device" [EIO]="Input/output error" [EDQUOT]="Disk quota exceeded")
fail=0; passed=0
printf '%-10s %5s %-7s %-6s | %s\n' call n errno sticky "found"
for c in "${cases[@]}"; do
  read -r kind n errno sticky <<< "$c"
  rm -rf out && mkdir out
# The lock file's pid is for messages only (docs/checkpoints.md, "One writer"): not a write site.
export FAULT_EXCLUDE=".lock"
  LD_PRELOAD="$shim" FAULT_PATH="$tmp/out/" FAULT_CALL="$kind" FAULT_N="$n" FAULT_ERRNO="$errno" \
    FAULT_STICKY="$sticky" FAULT_LOG="$tmp/inject.txt" run -o out/f.h5 2> err.txt; rc=$?
  problems=()
  injected=$(grep -c '^injected' inject.txt 2> /dev/null); rm -f inject.txt
  (( rc >= 128 )) && problems+=("crashed (exit $rc)")
  (( rc != 1 && rc < 128 )) && problems+=("exit $rc, expected 1")
  grep -q "${words[$errno]}" err.txt || problems+=("no '${words[$errno]}' in the message")
  grep -q "out/f.h5" err.txt || problems+=("message names no output file")
  grep -qi "sanitizer" err.txt && problems+=("sanitizer report")
  readable=$(/usr/bin/python3 "$src/tests/faults/complete_points.py" out/f.h5) || problems+=("$readable")
  compgen -G 'out/f.h5.checkpoints/*.tmp' > /dev/null && problems+=("temporary checkpoint left")
  run -o out/f.h5 --resume 2> resume.txt; rrc=$?
  (( rrc == 0 )) || problems+=("resume exit $rrc: $(tail -1 resume.txt)")
  grep -q "warning: .*ckpt" resume.txt && problems+=("resume found a damaged checkpoint")
  same=$(cmp ref.h5 out/f.h5 2>&1) || problems+=("resumed file differs: $same")
  how=$(grep -o 'damaged\|missing' resume.txt | head -1)
  found="exit $rc, ${readable}, resume exit $rrc${how:+ (file $how: rebuilt)}, ${same}"
  if (( ${#problems[@]} )); then
    printf '%-10s %5s %-7s %-6s | FAIL: %s\n' "$kind" "$n" "$errno" "$sticky" "$(IFS=';'; echo "${problems[*]}")"
    sed 's/^/    stderr: /' err.txt | head -5
    fail=1
  else
    printf '%-10s %5s %-7s %-6s | %s\n' "$kind" "$n" "$errno" "$sticky" "$found"
    passed=$((passed + 1))
  fi
  (( injected > 0 )) || echo "    note: nothing was injected (the run made fewer calls of this kind this time)"
done
echo "$passed of ${#cases[@]} cases passed"

# A real full disk, where the test may mount one (root): a 64 KiB tmpfs, then room to resume.
if [[ $mode != --full ]] && mkdir -p small && mount -t tmpfs -o size=64k tmpfs small 2> /dev/null; then
  run -o small/f.h5 2> err.txt; rc=$?
  readable=$(/usr/bin/python3 "$src/tests/faults/complete_points.py" small/f.h5); rok=$?
  mount -o remount,size=16m small
  run -o small/f.h5 --resume 2> resume.txt; rrc=$?
  same=$(cmp ref.h5 small/f.h5 2>&1); sok=$?
  umount small
  echo "64 KiB tmpfs: exit $rc ($(grep -o 'No space left on device' err.txt | head -1)), $readable; after remounting 16 MiB: resume exit $rrc, $same"
  (( rc == 1 && rok == 0 && rrc == 0 && sok == 0 )) && grep -q "No space left on device" err.txt ||
    { echo "FAIL: full tmpfs"; cat err.txt resume.txt; fail=1; }
else
  [[ $mode != --full ]] && echo "64 KiB tmpfs: skipped (cannot mount here)"
fi
exit $fail
