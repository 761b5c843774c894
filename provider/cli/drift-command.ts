import type { Command } from "commander";
import { resolveConfig } from "../common/config";
import { readPlatformState } from "../platform/platform";
import type { CliContext } from "./cli-context";
import { checkStack, parseStackTarget, shortValue, type StackDrift } from "./estate-drift";
import { UsageError } from "./usage-error";

/** Exit codes of `spcs drift`, for the scheduled job that runs it. */
export const DRIFT_EXIT = { clean: 0, drifted: 1, usage: 2, unchecked: 3 } as const;

/**
 * `spcs drift --stack DIR:STACK ...`: `pulumi preview --refresh` of every stack, and one row per resource
 * and field that no longer matches its code. Exit code 0 when every stack is clean, 1 when anything
 * drifted, 2 on a usage error, 3 when a stack could not be checked (its preview failed) and none drifted.
 */
export function registerDriftCommand(program: Command, ctx: CliContext): void {
  program
    .command("drift")
    .description("check stacks against the platform with `pulumi preview --refresh`: exit 0 clean, 1 drifted, 2 usage error, 3 a stack could not be checked")
    .option("--stack <dir:stack>", "a Pulumi program's folder and a stack name (repeat for each stack)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action((opts: { stack: string[] }) => {
      if (opts.stack.length === 0) throw new UsageError("name at least one stack: spcs drift --stack DIR:STACK [--stack DIR:STACK ...]");
      const targets = opts.stack.map((s) => parseStackTarget(s));
      const env = pulumiEnv(ctx);
      const results: StackDrift[] = [];
      for (const t of targets) {
        ctx.io.stderr(`checking ${t.stack} (${t.dir})...\n`);
        results.push(checkStack(t, env));
      }
      report(ctx, results);
      const drifted = results.some((r) => r.resources.length > 0);
      ctx.exitCode = drifted ? DRIFT_EXIT.drifted : results.some((r) => !r.checked) ? DRIFT_EXIT.unchecked : DRIFT_EXIT.clean;
    });
}

/** The caller's environment, with the Pulumi CLI `spcs platform up` installed on PATH when there is one. */
function pulumiEnv(ctx: CliContext): NodeJS.ProcessEnv {
  const env = ctx.io.env ?? process.env;
  const bin = readPlatformState(resolveConfig(undefined, env).home).pulumi?.bin;
  return bin ? { ...env, PATH: `${env.PATH ?? ""}:${bin}` } : { ...env };
}

function report(ctx: CliContext, results: StackDrift[]): void {
  if (ctx.output.isJson()) {
    ctx.io.stdout(JSON.stringify(results, null, 2) + "\n");
    return;
  }
  const rows: object[] = [];
  for (const r of results) {
    if (!r.checked) rows.push({ stack: r.stack, resource: "", change: "not checked", field: "", platform: "", code: r.error });
    else if (r.resources.length === 0) rows.push({ stack: r.stack, resource: "", change: "clean", field: "", platform: "", code: "" });
    for (const res of r.resources) {
      for (const f of res.fields) {
        rows.push({
          stack: r.stack,
          resource: `${res.type} ${res.name}`,
          change: res.op,
          field: f.field,
          platform: f.detail ?? shortValue(f.platform),
          code: f.detail ? "" : shortValue(f.code),
        });
      }
    }
  }
  ctx.output.rows(rows, ["stack", "resource", "change", "field", { key: "platform", header: "platform (refreshed)" }, "code"]);
}
