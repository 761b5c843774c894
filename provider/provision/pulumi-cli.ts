import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlatformConfig } from "../common/config";
import { readPlatformState, writePlatformState } from "../platform/platform";
import { run, runLogged, which } from "./system";
import type { PartStatus } from "./part-status";

/** The Pulumi CLI release we build; its Node SDK (@pulumi/pulumi ~3.248) is the last that runs on Node 20. */
export const PULUMI_VERSION = "3.248.0";
/** The Node language host is built from sdk/v3 at this release (see scripts/pulumi-cli/langhost/go.mod). */
export const LANGUAGE_HOST_VERSION = "3.68.0";

/** The package root (where scripts/ lives), from dist/provider/provision. */
const PACKAGE_ROOT = path.resolve(__dirname, "../../..");

/** Built binaries are cached outside any checkout, so every clone and CI run on a machine shares them. */
export function pulumiCacheBin(): string {
  const cache = process.env.SPCS_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-spcs");
  return path.join(cache, `pulumi-v${PULUMI_VERSION}`, "bin");
}

/**
 * The Pulumi CLI, its Node language host and the dynamic-provider plugin script, in one folder:
 * `pulumi` on PATH when it is new enough and has its language host beside it, else our cached build,
 * else built now from the Go module proxy (two tools modules under scripts/pulumi-cli; a cold build takes
 * several minutes on two cores).
 */
export async function ensurePulumiCli(config: PlatformConfig, log: (line: string) => void): Promise<PartStatus> {
  let bin = usablePulumiOnPath();
  let detail = "found on PATH";
  if (!bin) {
    bin = pulumiCacheBin();
    detail = "cached build";
    if (versionOf(path.join(bin, "pulumi")) !== PULUMI_VERSION || !fs.existsSync(path.join(bin, "pulumi-language-nodejs"))) {
      await buildPulumi(bin, log);
      detail = "built from the Go module proxy";
    }
  }
  installPluginScript(bin);
  const state = readPlatformState(config.home);
  writePlatformState(config.home, { ...state, pulumi: { bin, version: versionOf(path.join(bin, "pulumi")) ?? PULUMI_VERSION } });
  return { name: "pulumi", ok: true, path: bin, version: versionOf(path.join(bin, "pulumi")), detail };
}

export async function pulumiCliStatus(config: PlatformConfig): Promise<PartStatus> {
  const bin = readPlatformState(config.home).pulumi?.bin ?? usablePulumiOnPath() ?? pulumiCacheBin();
  const version = versionOf(path.join(bin, "pulumi"));
  const complete = ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"].every((f) => fs.existsSync(path.join(bin, f)));
  return version && complete
    ? { name: "pulumi", ok: true, path: bin, version, detail: `language host from sdk v${LANGUAGE_HOST_VERSION}` }
    : { name: "pulumi", ok: false, path: bin, detail: "not installed; run `spcs platform up`" };
}

/** Environment for running `pulumi` fully offline against the local platform. */
export function offlinePulumiEnv(bin: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    ...extra,
  };
}

function usablePulumiOnPath(): string | undefined {
  const p = which("pulumi");
  if (!p || !which("pulumi-language-nodejs")) return undefined;
  const v = versionOf(p);
  return v && compareVersions(v, PULUMI_VERSION) >= 0 ? path.dirname(p) : undefined;
}

function versionOf(exe: string): string | undefined {
  if (!fs.existsSync(exe)) return undefined;
  try {
    return run(exe, ["version"], { env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim().replace(/^v/, "");
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
  return 0;
}

async function buildPulumi(bin: string, log: (line: string) => void): Promise<void> {
  const go = which("go", ["/usr/local/go/bin"]);
  if (!go) throw new Error("building the Pulumi CLI needs Go 1.21 or newer on PATH; install Go, or put pulumi v3.248+ and pulumi-language-nodejs on PATH");
  fs.mkdirSync(bin, { recursive: true });
  // go.sum in each tools module pins every module's hash, so the checksum database is not consulted
  // (the module proxy here does not serve it for every Pulumi module).
  const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-modcacherw -mod=readonly", GOSUMDB: "off" };
  const flags = (version: string) => ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`];
  const tmp = (name: string) => path.join(bin, `.${name}.partial`);
  log(`building pulumi v${PULUMI_VERSION} (cold builds take several minutes)`);
  await runLogged(go, [...flags(PULUMI_VERSION), "-o", tmp("pulumi"), "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], log, { cwd: path.join(PACKAGE_ROOT, "scripts/pulumi-cli/cli"), env });
  log(`building pulumi-language-nodejs from sdk v${LANGUAGE_HOST_VERSION}`);
  await runLogged(go, [...flags(LANGUAGE_HOST_VERSION), "-o", tmp("pulumi-language-nodejs"), "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"], log, { cwd: path.join(PACKAGE_ROOT, "scripts/pulumi-cli/langhost"), env });
  // Rename last, so an interrupted build never leaves a half-written binary that looks finished.
  fs.renameSync(tmp("pulumi-language-nodejs"), path.join(bin, "pulumi-language-nodejs"));
  fs.renameSync(tmp("pulumi"), path.join(bin, "pulumi"));
}

/** The engine starts dynamic providers as `pulumi-resource-pulumi-nodejs`; without it, it tries a download. */
function installPluginScript(bin: string): void {
  const target = path.join(bin, "pulumi-resource-pulumi-nodejs");
  const source = fs.readFileSync(path.join(PACKAGE_ROOT, "scripts/pulumi-resource-pulumi-nodejs"));
  if (!fs.existsSync(target) || !fs.readFileSync(target).equals(source)) {
    fs.writeFileSync(target, source);
    fs.chmodSync(target, 0o755);
  }
}
