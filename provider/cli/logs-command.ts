import { InvalidArgumentError, type Command } from "commander";
import { SpcsError, doesNotExist } from "../common/errors";
import type { ServiceKey } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import { lastLines } from "../common/text";
import { describeJob } from "../statements/jobs";
import type { RuntimeSpec } from "../model/runtime-spec";
import { containerName, qualified } from "../model/service-naming";
import type { CliContext } from "./cli-context";
import { parseServiceRef } from "./service-commands";
import { UsageError } from "./usage-error";

/** SYSTEM$GET_SERVICE_LOGS' number_of_most_recent_lines: SPCS rejects values outside 1..1000 ("Invalid `tail lines`"). */
export const LOG_TAIL = { min: 1, max: 1000, default: 100 } as const;

export function parseTail(value: string): number {
  const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < LOG_TAIL.min || n > LOG_TAIL.max) {
    throw new InvalidArgumentError(`Expected a number of lines from ${LOG_TAIL.min} to ${LOG_TAIL.max} (SPCS rejects others: Invalid \`tail lines\`).`);
  }
  return n;
}

/** An instance id as SHOW SERVICE INSTANCES prints it: 0, 1, ... */
export function parseInstanceId(value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError("Expected an instance id: 0, 1, 2, ...");
  return Number(value);
}

export interface LogsOptions {
  instance: number;
  container?: string;
  tail: number;
  follow: boolean;
  previous: boolean;
}

/** Which container's log to read. */
export interface LogTarget {
  key: ServiceKey;
  instanceId: number;
  container: string;
  /** The Docker container's name. */
  dockerName: string;
  restartCount: number;
}

/** `--previous` shows past runs; `--follow` streams the current one: together they mean nothing. */
export function checkLogsOptions(o: LogsOptions): void {
  if (o.previous && o.follow) throw new UsageError("--previous and --follow cannot be combined: previous logs are complete, only the current container's grow");
}

/**
 * The container SYSTEM$GET_SERVICE_LOGS(service, instance, container) reads: the container defaults to the
 * spec's first. Every way of naming nothing is an SPCS error that says what there is instead.
 */
export async function resolveLogTarget(platform: Platform, key: ServiceKey, instanceId: number, container?: string): Promise<LogTarget> {
  const q = qualified(key);
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", q);
  const names = (JSON.parse(svc.spec) as RuntimeSpec).containers.map((c) => c.name);
  const name = container ?? names[0];
  if (!names.includes(name)) {
    throw new SpcsError("container-not-found", `Container '${name}' does not exist in service ${q}.`, `the service's containers are: ${names.join(", ")}`);
  }
  if (svc.status === "SUSPENDED" || svc.status === "SUSPENDING") {
    throw new SpcsError("service-suspended", `Service ${q} is suspended: it has no containers, so there are no logs.`, `resume it: spcs alter service ${q} resume`);
  }
  const instances = platform.catalog.services.instances(key);
  const inst = instances.find((i) => i.instanceId === instanceId);
  if (!inst) {
    const ids = instances.map((i) => i.instanceId).join(", ") || "none";
    throw new SpcsError("instance-not-found", `Instance '${instanceId}' does not exist in service ${q}.`, `the service's instances are: ${ids} (spcs show service instances in service ${q})`);
  }
  if (inst.nodeId === null) {
    throw new SpcsError("instance-pending", `Instance ${instanceId} of service ${q} is pending scheduling: its containers have not started, so there are no logs yet.`, `free capacity in compute pool ${svc.computePool}, or see spcs show service containers in service ${q}`);
  }
  const dockerName = containerName(platform.config.home, key, instanceId, name);
  const info = await platform.docker.inspectContainer(dockerName);
  if (!info) {
    throw new SpcsError("container-missing", `Container ${name} of instance ${instanceId} of service ${q} is not in the Docker engine (removed outside the platform).`, "run pulumi up to recreate it (describe service lists the drift)");
  }
  return { key, instanceId, container: name, dockerName, restartCount: info.restartCount };
}

/**
 * SYSTEM$GET_SERVICE_LOGS on the local platform: the newest `tail` lines of the container's current run
 * (stdout and stderr merged), or with `previous` of the runs before it. Docker keeps one log per container
 * across restarts; DockerRuntime.containerRunLogs splits it into runs by time (see its `runBoundary`).
 * With `follow`, streams new lines, across restarts, until `signal` aborts or the container is removed.
 */
export async function printLogs(ctx: CliContext, key: ServiceKey, o: LogsOptions, signal?: AbortSignal): Promise<void> {
  const platform = ctx.platform();
  const kept = await finishedJobLogs(platform, key, o);
  if (kept !== undefined) return void (kept && ctx.io.stdout(kept.endsWith("\n") ? kept : kept + "\n"));
  const t = await resolveLogTarget(platform, key, o.instance, o.container);
  const where = `container ${t.container} of instance ${t.instanceId} of service ${qualified(key)}`;
  if (o.follow) {
    const ended = await platform.docker.followContainerLogs(t.dockerName, { tail: o.tail, signal: signal ?? new AbortController().signal, onText: ctx.io.stdout });
    if (ended === "removed") ctx.io.stderr(`(${where} was removed: the service was suspended, upgraded or dropped)\n`);
    return;
  }
  if (o.previous && t.restartCount === 0) {
    throw new SpcsError("no-previous-logs", `The ${where} has not restarted: there are no previous logs.`, "leave out --previous to see the current container's logs");
  }
  const text = await platform.docker.containerRunLogs(t.dockerName, o.tail, o.previous ? "previous" : "current");
  if (text) ctx.io.stdout(text.endsWith("\n") ? text : text + "\n");
}

/**
 * A finished job's containers are gone from the engine; their logs were kept in the catalog when the job
 * finished. Returns undefined for anything that is not a finished job (read from the engine as usual).
 */
async function finishedJobLogs(platform: Platform, key: ServiceKey, o: LogsOptions): Promise<string | undefined> {
  const svc = platform.catalog.services.get(key);
  if (!svc?.isJob) return undefined;
  // Logs of a job that has been finished come from the catalog; until then, from its containers.
  const job = (await describeJob(platform, key)) ?? undefined;
  if (!job?.completedOn) return undefined;
  const q = qualified(key);
  if (o.previous) throw new SpcsError("no-previous-logs", `Job ${q} never restarts its containers: there are no previous logs.`, "leave out --previous");
  const rows = platform.catalog.jobs.containers(key).filter((r) => r.instanceId === o.instance);
  if (!rows.length) throw new SpcsError("instance-not-found", `Instance '${o.instance}' does not exist in service ${q}.`, `the job's instances are: ${job.instances.map((i) => i.instanceId).join(", ")}`);
  const row = o.container === undefined ? rows.find((r) => r.containerName === job.containers[0]?.containerName) ?? rows[0] : rows.find((r) => r.containerName === o.container);
  if (!row) throw new SpcsError("container-not-found", `Container '${o.container}' does not exist in service ${q}.`, `the job's containers are: ${[...new Set(rows.map((r) => r.containerName))].join(", ")}`);
  return lastLines(row.logs, o.tail);
}

export function registerLogsCommand(program: Command, ctx: CliContext): void {
  program
    .command("logs")
    .description("SYSTEM$GET_SERVICE_LOGS: a service container's stdout and stderr, as written (--format does not apply)")
    .argument("<db.schema.name>", "the service (case-insensitive)")
    .option("--instance <id>", "instance id", parseInstanceId, 0)
    .option("--container <name>", "container name from the spec (default: the spec's first container)")
    .option("--tail <n>", `newest lines to show, ${LOG_TAIL.min} to ${LOG_TAIL.max}`, parseTail, LOG_TAIL.default)
    .option("--follow", "keep printing new lines, across restarts, until Ctrl-C", false)
    .option("--previous", "the logs of the runs before the container's last restart", false)
    .action(async (ref: string, o: LogsOptions) => {
      checkLogsOptions(o); // before opening the platform: a usage error must not create a catalog
      const key = parseServiceRef(ref);
      if (!o.follow) return printLogs(ctx, key, o);
      // Ctrl-C ends the stream, and the run, normally (exit code 0): stopping is how a follow ends.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        await printLogs(ctx, key, o, stop.signal);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}
