#!/usr/bin/env bash
# Behaviour check of a change that must not change any number: builds hebbmc at a reference
# revision beside the working tree's build, runs both on every example that takes under a minute
# and on the test parameter files, and requires every dataset of the reference's output to be
# written again bit for bit (and every attribute except creation time, wall time and the build);
# the new output may add datasets the reference did not write yet.
#
#   tests/compat/compare_reference.sh REV [NEW_BINARY]
#
# REV is a git revision of this repository (e.g. 21d51c2); NEW_BINARY defaults to build/hebbmc.
# The reference is built in build-ref-REV/ (kept, so a second call only runs the comparisons).
# Prints one line per case and exits 1 if any case differs. COMPARE_IGNORE_DATASETS=NAME,... lets
# datasets of those base names differ (e.g. final_state after a change to the serialized chain
# state that changes no result); they are named in every line that skips them.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rev="${1:?usage: $0 REV [NEW_BINARY]}"
new="$(realpath "${2:-$root/build/hebbmc}")"
ref_dir="$root/build-ref-$rev"
if [[ ! -x "$ref_dir/build/hebbmc" ]]; then
  rm -rf "$ref_dir/src" && mkdir -p "$ref_dir/src"
  git -C "$root" archive "$rev" | tar -x -C "$ref_dir/src"
  cmake -S "$ref_dir/src" -B "$ref_dir/build" -DCMAKE_BUILD_TYPE=Release -DHEBBMC_BUILD_TESTS=OFF -DHEBBMC_MPI=OFF \
    > "$ref_dir/cmake.log" 2>&1 || { cat "$ref_dir/cmake.log"; exit 1; }
  cmake --build "$ref_dir/build" -j "$(nproc)" --target hebbmc > "$ref_dir/build.log" 2>&1 ||
    { tail -40 "$ref_dir/build.log"; exit 1; }
fi
old="$ref_dir/build/hebbmc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
compare="$root/tests/cli/compare_datasets.py"
fail=0

# One case: the same command with both binaries in fresh directories, then the comparison.
# case NAME GROUPS COMMAND... (the output file is NAME.h5 in each directory)
case_() {
  local name="$1" groups="$2"; shift 2
  mkdir -p "$work/old/$name" "$work/new/$name"
  local rc_old=0 rc_new=0
  (cd "$work/old/$name" && "$old" "$@" -o "$name.h5" -q > out.txt 2> err.txt) || rc_old=$?
  (cd "$work/new/$name" && "$new" "$@" -o "$name.h5" -q > out.txt 2> err.txt) || rc_new=$?
  if [[ $rc_old != "$rc_new" ]]; then
    echo "FAIL $name: exit $rc_old (reference) vs $rc_new"; sed 's/^/  new: /' "$work/new/$name/err.txt"; fail=1; return
  fi
  if [[ $rc_old != 0 ]]; then echo "ok   $name: both exit $rc_old"; return; fi
  local result
  if result=$(/usr/bin/python3 "$compare" "$work/old/$name/$name.h5" "$work/new/$name/$name.h5" \
                --groups "$groups" --attributes --b-may-add --ignore-datasets "${COMPARE_IGNORE_DATASETS:-}" 2>&1); then
    echo "ok   $name: $result"
  else
    echo "FAIL $name: $result"; fail=1
  fi
}

# The theory of a case written into its run output, as in the quick start; then the comparison.
theory_case() {
  local name="$1" file="$2" r
  (cd "$work/old/$name" && "$old" theory "$file" -o "$name.h5" -q 2> theory_err.txt) || return 0  # refused by both
  (cd "$work/new/$name" && "$new" theory "$file" -o "$name.h5" -q 2> theory_err.txt) ||
    { echo "FAIL $name + theory: refused by the new binary only"; fail=1; return; }
  if r=$(/usr/bin/python3 "$compare" "$work/old/$name/$name.h5" "$work/new/$name/$name.h5" --attributes --b-may-add \
           --ignore-datasets "${COMPARE_IGNORE_DATASETS:-}" 2>&1)
  then echo "ok   $name + theory: $r"; else echo "FAIL $name + theory: $r"; fail=1; fi
}

ex="$root/runs/examples"
for f in curie_weiss hopfield_retrieval dense_p4_alpha dense_p4_temperature supervised_p4 unsupervised_p4 \
         multitask_amplitudes; do
  case_ "$f" points,summary run "$ex/$f.toml"
  theory_case "$f" "$ex/$f.toml"
done
for f in phase_hopfield phase_dense_p4 phase_supervised_p4 phase_unsupervised_p4; do
  case_ "$f" phase phase "$ex/$f.toml"
done
case_ fashion_mnist data,test,results data "$ex/fashion_mnist.toml"
for f in "$root"/tests/params/good/*.toml "$root"/tests/cli/*.toml; do
  name="param_$(basename "$f" .toml)"
  [[ $name == param_every_key ]] && continue  # a sweep of minutes; its keys are covered by the other files
  # A file the reference revision does not have tests a feature it lacks: nothing to compare with.
  [[ -e "$ref_dir/src/${f#"$root"/}" ]] || { echo "new  $name: not in $rev"; continue; }
  case_ "$name" points,summary run "$f"
  theory_case "$name" "$f"
done
exit $fail
