#!/usr/bin/env bash
# `npm test`: the whole suite (unit, integration against the real engine and registry, end to end with
# the real Pulumi CLI). Provisions what is missing first; a test that cannot reach its real dependency fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "==> spcs platform up"
node dist/provider/cli/main.js platform up
echo "==> tests"
node scripts/run-tests.js "$@"
