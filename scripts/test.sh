#!/usr/bin/env bash
# Quick start 2: sets up, builds, and runs the test suite.
#   scripts/test.sh               default suite (unit, physics, cli, mpi) in build/, then a 30 s
#                                 libFuzzer run of the parameter-file layer (clang, build-fuzz/)
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

# Short libFuzzer run of the parameter-file layer (docs/fuzzing.md): clang build of one target.
fuzz() {
  local dir="$root/build-fuzz"
  CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DHEBBMC_FUZZ=ON -DHEBBMC_BUILD_TESTS=OFF \
    -DHEBBMC_MPI=OFF > "$dir.cmake.log" 2>&1 || { cat "$dir.cmake.log"; exit 1; }
  cmake --build "$dir" -j "$(nproc)" --target fuzz_parameters
  [[ -x "$root/build-fuzz/fuzz/fuzz_parameters" ]] || { echo "test: the fuzz target was not built" >&2; exit 1; }
  cd "$root/build-fuzz" && ctest -L fuzz --output-on-failure
}
case "$mode" in
  default)
    "$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
    cd "$root/build" && ctest -LE validation --output-on-failure
    fuzz ;;
  validation)
    "$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
    cd "$root/build" && ctest --output-on-failure ;;
  sanitize)
    "$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DHEBBMC_SANITIZE=ON
    # Physics tests are statistical and sized for optimised builds; under ASan run the rest.
    cd "$root/build-asan" && ASAN_OPTIONS=detect_leaks=0 ctest -L "unit|cli" --output-on-failure ;;
esac
