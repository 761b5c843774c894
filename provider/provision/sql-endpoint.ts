import { terminate } from "../common/terminate";
import * as fs from "node:fs";
import * as path from "node:path";
import { configEnv, homePaths, type PlatformConfig } from "../common/config";
import { stagesDir } from "../common/home-layout";
import { ensureFakesnowVenv, fakesnowVersion, httpAnswers, startFakesnow } from "./fakesnow";
import type { PartStatus } from "./part-status";
import { SNOW_CONNECTION_NAME, writeSnowConfig } from "./snow-connection";
import { startDaemon, waitFor } from "./system";
import { processAlive } from "../common/process-alive";

const ENDPOINT_MAIN = path.join(__dirname, "..", "sql", "server", "main.js");
const START_TIMEOUT_MS = 60_000;

interface Proc {
  pid: number;
  address: string;
}

/** What `platform up` records about the SQL part, in `<home>/sql/state.json`. */
interface SqlState {
  fakesnow?: Proc;
  endpoint?: Proc;
}

function sqlPaths(home: string) {
  const dir = path.join(home, "sql");
  return {
    dir,
    state: path.join(dir, "state.json"),
    addressFile: path.join(dir, "endpoint-address.json"),
    fakesnowDb: path.join(dir, "fakesnow"),
    snowHome: path.join(dir, "snow"),
  };
}

/**
 * The SQL endpoint (sql/server) in front of fakesnow, both as background processes that outlive the CLI.
 * Each is reused while its recorded process is alive and answering; the endpoint keeps its port across
 * restarts when it can, so the written `snow` connection stays valid.
 */
export async function ensureSqlEndpoint(config: PlatformConfig, log: (line: string) => void): Promise<PartStatus> {
  const p = sqlPaths(config.home);
  const logs = homePaths(config.home).logs;
  fs.mkdirSync(p.dir, { recursive: true });
  const state = readState(config.home);
  let fakesnow = state.fakesnow;
  let started = false;
  if (!fakesnow || !(await up(fakesnow))) {
    const { venv } = await ensureFakesnowVenv(log);
    log("starting fakesnow (the SQL endpoint's engine for non-SPCS SQL)");
    fakesnow = await startFakesnow(venv, p.fakesnowDb, stagesDir(config.home), path.join(logs, "fakesnow.log"));
    const f = fakesnow;
    await waitFor("fakesnow", async () => ((await httpAnswers(f.address)) ? true : undefined), START_TIMEOUT_MS, `see ${path.join(logs, "fakesnow.log")}`);
    writeState(config.home, { ...readState(config.home), fakesnow });
    started = true;
  }
  let endpoint = state.endpoint;
  if (started || !endpoint || !(await up(endpoint))) {
    if (endpoint) terminate(endpoint.pid);
    log("starting the SQL endpoint");
    fs.rmSync(p.addressFile, { force: true });
    const port = endpoint?.address.split(":")[1] ?? "0";
    const env = { ...configEnv(config), SPCS_SQL_FAKESNOW: fakesnow.address, SPCS_SQL_PORT: port, SPCS_SQL_ADDRESS_FILE: p.addressFile };
    const launch = (e: Record<string, string>) => startDaemon(process.execPath, [ENDPOINT_MAIN], path.join(logs, "sql-endpoint.log"), e);
    let pid = launch(env);
    let written = await waitFor("the SQL endpoint", async () => readAddress(p.addressFile) ?? (processAlive(pid) ? undefined : false), START_TIMEOUT_MS, `see ${path.join(logs, "sql-endpoint.log")}`);
    if (written === false && port !== "0") {
      // Its old port is taken by now: take any free one (the snow connection is rewritten below).
      pid = launch({ ...env, SPCS_SQL_PORT: "0" });
      written = await waitFor("the SQL endpoint", async () => readAddress(p.addressFile) ?? (processAlive(pid) ? undefined : false), START_TIMEOUT_MS, `see ${path.join(logs, "sql-endpoint.log")}`);
    }
    if (written === false) return { name: "sql", ok: false, address: "-", detail: `the SQL endpoint exited at start; see ${path.join(logs, "sql-endpoint.log")}` };
    endpoint = written;
    writeState(config.home, { ...readState(config.home), endpoint });
  }
  const snowConfig = writeSnowConfig(p.snowHome, endpoint.address, config.account);
  log(`snow: SNOWFLAKE_HOME=${p.snowHome} snow sql -q "select 1"   (or: snow --config-file ${snowConfig} sql -c ${SNOW_CONNECTION_NAME} …)`);
  return sqlEndpointStatus(config);
}

export async function sqlEndpointStatus(config: PlatformConfig): Promise<PartStatus> {
  const p = sqlPaths(config.home);
  const { fakesnow, endpoint } = readState(config.home);
  if (!fakesnow || !endpoint || !(await up(fakesnow)) || !(await up(endpoint))) {
    return { name: "sql", ok: false, address: endpoint?.address ?? "-", detail: "not running; run `spcs platform up`" };
  }
  const version = fakesnowVersion();
  return {
    name: "sql",
    ok: true,
    address: endpoint.address,
    path: path.join(p.snowHome, "config.toml"),
    version: version ? `fakesnow ${version}` : undefined,
    detail: `Snowflake SQL endpoint (fakesnow at ${fakesnow.address}); snow: SNOWFLAKE_HOME=${p.snowHome} snow sql -c ${SNOW_CONNECTION_NAME}`,
  };
}

/** `platform down`: stops the endpoint and fakesnow; fakesnow's databases stay under the home. */
export function stopSqlEndpoint(config: PlatformConfig): void {
  const state = readState(config.home);
  if (state.endpoint) terminate(state.endpoint.pid);
  if (state.fakesnow) terminate(state.fakesnow.pid);
  if (state.endpoint || state.fakesnow) writeState(config.home, {});
}

/** How long a recorded process that is alive but not answering (busy, a loaded machine) gets before it is replaced. */
const BUSY_GRACE_MS = 30_000;

/**
 * Whether a recorded process is there and answering. One that is alive but slow is waited for, not
 * replaced at once: a second fakesnow on the same database file would find it locked and never answer.
 * One that stays silent is stopped (and waited for) before the caller starts another.
 */
async function up(proc: Proc): Promise<boolean> {
  const deadline = Date.now() + BUSY_GRACE_MS;
  while (processAlive(proc.pid)) {
    if (await httpAnswers(proc.address)) return true;
    if (Date.now() > deadline) {
      terminate(proc.pid);
      for (let i = 0; i < 50 && processAlive(proc.pid); i++) await new Promise((r) => setTimeout(r, 100));
      return false;
    }
  }
  return false;
}

function readAddress(file: string): Proc | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Proc;
  } catch {
    return undefined;
  }
}

function readState(home: string): SqlState {
  try {
    return JSON.parse(fs.readFileSync(sqlPaths(home).state, "utf8")) as SqlState;
  } catch {
    return {};
  }
}

function writeState(home: string, state: SqlState): void {
  fs.mkdirSync(sqlPaths(home).dir, { recursive: true });
  fs.writeFileSync(sqlPaths(home).state, JSON.stringify(state, null, 2) + "\n");
}

