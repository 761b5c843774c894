#!/usr/bin/env node
/**
 * `spcs`: shows and alters the local SPCS platform the way `snow spcs` and SQL do for Snowflake.
 * Verbs are named after the SQL they mirror (`show compute-pools`, `alter compute-pool P suspend`).
 * Exit codes: 0 success, 1 an SPCS error (message and fix on stderr), 2 a usage error.
 */
import { Command, CommanderError, Option } from "commander";
import { resolveConfig, type PlatformConfig } from "../common/config";
import { isSpcsError } from "../common/errors";
import { openPlatform } from "../platform/platform";
import { platformStatus, platformUp, type PlatformStatus } from "../platform/provision/provision";
import { alterPoolSet, createPool, describePool, dropPool, resumePool, showPools, suspendPool } from "../resources/compute-pool/compute-pools";
import { INSTANCE_FAMILIES } from "../resources/compute-pool/instance-families";
import { describeRepository, showImages, showRepositories } from "../resources/image-repository/image-repositories";
import { doesNotExist } from "../common/errors";
import { renderProperties, renderTable } from "./table";

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isSpcsError(e)) {
      io.stderr(`error: ${e.message}\n`);
      return 1;
    }
    io.stderr(`error: ${(e as Error).message}\n`);
    return 1;
  }
}

function buildProgram(io: CliIo, setCode: (c: number) => void): Command {
  const program = new Command("spcs")
    .description("Show and alter the local Snowpark Container Services platform")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--home <dir>", "platform home (default: $SPCS_HOME or ~/.spcs)")
    .option("--registry <host:port>", "registry address (default: $SPCS_REGISTRY or 127.0.0.1:5000)")
    .option("--docker-host <url>", "Docker engine address (default: $DOCKER_HOST or the local socket)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  const config = (): PlatformConfig => {
    const o = program.opts();
    const base = resolveConfig();
    return { ...base, ...(o.home && { home: require("node:path").resolve(o.home) }), ...(o.registry && { registry: o.registry }), ...(o.dockerHost && { dockerHost: o.dockerHost }) };
  };
  const platform = () => openPlatform(config());
  const print = (rows: object[] | object, columns?: string[]) => {
    if (program.opts().format === "json") return io.stdout(JSON.stringify(rows, null, 2) + "\n");
    io.stdout(Array.isArray(rows) ? renderTable(rows as Record<string, unknown>[], columns) : renderProperties(rows as Record<string, unknown>));
  };
  const POOL_COLUMNS = ["name", "state", "minNodes", "maxNodes", "instanceFamily", "numServices", "numJobs", "autoSuspendSecs", "autoResume", "activeNodes", "idleNodes", "targetNodes", "createdOn", "resumedOn", "updatedOn", "owner", "comment"];
  const int = (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new CommanderError(2, "spcs.usage", `not a whole number: ${v}`);
    return n;
  };
  const bool = (v: string) => {
    if (!/^(true|false)$/i.test(v)) throw new CommanderError(2, "spcs.usage", `not true or false: ${v}`);
    return v.toLowerCase() === "true";
  };

  const show = program.command("show").description("SHOW commands");
  show.command("compute-pools").option("--like <pattern>").action((o) => print(showPools(platform(), o.like), POOL_COLUMNS));
  show.command("compute-pool-instance-families").action(() => print(INSTANCE_FAMILIES.map(({ confirmed: _c, ...f }) => ({ ...f, currentNodeUsage: 0 }))));
  show
    .command("image-repositories")
    .option("--like <pattern>")
    .option("--in-database <db>")
    .option("--in-schema <db.schema>")
    .action((o) => {
      const [db, schema] = o.inSchema ? String(o.inSchema).toUpperCase().split(".") : [o.inDatabase?.toUpperCase(), undefined];
      print(showRepositories(platform(), { like: o.like, database: db, schema }), ["createdOn", "name", "databaseName", "schemaName", "repositoryUrl", "owner", "ownerRoleType", "comment", "encryption"]);
    });
  show
    .command("images")
    .argument("[words...]", "in image-repository DB.SCHEMA.REPO")
    .option("--in <db.schema.repo>")
    .action(async (words: string[], o) => {
      const ref = o.in ?? (words.length === 3 && words[0].toLowerCase() === "in" && words[1].toLowerCase() === "image-repository" ? words[2] : undefined);
      if (!ref) throw new CommanderError(2, "spcs.usage", "usage: spcs show images in image-repository DB.SCHEMA.REPO");
      print(await showImages(platform(), repoKey(ref)));
    });

  const describe = program.command("describe").description("DESCRIBE commands");
  describe.command("compute-pool").argument("<name>").action((name: string) => {
    const d = describePool(platform(), name);
    if (!d) throw doesNotExist("Compute pool", name.toUpperCase());
    print(d);
  });
  describe.command("image-repository").argument("<db.schema.repo>").action((ref: string) => {
    const d = describeRepository(platform(), repoKey(ref));
    if (!d) throw doesNotExist("Image repository", ref.toUpperCase());
    print(d);
  });

  program
    .command("create")
    .command("compute-pool")
    .argument("<name>")
    .requiredOption("--family <family>", "instance family, e.g. CPU_X64_XS")
    .option("--min-nodes <n>", "minimum nodes", int, 1)
    .option("--max-nodes <n>", "maximum nodes (default: min-nodes)", int)
    .option("--no-auto-resume", "do not resume automatically")
    .option("--initially-suspended", "create suspended", false)
    .option("--auto-suspend-secs <n>", "idle seconds before suspending", int, 3600)
    .option("--comment <text>")
    .option("--if-not-exists", "succeed if the pool exists", false)
    .action((name: string, o) => {
      const d = createPool(
        platform(),
        { name, instanceFamily: o.family, minNodes: o.minNodes, maxNodes: o.maxNodes ?? o.minNodes, autoResume: o.autoResume, autoSuspendSecs: o.autoSuspendSecs, initiallySuspended: o.initiallySuspended, comment: o.comment ?? null },
        { ifNotExists: o.ifNotExists },
      );
      print({ status: `Compute pool ${d.name} successfully created.` });
    });

  program
    .command("alter")
    .command("compute-pool")
    .argument("<name>")
    .argument("<action>", "suspend | resume | set")
    .option("--min-nodes <n>", "", int)
    .option("--max-nodes <n>", "", int)
    .option("--auto-resume <bool>", "", bool)
    .option("--auto-suspend-secs <n>", "", int)
    .option("--family <family>")
    .option("--comment <text>")
    .action((name: string, action: string, o) => {
      const p = platform();
      switch (action.toLowerCase()) {
        case "suspend":
          suspendPool(p, name);
          break;
        case "resume":
          resumePool(p, name);
          break;
        case "set":
          alterPoolSet(p, name, { minNodes: o.minNodes, maxNodes: o.maxNodes, autoResume: o.autoResume, autoSuspendSecs: o.autoSuspendSecs, instanceFamily: o.family, comment: o.comment });
          break;
        default:
          throw new CommanderError(2, "spcs.usage", `unknown action '${action}': use suspend, resume or set`);
      }
      print({ status: "Statement executed successfully." });
    });

  program
    .command("drop")
    .command("compute-pool")
    .argument("<name>")
    .option("--if-exists", "", false)
    .action((name: string, o) => {
      dropPool(platform(), name, { ifExists: o.ifExists });
      print({ status: `${name.toUpperCase()} successfully dropped.` });
    });

  const platformCmd = program.command("platform").description("provision and inspect the local platform");
  const printStatus = (s: PlatformStatus) => {
    print(s.parts.map((p) => ({ name: p.name, ok: p.ok, where: p.address ?? p.path ?? "", version: p.version ?? "", detail: p.detail ?? "" })));
    if (s.parts.some((p) => !p.ok)) setCode(1);
  };
  platformCmd.command("up").description("install and start the engine, the registry, the base image and the Pulumi CLI").action(async () => {
    printStatus(await platformUp(config(), (line) => io.stderr(line + "\n")));
  });
  platformCmd.command("status").description("check each part of the platform").action(async () => printStatus(await platformStatus(config())));

  return program;
}

function repoKey(ref: string) {
  const parts = ref.toUpperCase().split(".");
  if (parts.length !== 3) throw new CommanderError(2, "spcs.usage", `expected DB.SCHEMA.REPO, got '${ref}'`);
  return { database: parts[0], schema: parts[1], name: parts[2] };
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
