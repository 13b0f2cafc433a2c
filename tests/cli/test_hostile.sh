#!/usr/bin/env bash
# Hostile input (tests/hostile/README.md). Every malformed parameter file of tests/hostile/params
# and every damaged or foreign HDF5 file of tests/hostile/h5/cases.tsv must be refused:
#   - exit code 2 (not 0, not 1, not a signal: no crash, also under ASan/UBSan),
#   - exactly one line on stderr, "hebbmc: error: ...", naming the file and containing the
#     expected message (FILE:LINE: ... when the expectation starts with ':'),
#   - nothing written: no output file appears, a damaged file given to `theory -o` is unchanged.
# A valid run and the valid file are checked too, so an over-strict check fails this test.
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
hostile="$src/tests/hostile"
cd "$tmp"
fail=0
limit=120  # seconds per command: a hang is a failure, not a stuck test

# refused DESCRIPTION LABEL EXPECTED COMMAND...: exit 2 and one stderr line naming LABEL.
# (Bash builtins only, besides the command: this runs some 250 times.)
refused() {
  local what="$1" label="$2" needle="$3"; shift 3
  timeout "$limit" "$@" > out.txt 2> err.txt; local rc=$?
  local lines=(); mapfile -t lines < err.txt
  if [[ $rc -ne 2 ]]; then
    echo "FAIL ($what): exit $rc, expected 2"; printf '%s\n' "${lines[@]:0:20}"; fail=1; return
  fi
  if [[ ${#lines[@]} -ne 1 || "${lines[0]}" != "hebbmc: error: "* ]]; then
    echo "FAIL ($what): expected one line 'hebbmc: error: ...' on stderr, got:"; printf '%s\n' "${lines[@]:0:20}"
    fail=1; return
  fi
  local line="${lines[0]}"
  if [[ "$needle" == :* ]]; then
    [[ "$line" == *"$label$needle"* ]] || { echo "FAIL ($what): message lacks '$label$needle':"; echo "$line"; fail=1; }
  else
    [[ "$line" == *"$label"* ]] || { echo "FAIL ($what): message does not name '$label':"; echo "$line"; fail=1; }
    [[ "$line" == *"$needle"* ]] || { echo "FAIL ($what): message lacks '$needle':"; echo "$line"; fail=1; }
  fi
}

# nothing_written DESCRIPTION: the working directory holds no .h5 file.
nothing_written() {
  local stray=(); shopt -s nullglob; stray=(./*.h5); shopt -u nullglob
  if [[ ${#stray[@]} -gt 0 ]]; then echo "FAIL ($1): wrote ${stray[*]}"; fail=1; rm -f ./*.h5; fi
}

# ---- parameter files -------------------------------------------------------------------------
n_params=0
for f in "$hostile"/params/*.toml; do
  name="$(basename "$f")"
  expect="$hostile/params/${name%.toml}.expect"
  [[ -f "$expect" ]] || { echo "FAIL: $name has no ${name%.toml}.expect"; fail=1; continue; }
  IFS= read -r needle < "$expect"
  refused "check $name" "$name" "$needle" "$hebbmc" check "$f"
  refused "run $name" "$name" "$needle" "$hebbmc" run "$f" -o never.h5 -q
  nothing_written "run $name"
  n_params=$((n_params + 1))
done
[[ $n_params -ge 40 ]] || { echo "FAIL: only $n_params hostile parameter files"; fail=1; }

# Too large to keep in the repository, or needing the file system: made here.
base=$'[model]\nN = 100\nP = 2\nalpha = 0.05\n\n[dynamics]\nT = 0.5\nsweeps = 10\n'
/usr/bin/python3 - <<'EOF'
# 10^5-part dotted key: toml++ frees nested tables recursively and overflowed the stack (SIGSEGV).
open("deep_key_100000.toml", "w").write("a" + ".a" * 100000 + " = 1\n")
base = "[model]\nN = 100\nP = 2\nalpha = 0.05\n\n[dynamics]\nT = 0.5\nsweeps = 10\n"
# a 1 MB string value: echoed in the message, cut to 64 bytes
open("long_value.toml", "w").write(base + "rule = \"" + "x" * 1000000 + "\"\n")
# a 1 MB comment line before the error: line numbers still right
open("long_comment.toml", "w").write("#" + "c" * 1000000 + "\n" + base.replace("N = 100", "N = 0"))
# 17 MiB: larger than any parameter file may be
open("huge.toml", "w").write("# padding\n" * (17 * 1024 * 1024 // 10))
EOF
generated=(
  "deep_key_100000.toml|:1: a dotted key or table header with more than 16 parts"
  "long_value.toml|:9: key 'rule': expected one of \"glauber\", \"metropolis\", \"zero_temperature\", \"parallel\", got \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...(1000000 bytes)\""
  "long_comment.toml|:3: key 'N': expected an integer in [2, 1073741824], got 0"
  "huge.toml|: is larger than 16 MiB"
  "/dev/zero|: is larger than 16 MiB"
  "loop.toml|: cannot read the parameter file"
  "self.toml|:11: key 'output': the output \"self.toml\" is the parameter file itself"
  "into_directory.toml|:11: key 'output': \"results.h5\" is a directory; expected the name of an HDF5 file"
)
mkdir results.h5  # an output that is a directory: H5Fcreate would refuse it only in `run`
printf '%s\n[run]\noutput = "results.h5"\n' "$base" > into_directory.toml
ln -s loop.toml loop.toml
printf '%s\n[run]\noutput = "self.toml"\n' "$base" > self.toml
for entry in "${generated[@]}"; do
  file="${entry%%|*}"; needle="${entry#*|}"
  refused "check $file" "$file" "$needle" "$hebbmc" check "$file"
  n_params=$((n_params + 1))
done
cmp -s self.toml <(printf '%s\n[run]\noutput = "self.toml"\n' "$base") || { echo "FAIL: self.toml was changed"; fail=1; }
rm -f deep_key_100000.toml long_value.toml long_comment.toml huge.toml loop.toml self.toml into_directory.toml
rmdir results.h5
nothing_written "generated parameter files"

# Hostile command lines.
refused "run -o ''" "command line" "key 'output': expected a file name after -o" \
  "$hebbmc" run "$src/tests/cli/small.toml" -o "" -q
refused "check ''" "command line" "'check' needs a FILE argument" "$hebbmc" check ""
refused "run -o into a missing directory" "no/such/dir/x.h5" "key 'output': its directory \"no/such/dir\" does not exist" \
  "$hebbmc" run "$src/tests/cli/small.toml" -o no/such/dir/x.h5 -q
refused "theory into a missing directory" "no/such/dir/x.h5" "cannot create HDF5 file" \
  "$hebbmc" theory "$src/tests/cli/small.toml" -o no/such/dir/x.h5 -q
nothing_written "hostile command lines"

# ---- damaged and foreign HDF5 files ----------------------------------------------------------
"$hebbmc" run "$src/tests/cli/small.toml" -o valid.h5 -q 2> err.txt || { echo "FAIL: the valid run failed"; cat err.txt; exit 1; }
"$hebbmc" inspect valid.h5 > /dev/null || { echo "FAIL: inspect refused a valid file"; fail=1; }
cp valid.h5 valid_theory.h5
"$hebbmc" theory "$src/tests/cli/small.toml" -o valid_theory.h5 -q || { echo "FAIL: theory refused a valid file"; fail=1; }
"$hebbmc" inspect valid_theory.h5 > /dev/null || { echo "FAIL: inspect refused a file with theory"; fail=1; }

mkdir cases work
names=()
while IFS=$'\t' read -r name _; do
  [[ -z "$name" || "$name" == \#* ]] || names+=("$name")
done < "$hostile/h5/cases.tsv"
/usr/bin/python3 "$hostile/h5/make_damaged.py" valid_theory.h5 cases "${names[@]}" || { echo "FAIL: make_damaged.py"; exit 1; }
rm -f valid.h5 valid_theory.h5

n_h5=0
cd work
while IFS=$'\t' read -r name inspect_expect theory_expect; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  case_file="../cases/$name"
  refused "inspect $name" "$name" "$inspect_expect" "$hebbmc" inspect "$case_file"
  if [[ "$theory_expect" != "-" ]]; then
    cp -RP "$case_file" "$name"
    if [[ "$theory_expect" == "OK" ]]; then
      timeout "$limit" "$hebbmc" theory "$src/tests/cli/small.toml" -o "$name" -q 2> err.txt \
        || { echo "FAIL (theory $name): expected success"; cat err.txt; fail=1; }
    else
      refused "theory $name" "$name" "$theory_expect" "$hebbmc" theory "$src/tests/cli/small.toml" -o "$name" -q
      if [[ -f "$case_file" && ! -L "$case_file" ]] && ! cmp -s "$case_file" "$name"; then
        echo "FAIL (theory $name): the refused file was modified"; fail=1
      fi
    fi
    rm -rf "$name"
  fi
  n_h5=$((n_h5 + 1))
done < "$hostile/h5/cases.tsv"
stray="$(ls -A | grep -v -x -e out.txt -e err.txt)"
[[ -z "$stray" ]] || { echo "FAIL: files left behind: $stray"; fail=1; }
cd ..
[[ $n_h5 -ge 30 ]] || { echo "FAIL: only $n_h5 HDF5 cases"; fail=1; }

echo "checked $n_params hostile parameter files and $n_h5 damaged or foreign HDF5 files"
exit $fail
