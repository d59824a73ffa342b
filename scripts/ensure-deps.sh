#!/usr/bin/env bash
# Installs what StackLens needs on a fresh Debian/Ubuntu machine: npm packages (npm ci when the
# lock file changed) and, with --chromium, Debian's Chromium for the e2e tests. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.stacklens-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--chromium" ] && [ ! -x /usr/bin/chromium ]; then
  echo "== apt-get install chromium (needs root or sudo)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi
