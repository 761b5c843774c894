import { InvalidArgumentError, type Command } from "commander";
import { managedLabels } from "../common/labels";
import { CRE_STATUSES, BASE_IMAGE_TYPES } from "../catalog/custom-runtime-environment-store";
import { validateImage, allPassed, failedChecks, formatReport, readyFor } from "../statements/runtime-environments";
import {
  alterRuntimeEnvironmentStatus, createRuntimeEnvironment, creName, describeRuntimeEnvironment, dropRuntimeEnvironment, showRuntimeEnvironments,
  type CustomRuntimeEnvironmentDescription,
} from "../statements/runtime-environments";
import { doesNotExist } from "../common/errors";
import type { CliContext } from "./cli-context";
import type { Verbs } from "./verbs";

/** SHOW / DESCRIBE CUSTOM RUNTIME ENVIRONMENT(S)' ten columns, in SPCS's order. */
export const SHOW_CUSTOM_RUNTIME_ENVIRONMENTS_COLUMNS = [
  "name", "imageName", "tag", "digest", "createdOn", "updatedOn", "owner", "creStatus", "baseImageType", "image",
] as const satisfies readonly (keyof CustomRuntimeEnvironmentDescription)[];

/** What a table shows without `--wide`. */
export const SHOW_CUSTOM_RUNTIME_ENVIRONMENTS_NARROW = ["name", "imageName", "tag", "creStatus", "baseImageType", "createdOn"] as const satisfies readonly (typeof SHOW_CUSTOM_RUNTIME_ENVIRONMENTS_COLUMNS)[number][];

/** The one ALTER a CRE has: SET CRE_STATUS. */
function parseAlterAction(value: string): "set-status" {
  if (value.toLowerCase() !== "set-status") throw new InvalidArgumentError("Use set-status.");
  return "set-status";
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    const v = value.toUpperCase() as T;
    if (!values.includes(v)) throw new InvalidArgumentError(`${what} must be ${values.join(" or ")}.`);
    return v;
  };
}

export function registerCustomRuntimeEnvironmentCommands(program: Command, verbs: Verbs, ctx: CliContext): void {
  verbs.show
    .command("custom-runtime-environments")
    .description("SHOW CUSTOM RUNTIME ENVIRONMENTS [LIKE pattern]")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .action((o: { like?: string }) => ctx.output.rows(showRuntimeEnvironments(ctx.platform(), o.like), SHOW_CUSTOM_RUNTIME_ENVIRONMENTS_COLUMNS, SHOW_CUSTOM_RUNTIME_ENVIRONMENTS_NARROW));

  verbs.describe
    .command("custom-runtime-environment")
    .description("DESCRIBE CUSTOM RUNTIME ENVIRONMENT name")
    .argument("<name>", "CRE name (case-insensitive)")
    .action((name: string) => {
      const d = describeRuntimeEnvironment(ctx.platform(), name);
      if (!d) throw doesNotExist("Custom runtime environment", creName(name));
      ctx.output.object(d, SHOW_CUSTOM_RUNTIME_ENVIRONMENTS_COLUMNS);
    });

  verbs.create
    .command("custom-runtime-environment")
    .description("CREATE [OR REPLACE] CUSTOM RUNTIME ENVIRONMENT name IMAGE_PATH = '...' BASE_IMAGE_TYPE = CPU|GPU (validates the image first)")
    .argument("<name>", "CRE name, an unquoted identifier (stored upper-case)")
    .requiredOption("--image-path <path>", "IMAGE_PATH: /db/schema/repo/image:tag, already pushed")
    .requiredOption("--base-image-type <type>", "BASE_IMAGE_TYPE: CPU or GPU", oneOf(BASE_IMAGE_TYPES, "--base-image-type"))
    .option("--or-replace", "replace an existing CRE of that name (records the tag's digest again)", false)
    .action(async (name: string, o: { imagePath: string; baseImageType: string; orReplace: boolean }) => {
      const d = await createRuntimeEnvironment(ctx.platform(), { name, imagePath: o.imagePath, baseImageType: o.baseImageType }, { orReplace: o.orReplace });
      ctx.output.status(`Custom runtime environment ${d.name} successfully created.`);
    });

  verbs.alter
    .command("custom-runtime-environment")
    .description("ALTER CUSTOM RUNTIME ENVIRONMENT name SET CRE_STATUS = RESOLVED|DEPRECATED")
    .usage("<name> set-status RESOLVED|DEPRECATED")
    .argument("<name>", "CRE name (case-insensitive)")
    .argument("<action>", "set-status", parseAlterAction)
    .argument("<status>", "RESOLVED or DEPRECATED", oneOf(CRE_STATUSES, "CRE_STATUS"))
    .action((name: string, _action: string, status: string) => {
      alterRuntimeEnvironmentStatus(ctx.platform(), name, status);
      ctx.output.status("Statement executed successfully.");
    });

  verbs.drop
    .command("custom-runtime-environment")
    .description("DROP CUSTOM RUNTIME ENVIRONMENT [IF EXISTS] name (the image stays in its repository)")
    .argument("<name>", "CRE name (case-insensitive)")
    .option("--if-exists", "succeed when there is no such CRE", false)
    .action((name: string, o: { ifExists: boolean }) => {
      const n = creName(name);
      const dropped = dropRuntimeEnvironment(ctx.platform(), n, { ifExists: o.ifExists });
      ctx.output.status(dropped ? `${n} successfully dropped.` : `Drop statement executed successfully (${n} already dropped).`);
    });

  program
    .command("custom-image")
    .description("custom runtime images (`snow custom-image`)")
    .command("validate")
    .description("validate a local image against Snowflake's custom runtime image requirements, before pushing it; exit code 1 when a check fails")
    .argument("<image>", "a local image of the engine: name:tag or image id")
    .action(async (image: string) => {
      const config = ctx.config();
      const report = await validateImage(ctx.platform().docker, image, { labels: managedLabels(config.home, "validation-container", image) });
      const failed = failedChecks(report).length;
      if (ctx.output.isJson()) {
        ctx.output.object({ ...report, passed: report.results.length - failed, failed, readyFor: readyFor(report), status: allPassed(report) ? "ALL CHECKS PASSED" : "VALIDATION FAILED" });
      } else ctx.io.stdout(formatReport(report));
      if (failed) {
        ctx.io.stderr(`error: Image validation failed with ${failed} error(s).\n`);
        ctx.exitCode = 1;
      }
    });
}
