#!/usr/bin/env bash
# Installs the Debian packages hebbmc needs, only those that are missing (idempotent, fast when
# everything is there). Shared by scripts/example.sh and scripts/test.sh.
set -euo pipefail

PACKAGES=(
  cmake g++ make pkg-config
  libboost-program-options-dev libboost-math-dev   # CLI parsing; chi-square distribution in tests
  libhdf5-dev hdf5-tools                           # output files; h5dump/h5diff for inspection and tests
  libeigen3-dev                                    # Gauss-Hermite nodes (symmetric eigensolver), Newton steps
  doctest-dev                                      # unit and physics tests
  libtomlplusplus-dev                              # parameter files
  librandom123-dev                                 # counter-based RNG streams
  python3-h5py python3-matplotlib python3-numpy    # plotting script, dataset comparison in tests
  python3-pandas python3-xarray                    # the Python package python/hebbmc (README, "Python")
  jupyter-core jupyter-nbconvert python3-ipykernel python3-nbformat jupyter-client  # runs docs/examples.ipynb (tests)
  libopenmpi-dev openmpi-bin                       # runs across machines (mpirun), optional at build time
  clang libclang-rt-dev                            # libFuzzer target for the parameter files (GCC has no libFuzzer)
  zlib1g-dev dataset-fashion-mnist                 # gzip IDX reader; the Fashion-MNIST set of `hebbmc data`
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
