#!/usr/bin/env bash
# Makes the hebbmc Python package (python/hebbmc) importable by Debian's /usr/bin/python3 without pip
# and without network: installs its Debian dependencies (scripts/setup.sh) and writes hebbmc.pth,
# one line naming this checkout's python/ directory, into the site directory for local packages
# (/usr/local/lib/python3.X/dist-packages). The package stays in the checkout: a `git pull` updates it.
#   scripts/install-python.sh            install (sudo if not root)
#   scripts/install-python.sh DIR        write hebbmc.pth into DIR instead (no setup, no sudo)
#   scripts/install-python.sh --remove   remove the system hebbmc.pth
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python=/usr/bin/python3
target=""
remove=0
case "${1:-}" in
  --remove) remove=1 ;;
  -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
  "") ;;
  *) target="$1" ;;
esac
SUDO=""
system=0
if [[ -z "$target" ]]; then
  system=1
  target="$("$python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
fi
if ((remove)); then
  $SUDO rm -f "$target/hebbmc.pth"
  echo "install-python: removed $target/hebbmc.pth"
  exit 0
fi
if ((system)); then "$root/scripts/setup.sh"; fi  # h5py, numpy, pandas, xarray, matplotlib from Debian
$SUDO mkdir -p "$target"
printf '%s\n' "$root/python" | $SUDO tee "$target/hebbmc.pth" > /dev/null
echo "install-python: $target/hebbmc.pth -> $root/python"
"$python" -I -c 'import site, sys; site.addsitedir(sys.argv[1]); import hebbmc; print("install-python: import hebbmc from", hebbmc.__file__)' "$target"
