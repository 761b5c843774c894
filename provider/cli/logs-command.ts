import { InvalidArgumentError, type Command } from "commander";
import type { ServiceKey } from "../catalog/service-store";
import { LOG_TAIL, resolveLogTarget, serviceLogs } from "../statements/service-logs";
import { qualified } from "../model/service-naming";
import type { CliContext } from "./cli-context";
import { parseServiceRef } from "./service-commands";
import { UsageError } from "./usage-error";

export { LOG_TAIL };

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

/** `--previous` shows past runs; `--follow` streams the current one: together they mean nothing. */
export function checkLogsOptions(o: LogsOptions): void {
  if (o.previous && o.follow) throw new UsageError("--previous and --follow cannot be combined: previous logs are complete, only the current container's grow");
}

/**
 * SYSTEM$GET_SERVICE_LOGS (statements/service-logs.ts); with `follow`, streams new lines of the current
 * run, across restarts, until `signal` aborts or the container is removed.
 */
export async function printLogs(ctx: CliContext, key: ServiceKey, o: LogsOptions, signal?: AbortSignal): Promise<void> {
  const platform = ctx.platform();
  if (!o.follow) {
    const text = await serviceLogs(platform, key, o);
    if (text) ctx.io.stdout(text.endsWith("\n") ? text : text + "\n");
    return;
  }
  const t = await resolveLogTarget(platform, key, o.instance, o.container);
  const ended = await platform.docker.followContainerLogs(t.dockerName, { tail: o.tail, signal: signal ?? new AbortController().signal, onText: ctx.io.stdout });
  if (ended === "removed") ctx.io.stderr(`(container ${t.container} of instance ${t.instanceId} of service ${qualified(key)} was removed: the service was suspended, upgraded or dropped)\n`);
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
