import type { Command } from "commander";
import { platformDown, platformStatus, platformUp, type PlatformStatus } from "../provision/provision";
import type { CliContext } from "./cli-context";
import type { Column } from "./table";

/** One row per part; where a part lives is an address (engine, registry, image) or a path (a binary). */
export const PLATFORM_STATUS_COLUMNS: readonly Column[] = [
  "name",
  "ok",
  { key: "where", header: "address/path" },
  "version",
  "detail",
];

export function platformStatusRows(status: PlatformStatus) {
  return status.parts.map((p) => ({ name: p.name, ok: p.ok, where: p.address ?? p.path ?? null, version: p.version ?? null, detail: p.detail ?? null }));
}

/**
 * Prints a status (JSON: the PlatformStatus object itself, home included) and fails the run when a part
 * is not ok, so `spcs platform status && pulumi up` stops early on a broken platform.
 */
function report(ctx: CliContext, status: PlatformStatus): void {
  if (ctx.output.isJson()) ctx.output.object(status);
  else {
    ctx.io.stdout(`Platform home: ${status.home}\n`);
    ctx.output.rows(platformStatusRows(status), PLATFORM_STATUS_COLUMNS);
  }
  if (status.parts.some((p) => !p.ok)) ctx.exitCode = 1;
}

export function registerPlatformCommands(program: Command, ctx: CliContext): void {
  const platform = program.command("platform").description("provision and inspect the local platform");
  platform
    .command("up")
    .description("install and start what is missing: Docker engine, registry, base image, Pulumi CLI (progress on stderr)")
    .action(async () => report(ctx, await platformUp(ctx.config(), (line) => ctx.io.stderr(line + "\n"))));
  platform
    .command("down")
    .description("stop what `platform up` started for this home (agent, SQL endpoint, registry); services, images and the catalog stay, and `platform up` starts them again")
    .action(async () => {
      await platformDown(ctx.config());
      report(ctx, await platformStatus(ctx.config()));
      ctx.exitCode = 0; // the parts it stopped are "not ok" on purpose
    });
  platform
    .command("status")
    .description("check each part of the platform, changing nothing; exit code 1 when a part is not ok")
    .action(async () => report(ctx, await platformStatus(ctx.config())));
}
