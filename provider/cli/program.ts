import { Command, Option } from "commander";
import { CliContext, type GlobalOptions } from "./cli-context";
import { registerComputePoolCommands } from "./compute-pool-commands";
import { registerDriftCommand } from "./drift-command";
import { registerEgressCommands } from "./egress-commands";
import { registerCustomRuntimeEnvironmentCommands } from "./custom-runtime-environment-commands";
import { registerImageRepositoryCommands } from "./image-repository-commands";
import { registerJobCommands } from "./job-commands";
import { registerLogsCommand } from "./logs-command";
import { OUTPUT_FORMATS, type CliIo } from "./output";
import { registerPlatformCommands } from "./platform-commands";
import { registerServiceCommands } from "./service-commands";
import { registerSnapshotCommands } from "./snapshot-commands";
import { runSpec } from "./spec-command";

/**
 * The whole `spcs` command tree, built fresh for every run: commander keeps parsed values on its Command
 * objects, so reusing one tree across in-process runs would leak options from one run into the next.
 * Commander never exits the process here (exitOverride); `runCli` turns what it throws into exit codes.
 */
export function buildProgram(io: CliIo): { program: Command; ctx: CliContext } {
  const program = new Command("spcs")
    .description("Show and alter the local Snowpark Container Services platform, the way `snow spcs` and SQL do")
    .addOption(new Option("--format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
    .option("--wide", "tables: every SQL column of a SHOW (default: the few people read first; JSON always has all)", false)
    .option("--home <dir>", "platform home (default: $SPCS_HOME or ~/.spcs)")
    .option("--registry <host:port>", "registry address (default: $SPCS_REGISTRY or 127.0.0.1:5000)")
    .option("--docker-host <url>", "Docker engine address (default: $DOCKER_HOST or the local socket)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(add --help for usage)");
  const ctx = new CliContext(io, () => program.opts<GlobalOptions>());

  // Settings above are copied into subcommands when they are created, so they must come first.
  const verbs = {
    show: program.command("show").description("SHOW: list objects"),
    describe: program.command("describe").description("DESCRIBE: one object's properties"),
    create: program.command("create").description("CREATE an object"),
    alter: program.command("alter").description("ALTER an object"),
    drop: program.command("drop").description("DROP an object"),
  };
  registerComputePoolCommands(verbs, ctx);
  registerImageRepositoryCommands(verbs, ctx);
  registerServiceCommands(verbs, ctx);
  registerSnapshotCommands(verbs, ctx);
  registerEgressCommands(verbs, ctx);
  registerJobCommands(program, verbs, ctx);
  registerCustomRuntimeEnvironmentCommands(program, verbs, ctx);
  registerLogsCommand(program, ctx);
  registerPlatformCommands(program, ctx);
  registerDriftCommand(program, ctx);

  // Normally intercepted before parsing (see spec-command.ts); listed here so `spcs --help` shows it.
  program
    .command("spec")
    .description("validate, render and normalize service specifications (`spcs spec --help`)")
    .argument("[args...]")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action((args: string[]) => {
      ctx.exitCode = runSpec(args, io);
    });
  return { program, ctx };
}
