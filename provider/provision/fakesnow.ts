import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { FAKESNOW_LAUNCHER } from "./fakesnow-launcher";
import { aptInstall, run, runLogged, startDaemon, which } from "./system";

/** fakesnow's server minor we run against; 0.12 is the one whose protocol the endpoint was measured with. */
export const FAKESNOW_REQUIREMENT = "fakesnow[server]==0.12.*";

/** The venv lives in the tools cache (like the Pulumi CLI build), shared by every platform home on the machine. */
export function fakesnowVenv(): string {
  const cache = process.env.SPCS_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-spcs");
  return path.join(cache, "fakesnow-0.12", "venv");
}

/** The installed fakesnow version in the venv, or undefined when the venv is missing or broken. */
export function fakesnowVersion(venv = fakesnowVenv()): string | undefined {
  const py = path.join(venv, "bin", "python");
  if (!fs.existsSync(py)) return undefined;
  try {
    return run(py, ["-c", "import importlib.metadata as m, fakesnow.server, uvicorn; print(m.version('fakesnow'))"]).trim();
  } catch {
    return undefined;
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
  if (have?.startsWith("0.12.")) return { venv, version: have };
  if (!which("python3")) await aptInstall(["python3", "python3-venv"], log);
  const partial = `${venv}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  log(`installing ${FAKESNOW_REQUIREMENT} into ${venv} (about 30 s)`);
  await runLogged("python3", ["-m", "venv", partial], log);
  await runLogged(path.join(partial, "bin", "python"), ["-m", "pip", "install", "-q", "--disable-pip-version-check", FAKESNOW_REQUIREMENT], log);
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
export async function startFakesnow(venv: string, dbPath: string, logFile: string): Promise<{ pid: number; address: string }> {
  const launcher = path.join(venv, "spcs_fakesnow.py");
  if (!fs.existsSync(launcher) || fs.readFileSync(launcher, "utf8") !== FAKESNOW_LAUNCHER) fs.writeFileSync(launcher, FAKESNOW_LAUNCHER);
  fs.mkdirSync(dbPath, { recursive: true });
  const port = await freePort();
  const pid = startDaemon(path.join(venv, "bin", "python"), [launcher, "--host", "127.0.0.1", "--port", String(port), "--db-path", dbPath], logFile);
  return { pid, address: `127.0.0.1:${port}` };
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
