import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * The real Snowflake clients the SQL endpoint's tests drive, installed from PyPI into venvs in the tools
 * cache (outside the repository), once per machine: a second run finds them and starts at once. Node's
 * snowflake-sdk is a devDependency. An install that fails fails the test; nothing here skips.
 */
export interface PythonClient {
  python: string;
  /** The `snow` executable, when the venv has snowflake-cli. */
  snow?: string;
}

/** snowflake-cli 3.30.0 (3.31.0 pins a pip the registry lacks) with the connector it pins, 4.7.5. */
export const SNOW_CLI_REQUIREMENTS = ["snowflake-cli==3.30.0", "snowflake-connector-python==4.7.5"];
/** Connector 5.x (the Rust core): a venv of its own, because snowflake-cli pins 4.7.5. */
export const CONNECTOR5_REQUIREMENTS = ["snowflake-connector-python==5.2.0"];

export function snowCli(): PythonClient {
  const venv = ensureVenv("snow-3.30.0", SNOW_CLI_REQUIREMENTS, "import snowflake.cli, snowflake.connector");
  return { python: path.join(venv, "bin", "python"), snow: path.join(venv, "bin", "snow") };
}

export function connector5(): PythonClient {
  const venv = ensureVenv("connector-5.2.0", CONNECTOR5_REQUIREMENTS, "import snowflake.connector");
  return { python: path.join(venv, "bin", "python") };
}

function ensureVenv(name: string, requirements: string[], probe: string): string {
  const cache = process.env.SPCS_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-spcs");
  const venv = path.join(cache, "sql-clients", name);
  const stamp = path.join(venv, ".requirements");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === requirements.join("\n")) return venv;
  const partial = `${venv}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  must("python3", ["-m", "venv", partial]);
  must(path.join(partial, "bin", "python"), ["-m", "pip", "install", "-q", "--disable-pip-version-check", ...requirements]);
  must(path.join(partial, "bin", "python"), ["-c", probe]);
  // Console scripts carry the venv's path in their shebang: rewrite it for the final location.
  for (const f of fs.readdirSync(path.join(partial, "bin"))) {
    const p = path.join(partial, "bin", f);
    if (!fs.lstatSync(p).isFile()) continue;
    const text = fs.readFileSync(p);
    if (text.subarray(0, 2).toString() === "#!" && text.includes(partial)) fs.writeFileSync(p, text.toString("utf8").split(partial).join(venv));
  }
  fs.writeFileSync(path.join(partial, ".requirements"), requirements.join("\n"));
  fs.rmSync(venv, { recursive: true, force: true });
  fs.renameSync(partial, venv);
  return venv;
}

function must(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}):\n${(r.stderr || r.stdout || "").slice(-3000)}`);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a client process without blocking the event loop (the endpoint under test runs in this process). */
export function runClient(cmd: string, args: string[], opts: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/**
 * The real `snow` as a test script calls it: `snow` gives the result, `ok` its stdout and fails the test
 * with both streams when it exits non-zero, `json` parses what `--format json` printed. `settings` is
 * read at each call, so a suite can fill in the binary and environment in its `before`.
 */
export function snowCalls(settings: () => { bin: string; env: Record<string, string> }) {
  const snow = (...args: string[]): Promise<RunResult> => runClient(settings().bin, args, { env: settings().env, timeoutMs: 300_000 });
  const ok = async (...args: string[]): Promise<string> => {
    const r = await snow(...args);
    assert.equal(r.code, 0, `snow ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  const json = async <T = Record<string, unknown>[]>(...args: string[]): Promise<T> => JSON.parse(await ok(...args, "--format", "json")) as T;
  return { snow, ok, json };
}

/** A snow config with one connection to the endpoint (chmod 600, as snow requires); returns SNOWFLAKE_HOME. */
export function snowHome(endpoint: string, database = "TESTDB"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-snow-"));
  const [host, port] = endpoint.split(":");
  const file = path.join(dir, "config.toml");
  fs.writeFileSync(file, `default_connection_name = "t"\n[connections.t]\naccount = "test"\nuser = "tester"\npassword = "pw"\nhost = "${host}"\nport = ${port}\nprotocol = "http"\ndatabase = "${database}"\nschema = "PUBLIC"\n`, { mode: 0o600 });
  return dir;
}
