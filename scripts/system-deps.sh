#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing (CI starts from a bare
# machine; developers usually have them already). Installing needs root (CI runs as root) or
# sudo; with everything present it needs nothing.
set -euo pipefail
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# cairo, pango, fonts, poppler: atlas PNGs and PDF reports; chromium: browser tests;
# postgresql: the second test run (scripts/test-postgres.sh).
for pkg in libcairo2 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils \
           chromium postgresql; do
  have "$pkg" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
sudo=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "run as root, or install: ${need[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
