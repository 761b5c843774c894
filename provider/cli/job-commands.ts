import { InvalidArgumentError, type Command } from "commander";
import type { JobHistoryRow } from "../catalog/job-store";
import { cancelJob } from "../statements/jobs";
import type { Platform } from "../platform/platform";
import type { CliContext } from "./cli-context";
import { SHOW_SERVICES_COLUMNS, SHOW_SERVICES_NARROW, parseServiceRef, servicesScope, showServices } from "./service-commands";
import { UsageError } from "./usage-error";
import type { Verbs } from "./verbs";

/** GET_JOB_HISTORY's columns, in its order. */
export const JOB_HISTORY_COLUMNS = [
  "queryId", "id", "name", "databaseName", "schemaName", "createdTime", "completedTime", "deletedTime", "status", "message",
  "instanceStatuses", "computePoolName", "owner", "ownerRoleType", "parameters",
] as const satisfies readonly (keyof JobHistoryRow)[];
/** The columns a table shows; JSON rows carry every one. */
const JOB_HISTORY_TABLE = ["queryId", "name", "databaseName", "schemaName", "createdTime", "completedTime", "deletedTime", "status", "computePoolName"] as const;

/** GET_JOB_HISTORY's defaults: the last 14 days, the most recent 100 jobs; RESULT_LIMIT is 1 to 10000. */
export const HISTORY_DEFAULTS = { days: 14, limit: 100, maxLimit: 10_000 } as const;

export function parseResultLimit(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > HISTORY_DEFAULTS.maxLimit) throw new InvalidArgumentError(`Expected a number of rows from 1 to ${HISTORY_DEFAULTS.maxLimit}.`);
  return n;
}

export function parseTimestamp(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError("Expected a timestamp, e.g. 2026-11-30 or 2026-11-30T08:00:00Z.");
  return new Date(t).toISOString();
}

/**
 * SNOWFLAKE.SPCS.GET_JOB_HISTORY(CREATED_TIME_START, CREATED_TIME_END, RESULT_LIMIT): jobs running,
 * finished and deleted, most recent first. A job that still exists is described first, so a finished one
 * is recorded as such before it is listed.
 */
export async function jobHistory(platform: Platform, o: { start?: string; end?: string; limit?: number; now?: Date }): Promise<JobHistoryRow[]> {
  const now = o.now ?? new Date();
  const start = o.start ?? new Date(now.getTime() - HISTORY_DEFAULTS.days * 86_400_000).toISOString();
  const end = o.end ?? now.toISOString();
  if (start > end) throw new UsageError(`--created-time-start (${start}) is after --created-time-end (${end})`);
  return platform.catalog.jobs.history({ start, end, limit: o.limit ?? HISTORY_DEFAULTS.limit });
}

export function registerJobCommands(program: Command, verbs: Verbs, ctx: CliContext): void {
  const showJob = verbs.show.command("job").description("SHOW JOB SERVICES | the job history");
  showJob
    .command("services")
    .description("SHOW JOB SERVICES [LIKE pattern] [IN ACCOUNT | DATABASE db | SCHEMA db.schema | COMPUTE POOL pool]")
    .usage("[--like <pattern>] [in account | in database DB | in schema DB.SCHEMA | in compute-pool POOL]")
    .argument("[words...]", "in compute-pool POOL, in database DB, in schema DB.SCHEMA or in account")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .action(async (words: string[], o: { like?: string }) => {
      const scope = servicesScope(words, {});
      const jobs = (await showServices(ctx.platform(), { like: o.like, ...scope })).filter((d) => d.isJob);
      ctx.output.rows(jobs.map((d) => Object.fromEntries(SHOW_SERVICES_COLUMNS.map((k) => [k, d[k]]))), SHOW_SERVICES_COLUMNS, SHOW_SERVICES_NARROW);
    });
  showJob
    .command("history")
    .description("SNOWFLAKE.SPCS.GET_JOB_HISTORY(): jobs created in a time range (default the last 14 days), deleted ones too, most recent first")
    .option("--created-time-start <time>", "CREATED_TIME_START (default: 14 days ago)", parseTimestamp)
    .option("--created-time-end <time>", "CREATED_TIME_END (default: now)", parseTimestamp)
    .option("--result-limit <n>", `RESULT_LIMIT, 1 to ${HISTORY_DEFAULTS.maxLimit}`, parseResultLimit, HISTORY_DEFAULTS.limit)
    .action(async (o: { createdTimeStart?: string; createdTimeEnd?: string; resultLimit: number }) => {
      const rows = await jobHistory(ctx.platform(), { start: o.createdTimeStart, end: o.createdTimeEnd, limit: o.resultLimit });
      ctx.output.rows(rows, JOB_HISTORY_COLUMNS, JOB_HISTORY_TABLE);
    });

  program
    .command("cancel")
    .description("<job>!SPCS_CANCEL_JOB(): cancel a job service that has not finished")
    .command("job")
    .argument("<db.schema.name>", "the job (case-insensitive)")
    .action(async (ref: string) => {
      const key = parseServiceRef(ref);
      const status = await cancelJob(ctx.platform(), key);
      ctx.output.status(status === "CANCELLED" ? `Job ${key.name} cancelled.` : `Job ${key.name} had already finished with status ${status}.`);
    });
}
