import type { SqlResult } from "../sql-types";
import { accountObjectName, schemaObjectName, type ExecContext } from "./exec-context";
import { currentDatabase, parseIdentifierText, requirePlain, type QualifiedName } from "./identifiers";
import { literalText, type SqlLiteral } from "./options";
import { JOB_HISTORY, JOB_HISTORY_NAMES, scalarResult, tableResult } from "./result-sets";
import { defaultWindow, eventTableQuery, forwardedResult, parseTime, type EventTableFunction } from "./event-table-functions";
import { serviceLogs } from "./service-logs";
import { awaitServiceReady, cancelJob, describePool, describeService, finishEndedJobs, qualified, schemaDnsHash } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { FunctionArg, Statement } from "./statement-types";

type Call = Extract<Statement, { kind: "function" }>;

/** Positional and named arguments of one call, read with the function's name in every error. */
class Args {
  constructor(private readonly call: Call) {}

  private at(i: number, named?: string): SqlLiteral | undefined {
    const byName = named ? this.call.args.find((a: FunctionArg) => a.name === named) : undefined;
    return byName?.value ?? this.call.args.filter((a) => !a.name)[i]?.value;
  }

  private bad(what: string, v: SqlLiteral | undefined): Error {
    return sqlError("invalidValue", `SQL compilation error:\ninvalid argument ${v ? `'${literalText(v)}' ` : ""}for ${this.call.name}: expected ${what}.`);
  }

  text(i: number, what: string, named?: string): string | undefined {
    const v = this.at(i, named);
    if (v === undefined) return undefined;
    if (v.kind === "string" || v.kind === "number") return v.kind === "string" ? v.value : v.text;
    throw this.bad(what, v);
  }

  required(i: number, what: string): string {
    const v = this.text(i, what);
    if (v === undefined) throw this.bad(what, undefined);
    return v;
  }

  integer(i: number, what: string, min: number, max: number, named?: string): number | undefined {
    const v = this.at(i, named);
    if (v === undefined) return undefined;
    const n = v.kind === "number" ? v.value : v.kind === "string" && /^\s*-?\d+\s*$/.test(v.value) ? Number(v.value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw this.bad(`${what}, ${min} to ${max}`, v);
    return n;
  }

  boolean(i: number): boolean | undefined {
    const v = this.at(i);
    if (v === undefined) return undefined;
    if (v.kind === "boolean") return v.value;
    if (v.kind === "string" && /^(true|false)$/i.test(v.value)) return /^true$/i.test(v.value);
    throw this.bad("TRUE or FALSE", v);
  }

  get count(): number {
    return this.call.args.length;
  }
}

/** A service named by a string argument, as SPCS's functions take it: `'echo'`, `'db.schema.echo'`. */
function serviceArg(ctx: ExecContext, call: Call, text: string): QualifiedName {
  return schemaObjectName(parseIdentifierText(text, "service"), ctx.session, call.name, "service");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function executeFunction(ctx: ExecContext, call: Call): Promise<SqlResult> {
  const a = new Args(call);
  const { platform } = ctx;
  switch (call.name) {
    case "SYSTEM$GET_SERVICE_STATUS": {
      const key = serviceArg(ctx, call, a.required(0, "a service name"));
      const deadline = Date.now() + (a.integer(1, "a timeout in seconds", 0, 3600) ?? 0) * 1000;
      let d = await describeService(platform, key);
      // With a timeout, waits for a steady state: no container still PENDING.
      while (d && Date.now() < deadline && (d.containers.length === 0 || d.containers.some((c) => c.status === "PENDING"))) {
        await sleep(500);
        d = await describeService(platform, key);
      }
      if (!d) throw sqlError("doesNotExist", `SQL compilation error:\nService '${qualified(key)}' does not exist or not authorized.`);
      const status = d.containers.map((c) => ({ status: c.status, message: c.message, containerName: c.containerName, instanceId: c.instanceId, serviceName: d!.name, image: c.imageName, restartCount: c.restartCount, startTime: c.startTime ?? "" }));
      return scalarResult(call.column, JSON.stringify(status));
    }
    case "SYSTEM$GET_SERVICE_LOGS":
      return scalarResult(call.column, await logsOf(ctx, call, a));
    case "SYSTEM$GET_COMPUTE_POOL_STATUS": {
      const name = accountObjectName(parseIdentifierText(a.required(0, "a compute pool name"), "compute pool"), "compute pool");
      const d = describePool(platform, name);
      if (!d) throw sqlError("doesNotExist", `SQL compilation error:\nCompute pool '${name}' does not exist or not authorized.`);
      return scalarResult(call.column, JSON.stringify({ status: d.state, message: d.statusMessage }));
    }
    case "SYSTEM$WAIT_FOR_SERVICES": {
      const seconds = a.integer(0, "a timeout in seconds", 0, 604800)!;
      if (a.count < 2) throw sqlError("invalidValue", `SQL compilation error:\n${call.name} takes a timeout and at least one service name.`);
      const deadline = Date.now() + seconds * 1000;
      // OK once every service is READY; a FAILED one or the timeout is an error naming it.
      for (let i = 1; i < a.count; i++) {
        const key = serviceArg(ctx, call, a.required(i, "a service name"));
        await awaitServiceReady(platform, key, Math.max(0, (deadline - Date.now()) / 1000));
      }
      return scalarResult(call.column, "OK");
    }
    case "SYSTEM$GET_SERVICE_DNS_DOMAIN": {
      const parts = parseIdentifierText(a.required(0, "a schema name, 'db.schema'"), "schema");
      const [database, schema] = parts.length === 2 ? parts : parts.length === 1 ? [currentDatabase(ctx.session, call.name), parts[0]] : [];
      if (!database) throw sqlError("invalidValue", `SQL compilation error:\n${call.name} takes a schema name, 'db.schema'.`);
      return scalarResult(call.column, `${schemaDnsHash(requirePlain(database, "database"), requirePlain(schema, "schema"))}.svc.spcs.internal`);
    }
    case "SYSTEM$CANCEL_JOB": {
      const key = serviceArg(ctx, call, a.required(0, "a job service name"));
      const status = await cancelJob(platform, key);
      return scalarResult(call.column, status === "CANCELLED" ? `Job ${key.name} successfully terminated` : `Job ${key.name} had already finished with status ${status}.`);
    }
    case "GET_JOB_HISTORY":
      return jobHistory(ctx, a);
    case "SPCS_WAIT_FOR":
      return scalarResult(call.column, await waitFor(ctx, call, a));
    case "SPCS_CANCEL_JOB": {
      const key = schemaObjectName(call.target!, ctx.session, `${call.name}`, "job service");
      const status = await cancelJob(platform, key);
      return scalarResult(call.column, status === "CANCELLED" ? `Job ${key.name} successfully cancelled.` : `Job ${key.name} had already finished with status ${status}.`);
    }
    case "SPCS_GET_LOGS":
    case "SPCS_GET_EVENTS":
      return fromEventTable(ctx, call, a, call.name);
    case "SPCS_GET_METRICS":
      // Platform metrics (platformMonitor) are not collected here, so there is nothing to answer with.
      throw sqlError("unsupported", `Unsupported feature '${call.name}': the local platform does not collect platform metrics (platformMonitor). <service>!SPCS_GET_LOGS() and <service>!SPCS_GET_EVENTS() read the event table.`);
    default:
      throw sqlError("unsupported", `Unsupported feature '${call.name}'.`);
  }
}

/** Statuses a service or job never leaves: waiting for another one from there fails at once. */
const FINAL = ["FAILED", "DONE", "CANCELLED", "DELETED"];

/**
 * <name>!SPCS_WAIT_FOR('<status>', <seconds>): waits until DESCRIBE shows that status; fails on the
 * timeout, or at once when the service or job is in a final status it can never leave, naming its status.
 */
async function waitFor(ctx: ExecContext, call: Call, a: Args): Promise<string> {
  const key = schemaObjectName(call.target!, ctx.session, call.name, "service");
  const wanted = a.required(0, "a status such as 'RUNNING' or 'DONE'").toUpperCase();
  const seconds = a.integer(1, "a timeout in seconds", 0, 604800) ?? 0;
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const d = await describeService(ctx.platform, key);
    if (!d) throw sqlError("doesNotExist", `SQL compilation error:\nService '${qualified(key)}' does not exist or not authorized.`);
    if (d.status === wanted) return d.status;
    if (FINAL.includes(d.status)) throw sqlError("execution", `${qualified(key)} is ${d.status} and can never reach status ${wanted}.`);
    if (Date.now() >= deadline) throw sqlError("execution", `${qualified(key)} did not reach status ${wanted} within ${seconds} seconds; its status is ${d.status}.`);
    await sleep(500);
  }
}

/** SYSTEM$GET_SERVICE_LOGS(service, instance, container [, lines [, previous [, since, timestamps]]]). */
async function logsOf(ctx: ExecContext, call: Call, a: Args): Promise<string> {
  const key = serviceArg(ctx, call, a.required(0, "a service name"));
  const instanceId = a.integer(1, "an instance id", 0, 1_000_000);
  const container = a.required(2, "a container name");
  if (instanceId === undefined) throw sqlError("invalidValue", `SQL compilation error:\n${call.name} takes a service name, an instance id and a container name.`);
  const tail = a.integer(3, "a number of lines (Invalid `tail lines`)", 1, 1000) ?? 100;
  return serviceLogs(ctx, key, instanceId, container, tail, a.boolean(4) ?? false);
}

/** SNOWFLAKE.SPCS.GET_JOB_HISTORY(CREATED_TIME_START, CREATED_TIME_END, RESULT_LIMIT): defaults 14 days, 100 rows. */
async function jobHistory(ctx: ExecContext, a: Args): Promise<SqlResult> {
  const time = (i: number, name: string) => {
    const v = a.text(i, "a timestamp such as '2026-11-30 08:00:00'", name);
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw sqlError("invalidValue", `SQL compilation error:\ninvalid value '${v}' for ${name}: expected a timestamp such as '2026-11-30 08:00:00'.`);
    return new Date(t).toISOString();
  };
  const now = Date.now();
  const start = time(0, "CREATED_TIME_START") ?? new Date(now - 14 * 86_400_000).toISOString();
  const end = time(1, "CREATED_TIME_END") ?? new Date(now).toISOString();
  const limit = a.integer(2, "RESULT_LIMIT", 1, 10_000, "RESULT_LIMIT") ?? 100;
  // Jobs whose containers have all exited are finished first, so the history says DONE, not RUNNING.
  await finishEndedJobs(ctx.platform);
  const rows = ctx.platform.catalog.jobs.history({ start, end, limit }).map((r) => ({ ...r, managingObject: null }));
  return tableResult(JOB_HISTORY, rows, "select", JOB_HISTORY_NAMES);
}

/** <svc>!SPCS_GET_LOGS / SPCS_GET_EVENTS([START_TIME => …] [, END_TIME => …]): the service's rows of the event table. */
async function fromEventTable(ctx: ExecContext, call: Call, a: Args, fn: EventTableFunction): Promise<SqlResult> {
  if (call.form !== "table") throw sqlError("invalidValue", `SQL compilation error:\n${fn} is a table function: call it as SELECT * FROM TABLE(<service>!${fn}()).`);
  const key = schemaObjectName(call.target!, ctx.session, fn, "service");
  if (!(await describeService(ctx.platform, key))) throw sqlError("doesNotExist", `SQL compilation error:\nService '${qualified(key)}' does not exist or not authorized.`);
  const window = defaultWindow();
  const what = "a timestamp such as '2026-11-30 08:00:00'";
  const start = a.text(0, what, "START_TIME");
  const end = a.text(1, what, "END_TIME");
  return forwardedResult(eventTableQuery(fn, key, { start: start === undefined ? window.start : parseTime(fn, "START_TIME", start), end: end === undefined ? window.end : parseTime(fn, "END_TIME", end) }));
}
