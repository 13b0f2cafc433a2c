#!/usr/bin/env bash
# Quick start 2: sets up, builds, and runs the test suite.
#   scripts/test.sh               default suite (unit, physics, cli), Release build in build/
#   scripts/test.sh --validation  also the long physics validations (ctest label "validation")
#   scripts/test.sh --sanitize    Debug + AddressSanitizer/UndefinedBehaviorSanitizer build in build-asan/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="default"
for arg in "$@"; do
  case "$arg" in
    --validation) mode="validation" ;;
    --sanitize) mode="sanitize" ;;
    *) echo "usage: $0 [--validation | --sanitize]" >&2; exit 2 ;;
  esac
done
"$root/scripts/setup.sh"
case "$mode" in
  default)
    "$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
    cd "$root/build" && ctest -LE validation --output-on-failure ;;
  validation)
    "$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
    cd "$root/build" && ctest --output-on-failure ;;
  sanitize)
    "$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DHEBBMC_SANITIZE=ON
    # Physics tests are statistical and sized for optimised builds; under ASan run the rest.
    cd "$root/build-asan" && ASAN_OPTIONS=detect_leaks=0 ctest -L "unit|cli" --output-on-failure ;;
esac
