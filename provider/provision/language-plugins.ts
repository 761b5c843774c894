/**
 * What programs in other languages need beside the Pulumi CLI: the `spcs` provider plugin
 * (`pulumi-resource-spcs`, found on PATH, which `spcs platform up` and the tests put the CLI's folder on)
 * and the Python language host with its `pulumi-language-python-exec` shim.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { shellQuote } from "../common/shell-quote";
import { run, runLogged, which } from "./system";
import type { PartStatus } from "./part-status";
import { LANGUAGE_HOST_VERSION } from "./pulumi-cli";

const PACKAGE_ROOT = path.resolve(__dirname, "../../..");
const PLUGIN_ENTRY = path.join(PACKAGE_ROOT, "dist/provider/plugin/main.js");

/**
 * The launcher names this package's plugin entry and the Node that runs `spcs platform up` by absolute
 * path: the CLI's folder is shared by every checkout on the machine, so the last `platform up` decides
 * which build serves `spcs:index:*` (as it decides the dynamic provider's CLI).
 */
export function pluginLauncher(node = process.execPath, entry = PLUGIN_ENTRY): string {
  return `#!/bin/sh\n# The spcs provider plugin (written by spcs platform up).\nexec ${shellQuote(node)} ${shellQuote(entry)} "$@"\n`;
}

export async function ensureLanguagePlugins(bin: string, log: (line: string) => void): Promise<PartStatus[]> {
  writeIfChanged(path.join(bin, "pulumi-resource-spcs"), pluginLauncher());
  if (!fs.existsSync(path.join(bin, "pulumi-language-python")) || !fs.existsSync(path.join(bin, "pulumi-language-python-exec"))) await buildPythonHost(bin, log);
  return languagePluginsStatus(bin);
}

export function languagePluginsStatus(bin: string): PartStatus[] {
  const plugin = path.join(bin, "pulumi-resource-spcs");
  const python = path.join(bin, "pulumi-language-python");
  const launcher = fs.existsSync(plugin) ? fs.readFileSync(plugin, "utf8") : undefined;
  const served = launcher === undefined ? undefined : launcher.includes(shellQuote(PLUGIN_ENTRY)) ? PLUGIN_ENTRY : "another pulumi-spcs build";
  return [
    // Another checkout's `platform up` may have written it last (the CLI's folder is per machine): that is
    // a working plugin, so it is named, not failed.
    served
      ? { name: "pulumi-resource-spcs", ok: true, path: plugin, detail: served === PLUGIN_ENTRY ? `serves ${served}` : "serves another pulumi-spcs build; spcs platform up points it at this one" }
      : { name: "pulumi-resource-spcs", ok: false, path: plugin, detail: "not installed; run `spcs platform up`" },
    fs.existsSync(python) && fs.existsSync(`${python}-exec`)
      ? { name: "pulumi-language-python", ok: true, path: python, version: LANGUAGE_HOST_VERSION, detail: `Python language host from sdk v${LANGUAGE_HOST_VERSION}; put the virtualenv's bin first on PATH` }
      : { name: "pulumi-language-python", ok: false, path: python, detail: "not installed; run `spcs platform up`" },
  ];
}

function writeIfChanged(file: string, text: string): void {
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  fs.chmodSync(file, 0o755);
}

async function buildPythonHost(bin: string, log: (line: string) => void): Promise<void> {
  const go = which("go", ["/usr/local/go/bin"]);
  if (!go) throw new Error("building the Python language host needs Go 1.21 or newer on PATH; install Go, or put pulumi-language-python on PATH beside pulumi");
  const cwd = path.join(PACKAGE_ROOT, "scripts/pulumi-cli/langhost");
  const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-modcacherw -mod=readonly", GOSUMDB: "off" };
  const partial = path.join(bin, ".pulumi-language-python.partial");
  log(`building pulumi-language-python from sdk v${LANGUAGE_HOST_VERSION}`);
  const ldflags = `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${LANGUAGE_HOST_VERSION}`;
  await runLogged(go, ["build", "-trimpath", "-ldflags", ldflags, "-o", partial, "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"], log, { cwd, env });
  // The host runs the program through this script, which ships in the same module.
  const sdkDir = run(go, ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], { cwd, env }).trim();
  const exec = fs.readFileSync(path.join(sdkDir, "python/cmd/pulumi-language-python-exec"));
  writeIfChanged(path.join(bin, "pulumi-language-python-exec"), exec.toString("utf8"));
  fs.renameSync(partial, path.join(bin, "pulumi-language-python"));
}
