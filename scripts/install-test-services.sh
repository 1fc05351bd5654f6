#!/usr/bin/env bash
# Installs what the web chat browser test needs, skipping what is present:
#   - Debian's chromium at /usr/bin/chromium (test tools' own browser downloads fail here);
#   - axe-core, pinned by tests/channels/webchat_axe/package-lock.json (`npm ci`).
# Called by tests/channels/test_webchat_browser.py (so `make test` on a fresh
# clone installs them); safe to run by hand. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=apt-common.sh
. scripts/apt-common.sh

if [ ! -x /usr/bin/chromium ]; then
  say "chromium installeren (apt-get)"
  apt_install chromium
fi

if ! command -v npm >/dev/null 2>&1; then
  say "node en npm installeren (apt-get)"
  apt_install nodejs npm
fi

axe_dir=tests/channels/webchat_axe
stamp="$axe_dir/node_modules/.installed-lock"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ] || ! cmp -s "$axe_dir/package-lock.json" "$stamp"; then
  say "axe-core installeren (npm ci in $axe_dir)"
  (cd "$axe_dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$axe_dir/package-lock.json" "$stamp"
fi
