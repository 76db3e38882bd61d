#!/usr/bin/env bash
# The current Node LTS line (Node 26, Active LTS since October 2026; the binary comes from the npm
# registry's `node` package): lint, the typecheck, the whole test suite (unit and e2e projects, as
# `npm test` runs them on Node 20) and the pack-and-install check.
# Run after `npm ci` (the dependencies installed on Node 20 are plain JS, no native addons).
# The e2e projects took 453 s on Node 26 here (222 s CPU, on 2 cores shared with other work,
# load 7-10), against 780 s (262 s CPU, load 12-17) on Node 20 for the same commit: a few minutes
# more for CI, far within its 90-minute limit.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
NODE_LTS=${NODE_LTS:-26.10.0}
echo "== node $NODE_LTS (LTS)"
LTS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/node-lts-XXXXXX")
trap 'rm -rf "$LTS_DIR"' EXIT
npm install --prefix "$LTS_DIR" --no-audit --no-fund --no-save --loglevel=error "node@$NODE_LTS"
export PATH="$LTS_DIR/node_modules/.bin:$PATH"
node --version
npm run lint
npm run typecheck
npm test
bash scripts/pack-check.sh "$LTS_DIR/node_modules/.bin/node"
