#!/usr/bin/env bash
# Pack-and-install check: builds and packs every public package, installs only the tarballs into
# an empty folder outside the repository, and there runs the CLI: --help, doctor, a baseline VSM
# run from a YAML config (with a $schema line), a typed .ts config, and core's conformance suites under
# the author's own Jest.
#   scripts/pack-check.sh [NODE_BINARY]   (default: the node on PATH; e.g. a Node LTS binary)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NODE_BIN=$(command -v "${1:-node}")
export PATH="$(dirname "$NODE_BIN"):$PATH"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/culturebench-pack-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "pack-check: node $(node --version), npm $(npm --version), in $WORK"

cd "$ROOT"
NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build --output-style=static >/dev/null
mkdir -p "$WORK/tarballs" "$WORK/app"
for dir in datasets packages/* plugins/*; do
  [ "$(node -p "require('./$dir/package.json').private === true")" = true ] && continue
  npm pack --silent --pack-destination "$WORK/tarballs" "./$dir" >/dev/null
done
ls "$WORK/tarballs"
# Nothing but the build, the data and the docs ships: no TypeScript sources, no tests.
if tar -tzf "$WORK"/tarballs/culturebench-*.tgz 2>/dev/null | grep -E '\.spec\.|/src/|jest\.config' ; then
  echo "pack-check: tests or sources in a tarball" >&2; exit 1
fi
# The data ships once, in @culturebench/datasets.
tar -tzf "$WORK"/tarballs/culturebench-datasets-*.tgz | grep -E '^package/vsm2013/instrument.json$' >/dev/null

cd "$WORK/app"
echo '{"name":"pack-check-app","version":"1.0.0","private":true,"type":"module"}' > package.json
npm install --no-audit --no-fund --loglevel=error "$WORK"/tarballs/*.tgz
cp "$ROOT/scripts/pack-check/baseline.yaml" "$ROOT/scripts/pack-check/typed.config.ts" .
unset CULTUREBENCH_DATASETS

npx --no -- culturebench --help | grep -q "culturebench <command>"
npx --no -- culturebench doctor --config baseline.yaml
npx --no -- culturebench run --config baseline.yaml --no-progress --replicates 50 > leaderboard.txt
grep -q 'baseline' leaderboard.txt
run=$(ls -d results/*/ | head -1)
for f in manifest.json responses.jsonl results.json leaderboard.md report.html; do test -s "$run/$f" || { echo "pack-check: $run$f missing" >&2; exit 1; }; done
npx --no -- culturebench doctor --config typed.config.ts
# Bad input still exits 2 with the field named.
set +e; printf 'name: x\nsurvey: vsm2013\nsamples: 0\n' > bad.yaml; npx --no -- culturebench run --config bad.yaml 2> err.txt; code=$?; set -e
[ "$code" = 2 ] && grep -q 'samples' err.txt || { echo "pack-check: bad config gave exit $code"; cat err.txt; exit 1; }
# The conformance suites work for a plugin author outside the checkout: core ships them, and
# @jest/globals is the author's (an optional peer of core). Same Jest as the repository's.
JEST_VERSION=$(node -p "require('$ROOT/node_modules/jest/package.json').version")
npm install --no-audit --no-fund --loglevel=error --no-save "jest@$JEST_VERSION" "@jest/globals@$JEST_VERSION"
cp "$ROOT/scripts/pack-check/conformance.test.mjs" .
NODE_OPTIONS=--experimental-vm-modules npx --no -- jest --ci conformance.test.mjs 2> jest.txt || { cat jest.txt; exit 1; }
grep -Eq 'Tests: +[1-9][0-9]* passed, [0-9]+ total' jest.txt || { echo "pack-check: the conformance suite ran no test"; cat jest.txt; exit 1; }
echo "pack-check: conformance suite from @culturebench/core/testing: $(grep -E '^Tests:' jest.txt)"
echo "pack-check: ok on node $(node --version) ($(ls "$WORK"/tarballs | wc -l) tarballs, $(ls node_modules | wc -l) top-level packages installed)"
