#!/usr/bin/env bash
# Installs the npm packages on first use (or when the lockfile changed), then runs a
# TypeScript entry point of infra/scripts. `npm start` and `npm test` go through here, so a
# fresh clone needs nothing but Node, npm, Java and Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x node_modules/.bin/tsx ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm packages…"
  npm ci --no-audit --no-fund
fi
script="$1"; shift
exec node --import tsx "infra/scripts/$script" "$@"
