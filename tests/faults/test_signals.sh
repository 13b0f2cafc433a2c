#!/usr/bin/env bash
# Stop signals (docs/checkpoints.md, "Signals"): SIGINT, SIGTERM, SIGHUP and SIGXCPU each make a
# running `hebbmc run` checkpoint its chains and exit 130; a second signal right after the first
# (while the chains write their checkpoints) changes nothing. After each, `--resume` must finish
# without reporting a damaged checkpoint, with datasets bit-identical to an uninterrupted run.
# The signal is sent once a checkpoint exists (the run is mid-chain then, whatever the load).
#   usage: test_signals.sh HEBBMC SRC
set -uo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
params="$src/tests/cli/resume.toml"
cmp() { /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$@"; }
"$hebbmc" run "$params" -o ref.h5 -q -j 2 || { echo "FAIL: uninterrupted run"; exit 1; }
fail=0
# case SIGNALS...: the signals are sent 5 ms apart.
case_() {
  rm -rf s.h5 s.h5.checkpoints
  "$hebbmc" run "$params" -o s.h5 -q -j 2 --checkpoint-every 0.3 2> err.txt & pid=$!
  while kill -0 "$pid" 2> /dev/null && ! compgen -G 's.h5.checkpoints/*.ckpt' > /dev/null; do sleep 0.02; done
  local sent=()
  for sig in "$@"; do kill -s "$sig" "$pid" 2> /dev/null && sent+=("$sig"); sleep 0.005; done
  wait "$pid"; rc=$?
  local what="sent ${sent[*]:-nothing (the run had ended)}"
  if (( ${#sent[@]} == 0 )) || [[ $rc -eq 0 ]]; then echo "$*: $what; the run finished first (exit $rc), not a test"; return; fi
  local problems=()
  [[ $rc -eq 130 ]] || problems+=("exit $rc, expected 130")
  grep -q "stopped by a signal" err.txt || problems+=("no 'stopped by a signal' message")
  compgen -G 's.h5.checkpoints/*.tmp' > /dev/null && problems+=("temporary checkpoint left")
  local saved; saved=$(ls s.h5.checkpoints/*.ckpt 2> /dev/null | wc -l)
  "$hebbmc" run "$params" -o s.h5 -j 2 --resume 2> resume.txt; rrc=$?
  [[ $rrc -eq 0 ]] || problems+=("resume exit $rrc")
  grep -q "warning: .*ckpt" resume.txt && problems+=("damaged checkpoint: $(grep 'warning: .*ckpt' resume.txt | head -1)")
  local same; same=$(cmp ref.h5 s.h5 2>&1) || problems+=("resumed file differs: $same")
  if (( ${#problems[@]} )); then
    echo "$*: $what; FAIL: $(IFS=';'; echo "${problems[*]}")"; sed 's/^/    /' err.txt resume.txt; fail=1
  else
    echo "$*: $what; exit $rc, $saved checkpoints, resume exit 0, $same"
  fi
}
for sig in INT TERM HUP XCPU; do case_ "$sig"; done
case_ TERM TERM
case_ INT HUP
case_ XCPU TERM INT
exit $fail
