#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing (npm packages, Chromium, the
# OpenStack lab's Debian packages), starts the lab if it is not up, runs typecheck, unit,
# integration and e2e tests, stops the lab if this script started it, and prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results="$root/test-results"
mkdir -p "$results"

bash scripts/ensure-deps.sh --chromium || { echo "dependency install failed"; exit 1; }

export LAB_DIR="${LAB_DIR:-/var/tmp/stacklens-lab}"
started_lab=0
if ! bash tests/lab/status.sh >/dev/null 2>&1; then
  echo "== starting the OpenStack lab"
  bash tests/lab/up.sh || { echo "the lab failed to start"; exit 1; }
  started_lab=1
fi
# A lab started before the data path existed remembers its service list: add the data path
# (up.sh skips it, saying why, where the machine has no network namespaces).
if [ "$started_lab" = 0 ] && ! grep -qw datapath "$LAB_DIR/data/.services" 2>/dev/null; then
  echo "== adding the data path to the running lab"
  LAB_SERVICES="$(cat "$LAB_DIR/data/.services") datapath" bash tests/lab/up.sh || echo "the data path failed to start"
fi
# The OVN variant beside it (tests/lab/ovn): its tests skip, or fail under CI=true, without it.
started_ovn=0
if ! bash tests/lab/ovn/status.sh >/dev/null 2>&1; then
  echo "== starting the OVN lab"; bash tests/lab/ovn/up.sh && started_ovn=1
fi
stop_lab() {
  [ "$started_ovn" = 1 ] && [ "$started_lab" = 0 ] && { echo "== stopping the OVN lab"; bash tests/lab/ovn/down.sh; }
  [ "$started_lab" = 1 ] && { echo "== stopping the lab"; bash tests/lab/down.sh; }
}
trap stop_lab EXIT

status=0
step() { echo; echo "== $*"; "$@" || status=1; }

step npm run -s format:check
step npm run -s lint
step npm run -s typecheck
step npx electron-vite build
step npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
step npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json"
E2E_NO_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" \
  step npx playwright test -c tests/e2e/playwright.config.ts --reporter=list,json

node scripts/summarise-tests.mjs "$results" || status=1
exit $status
