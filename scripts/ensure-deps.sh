#!/usr/bin/env bash
# Installs what StackLens needs on a fresh Debian/Ubuntu machine: npm packages (npm ci when the
# lock file changed) and, with --chromium, the test tools (Debian's Chromium for the e2e tests, zsh
# for the completion test). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.stacklens-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--chromium" ]; then
  # Test tools: Debian's Chromium for e2e, zsh to parse `stacklens completion zsh` for real.
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
  command -v zsh >/dev/null || missing+=(zsh)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== apt-get install ${missing[*]} (needs root or sudo)"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi
