#!/usr/bin/env bash
# `npm run quickstart`: installs what is missing, starts the local platform, and deploys
# examples/quickstart to it with the real Pulumi CLI (file backend under the platform home, offline).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "==> spcs platform up"
node dist/provider/cli/main.js platform up
home="${SPCS_HOME:-$HOME/.spcs}"
bin=$(node -e 'console.log(require("./dist/provider/platform/platform.js").readPlatformState(process.argv[1]).pulumi.bin)' "$home")
export PATH="$bin:$PATH" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_BACKEND_URL="file://$home/pulumi-state" PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-}"
mkdir -p "$home/pulumi-state"
cd examples/quickstart
pulumi stack select quickstart --create --non-interactive >/dev/null
echo "==> pulumi up (stack quickstart, state in $home/pulumi-state)"
pulumi up --yes --non-interactive --skip-preview --refresh
echo "==> outputs"
pulumi stack output --json
