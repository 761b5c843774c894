#!/usr/bin/env bash
# Installs the package's npm dependencies when they are missing or older than package-lock.json, then
# builds. Shared by quickstart.sh and test.sh so both work on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci (better-sqlite3 compiles from source: ~2-3 minutes the first time)"
  npm ci --no-audit --no-fund
fi
echo "==> build"
npm run --silent build
