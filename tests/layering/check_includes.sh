#!/usr/bin/env bash
# Include rules the compiler cannot see: no include climbs out of its folder with "../" (which
# would bypass the per-layer include paths), and inside runs/ the sub-folders look only
# downward, cli -> data -> driver -> io -> input (docs/architecture.md, "Layers").
set -uo pipefail
src="$1"
cd "$src"
fail=0
if hits=$(grep -rnE '#include "\.\./' engine models observables analysis runs); then
  echo "FAIL: relative includes bypass the layer include paths:"; echo "$hits"; fail=1
fi
order=(cli data driver io input)
for i in "${!order[@]}"; do
  for j in "${!order[@]}"; do
    (( j < i )) || continue
    upper="${order[$j]}"
    if hits=$(grep -rn "#include \"runs/$upper/" "runs/${order[$i]}"); then
      echo "FAIL: runs/${order[$i]} includes runs/$upper (upward inside runs/):"; echo "$hits"; fail=1
    fi
  done
done
(( fail == 0 )) && echo "ok: no relative includes; runs/ sub-folders include only downward (${order[*]})"
exit $fail
