#!/usr/bin/env bash
# Every kernel variant this CPU runs (HEBBMC_KERNELS, docs/performance.md "Kernel variants")
# writes the same datasets, bit for bit, for a storage and a learning sweep; the output's root
# attribute kernel_variant names the variant that ran; an unknown or unsupported HEBBMC_KERNELS
# is bad input (exit 2, naming the variable) before any work.
set -euo pipefail
hebbmc="$1"; src="$2"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
variants=$("$hebbmc" --version | sed -n 's/.*this CPU supports \([^;]*\);.*/\1/p')
[ -n "$variants" ] || { echo "FAIL: --version names no kernel variants"; exit 1; }
echo "variants: $variants"
for toml in small learning_supervised; do
  HEBBMC_KERNELS=x86-64 "$hebbmc" run "$src/tests/cli/$toml.toml" -o "$tmp/$toml-base.h5" -j 2 -q
  for v in $variants; do
    HEBBMC_KERNELS=$v "$hebbmc" run "$src/tests/cli/$toml.toml" -o "$tmp/$toml-$v.h5" -j 2 -q
    /usr/bin/python3 "$src/tests/cli/compare_datasets.py" "$tmp/$toml-base.h5" "$tmp/$toml-$v.h5"
    recorded=$(/usr/bin/python3 -c 'import h5py,sys; a=h5py.File(sys.argv[1],"r").attrs["kernel_variant"]; print(a.decode() if isinstance(a,bytes) else a)' "$tmp/$toml-$v.h5")
    [ "$recorded" = "$v" ] || { echo "FAIL: $toml with $v records kernel_variant=$recorded"; exit 1; }
  done
done
for bad in sse9 AVX2; do
  for cmd in check run; do
    set +e
    HEBBMC_KERNELS=$bad "$hebbmc" $cmd "$src/tests/cli/small.toml" -o "$tmp/bad.h5" -q 2>"$tmp/err"
    rc=$?
    set -e
    [ $rc -eq 2 ] || { echo "FAIL: HEBBMC_KERNELS=$bad $cmd exited $rc, expected 2"; cat "$tmp/err"; exit 1; }
    grep -q "HEBBMC_KERNELS" "$tmp/err" || { echo "FAIL: the error does not name HEBBMC_KERNELS"; cat "$tmp/err"; exit 1; }
    [ ! -e "$tmp/bad.h5" ] || { echo "FAIL: $cmd wrote an output despite the bad variable"; exit 1; }
  done
done
echo "ok: kernel variants $variants agree"
