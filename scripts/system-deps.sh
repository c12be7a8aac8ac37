#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing (CI starts from a bare
# machine; developers usually have them already). Needs root (CI runs as root).
set -euo pipefail
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in libcairo2 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils \
           chromium postgresql; do
  have "$pkg" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
