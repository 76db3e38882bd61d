#!/usr/bin/env bash
# The current Node LTS line (Node 26, Active LTS since October 2026; the binary comes from the npm
# registry's `node` package): lint, the typecheck, the unit projects and the pack-and-install check.
# Run after `npm ci` (the dependencies installed on Node 20 are plain JS, no native addons).
# The e2e projects run on Node 20 only: they drive the same code through the CLI, the loopback
# servers and the browser, and running them twice would double the longest step of CI; what differs
# between Node lines (module loading, type stripping, the packaged install) is what this step covers.
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
npm run test:unit
bash scripts/pack-check.sh "$LTS_DIR/node_modules/.bin/node"
