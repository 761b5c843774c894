#!/usr/bin/env bash
# `npm run quickstart:python`: examples/quickstart-python, the Python quick start, end to end: installs
# what is missing, starts the local platform (which also installs the spcs provider plugin and the Python
# language host beside the Pulumi CLI), makes a virtualenv with the generated SDK (sdk/python), and runs
# `pulumi up` with the real Pulumi CLI (file backend under the platform home, offline).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "==> spcs platform up"
node dist/provider/cli/main.js platform up
home="${SPCS_HOME:-$HOME/.spcs}"
bin=$(node -e 'console.log(require("./dist/provider/platform/platform.js").readPlatformState(process.argv[1]).pulumi.bin)' "$home")
venv="$home/python-venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "==> python3 -m venv $venv"
  python3 -m venv "$venv"
fi
echo "==> pip install pulumi and the spcs SDK (sdk/python)"
"$venv/bin/pip" install --quiet "pulumi>=3.248.0,<4.0.0" ./sdk/python
# The Python host `spcs platform up` builds ignores Pulumi.yaml's virtualenv option: the venv goes first on PATH.
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$bin:$PATH" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_BACKEND_URL="file://$home/pulumi-state" PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-}"
mkdir -p "$home/pulumi-state"
cd examples/quickstart-python
pulumi stack select quickstart-python --create --non-interactive >/dev/null
echo "==> pulumi up (stack quickstart-python, state in $home/pulumi-state)"
pulumi up --yes --non-interactive --skip-preview --refresh
echo "==> outputs"
pulumi stack output --json
