import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { FAKESNOW_LAUNCHER } from "./fakesnow-launcher";
import { FAKESNOW_SERVICE_FUNCTIONS } from "./fakesnow-service-functions";
import { FAKESNOW_STAGE_COMMANDS } from "./fakesnow-stage-commands";
import { FAKESNOW_VARIANT_TEXT } from "./fakesnow-variant-text";
import { aptInstall, run, runLogged, startDaemon, which } from "./system";

/**
 * fakesnow's server minor we run against (0.12 is the one whose protocol the endpoint was measured with),
 * and the connector it imports: fakesnow 0.12 needs the 4.x connector's `snowflake.connector.converter`,
 * which connector 5.x (what pip picks unpinned) no longer has.
 */
const FAKESNOW_BASE = ["fakesnow[server]==0.12.*", "snowflake-connector-python==4.7.5"];
/**
 * Added to the venv after its first release: DuckDB's vectorized (Arrow) Python UDFs, which carry a service
 * function's rows to the endpoint one chunk at a time, need numpy. The venv's stamp stays the base list
 * (so releases before this one keep using the venv as it is, instead of rebuilding it under each other);
 * these are installed in place into a venv that lacks them, found by their folder.
 */
const FAKESNOW_ADDED = [{ requirement: "numpy==2.*", module: "numpy" }];
export const FAKESNOW_REQUIREMENTS = [...FAKESNOW_BASE, ...FAKESNOW_ADDED.map((a) => a.requirement)];

/** The venv lives in the tools cache (like the Pulumi CLI build), shared by every platform home on the machine. */
export function fakesnowVenv(): string {
  const cache = process.env.SPCS_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-spcs");
  return path.join(cache, "fakesnow-0.12", "venv");
}

function sitePackages(venv: string): string[] {
  const lib = path.join(venv, "lib");
  return (fs.existsSync(lib) ? fs.readdirSync(lib) : []).map((py) => path.join(lib, py, "site-packages"));
}

/** The fakesnow version installed in the venv (from its dist-info folder: no Python start), or undefined. */
export function fakesnowVersion(venv = fakesnowVenv()): string | undefined {
  const lib = path.join(venv, "lib");
  for (const py of fs.existsSync(lib) ? fs.readdirSync(lib) : []) {
    const site = path.join(lib, py, "site-packages");
    const info = fs.existsSync(site) ? fs.readdirSync(site).find((f) => /^fakesnow-[\d.]+\.dist-info$/.test(f)) : undefined;
    if (info) return info.slice("fakesnow-".length, -".dist-info".length);
  }
  return undefined;
}

const STAMP = ".spcs-requirements";

function readStamp(venv: string): string | undefined {
  try {
    return fs.readFileSync(path.join(venv, STAMP), "utf8");
  } catch {
    return undefined;
  }
}

/** Whether the venv's Python imports fakesnow's server: a venv whose install broke half-way does not. */
function fakesnowImports(venv: string): boolean {
  try {
    run(path.join(venv, "bin", "python"), ["-c", "import fakesnow.server, uvicorn, numpy"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs fakesnow into its own venv from PyPI unless a working one is there. It is built in a
 * temporary folder and renamed into place, so two `platform up`s at once, or one interrupted, never
 * leave a half-installed venv that looks finished.
 */
export async function ensureFakesnowVenv(log: (line: string) => void): Promise<{ venv: string; version: string }> {
  const venv = fakesnowVenv();
  const have = fakesnowVersion(venv);
  // The stamp is written only after the venv imported fakesnow's server once, so the fast path starts no
  // Python (an import takes seconds on a loaded machine).
  if (have?.startsWith("0.12.") && readStamp(venv) === FAKESNOW_BASE.join("\n")) {
    const missing = FAKESNOW_ADDED.filter((a) => !sitePackages(venv).some((site) => fs.existsSync(path.join(site, a.module))));
    if (missing.length === 0) return { venv, version: have };
    log(`adding ${missing.map((a) => a.requirement).join(" ")} to ${venv}`);
    await runLogged(path.join(venv, "bin", "python"), ["-m", "pip", "install", "-q", "--disable-pip-version-check", ...missing.map((a) => a.requirement)], log);
    if (fakesnowImports(venv)) return { venv, version: have };
  }
  if (!which("python3")) await aptInstall(["python3", "python3-venv"], log);
  const partial = `${venv}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  log(`installing ${FAKESNOW_REQUIREMENTS.join(" ")} into ${venv} (about 30 s)`);
  await runLogged("python3", ["-m", "venv", partial], log);
  await runLogged(path.join(partial, "bin", "python"), ["-m", "pip", "install", "-q", "--disable-pip-version-check", ...FAKESNOW_REQUIREMENTS], log);
  if (!fakesnowImports(partial)) throw new Error(`fakesnow installed into ${partial} but does not import; see the pip output above`);
  fs.writeFileSync(path.join(partial, STAMP), FAKESNOW_BASE.join("\n"));
  fs.rmSync(venv, { recursive: true, force: true });
  try {
    fs.renameSync(partial, venv);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  const version = fakesnowVersion(venv);
  if (!version) throw new Error(`fakesnow did not install into ${venv}; delete that folder and run \`spcs platform up\` again`);
  return { venv, version };
}

/** Starts fakesnow's server (through our launcher) on a free loopback port; returns its pid and address. */
export async function startFakesnow(venv: string, dbPath: string, stagePath: string, logFile: string): Promise<{ pid: number; address: string }> {
  const launcher = path.join(venv, "spcs_fakesnow.py");
  writeIfChanged(launcher, FAKESNOW_LAUNCHER);
  writeIfChanged(path.join(venv, "spcs_fakesnow_stages.py"), FAKESNOW_STAGE_COMMANDS);
  writeIfChanged(path.join(venv, "spcs_fakesnow_variant.py"), FAKESNOW_VARIANT_TEXT);
  writeIfChanged(path.join(venv, "spcs_fakesnow_functions.py"), FAKESNOW_SERVICE_FUNCTIONS);
  fs.mkdirSync(dbPath, { recursive: true });
  const port = await freePort();
  const pid = startDaemon(path.join(venv, "bin", "python"), [launcher, "--host", "127.0.0.1", "--port", String(port), "--db-path", dbPath, "--stage-path", stagePath], logFile);
  return { pid, address: `127.0.0.1:${port}` };
}

function writeIfChanged(file: string, text: string): void {
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
}

/** Whether an HTTP server answers at `host:port` (any status counts). */
export function httpAnswers(address: string): Promise<boolean> {
  const [host, port] = address.split(":");
  return new Promise((resolve) => {
    const req = http.get({ host, port: Number(port), path: "/", timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
