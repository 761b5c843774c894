/**
 * `spcs spec …`: validate, render and normalise specification files from the command line.
 * Pure: all I/O goes through `io`, so the CLI is tested without a process or a file system.
 * `io.stdout`/`io.stderr` receive text that already ends in newlines (like stream.write).
 */
import { analyzeSpec } from "./analyze-spec";
import { formatDiagnostic, type SpecDiagnostic } from "./diagnostics";
import { jsonSchemaText } from "./json-schema";
import { renderTemplate } from "./render-template";

export interface SpecCliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => string;
}

export const SPEC_CLI_USAGE = `Usage: spcs spec <command> [options]

Commands:
  validate FILE... [--using KEY=VALUE ...] [--kind service|job] [--min-instances N] [--max-instances N] [--format text|json]
      Check specification files; prints file:line:col: severity code: message (fix).
      Exit 0 when every file is valid, 1 when any is invalid, 2 on usage errors.
  render FILE --using KEY=VALUE ...
      Render a specification template and print the YAML.
  normalize FILE [--using KEY=VALUE ...] [--kind service|job] [--format text|json]
      Print the canonical form, headed by '# specDigest: sha256:<hex>'.
  schema
      Print the JSON Schema of the specification language.

Options:
  --using KEY=VALUE   a template value, as in USING (KEY => 'VALUE'); repeatable
  --kind service|job  job services allow less (no public endpoints, no autoscaling); default service
  --min-instances N   the service's MIN_INSTANCES (and --max-instances N): block volumes need them equal
  --format text|json  output format; default text
  --help              show this help
`;

interface CliArgs {
  command: string;
  files: string[];
  using?: Record<string, string>;
  kind: "service" | "job";
  /** --min-instances / --max-instances: the statement's counts, for the rules that depend on them. */
  minInstances?: number;
  maxInstances?: number;
  format: "text" | "json";
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { command: "", files: [], kind: "service", format: "text", help: false };
  const value = (flag: string, inline: string | undefined, i: number): [string, number] => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return [argv[i + 1], i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      args.help = true;
      continue;
    }
    if (!a.startsWith("-") || a === "-") {
      if (!args.command) args.command = a;
      else args.files.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const flag = eq === -1 ? a : a.slice(0, eq);
    const inline = eq === -1 ? undefined : a.slice(eq + 1);
    let v: string;
    switch (flag) {
      case "--using": {
        [v, i] = value(flag, inline, i);
        const sep = v.indexOf("=");
        if (sep <= 0) throw new UsageError(`--using expects KEY=VALUE, got '${v}'`);
        (args.using ??= {})[v.slice(0, sep)] = v.slice(sep + 1);
        break;
      }
      case "--format":
        [v, i] = value(flag, inline, i);
        if (v !== "text" && v !== "json") throw new UsageError(`--format must be text or json, got '${v}'`);
        args.format = v;
        break;
      case "--kind":
        [v, i] = value(flag, inline, i);
        if (v !== "service" && v !== "job") throw new UsageError(`--kind must be service or job, got '${v}'`);
        args.kind = v;
        break;
      case "--min-instances":
      case "--max-instances": {
        [v, i] = value(flag, inline, i);
        if (!/^[1-9][0-9]{0,5}$/.test(v)) throw new UsageError(`${flag} must be a whole number of 1 or more, got '${v}'`);
        if (flag === "--min-instances") args.minInstances = Number(v);
        else args.maxInstances = Number(v);
        break;
      }
      default:
        throw new UsageError(`unknown option '${a}'`);
    }
  }
  return args;
}

/** SPCS's defaults: MAX_INSTANCES = MIN_INSTANCES, MIN_INSTANCES = 1. */
function instancesOf(args: CliArgs): { min: number; max: number } | undefined {
  if (args.minInstances === undefined && args.maxInstances === undefined) return undefined;
  const min = args.minInstances ?? 1;
  return { min, max: args.maxInstances ?? min };
}

function readAll(files: string[], io: SpecCliIo): Map<string, string> {
  const texts = new Map<string, string>();
  for (const f of files) {
    try {
      texts.set(f, io.readFile(f));
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${(e as Error).message}`);
    }
  }
  return texts;
}

const lines = (ds: SpecDiagnostic[], file: string): string => ds.map((d) => `${formatDiagnostic(d, file)}\n`).join("");

function validate(args: CliArgs, io: SpecCliIo): number {
  if (args.files.length === 0) throw new UsageError("validate needs at least one FILE");
  const texts = readAll(args.files, io);
  const results = [...texts].map(([file, text]) => ({ file, ...analyzeSpec(text, { kind: args.kind, using: args.using, instances: instancesOf(args), file }) }));
  if (args.format === "json") {
    const files = results.map((r) => ({ file: r.file, ok: r.ok, ...(r.specDigest ? { specDigest: r.specDigest } : {}), diagnostics: r.diagnostics }));
    io.stdout(`${JSON.stringify({ ok: results.every((r) => r.ok), files }, null, 2)}\n`);
  } else {
    for (const r of results) io.stdout(lines(r.diagnostics, r.file) + (r.ok ? `${r.file}: ok (specDigest sha256:${r.specDigest})\n` : ""));
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

function single(args: CliArgs, io: SpecCliIo, command: string): [string, string] {
  if (args.files.length !== 1) throw new UsageError(`${command} needs exactly one FILE`);
  const [[file, text]] = readAll(args.files, io);
  return [file, text];
}

function render(args: CliArgs, io: SpecCliIo): number {
  const [file, text] = single(args, io, "render");
  const r = renderTemplate(text, args.using ?? {});
  io.stderr(lines(r.diagnostics, file));
  if (r.text === undefined) return 1;
  io.stdout(r.text);
  return 0;
}

function normalize(args: CliArgs, io: SpecCliIo): number {
  const [file, text] = single(args, io, "normalize");
  const r = analyzeSpec(text, { kind: args.kind, using: args.using, instances: instancesOf(args), file });
  io.stderr(lines(r.diagnostics, file));
  if (!r.ok) return 1;
  if (args.format === "json") io.stdout(`${JSON.stringify({ specDigest: r.specDigest, canonical: r.canonical }, null, 2)}\n`);
  else io.stdout(`# specDigest: sha256:${r.specDigest}\n${r.canonicalYaml}`);
  return 0;
}

/** Runs `spcs spec <argv>` and returns the exit code. */
export function runSpecCli(argv: string[], io: SpecCliIo): number {
  try {
    const args = parseArgs(argv);
    if (args.help || args.command === "help") {
      io.stdout(SPEC_CLI_USAGE);
      return 0;
    }
    switch (args.command) {
      case "validate":
        return validate(args, io);
      case "render":
        return render(args, io);
      case "normalize":
        return normalize(args, io);
      case "schema":
        io.stdout(jsonSchemaText());
        return 0;
      case "":
        throw new UsageError("missing command");
      default:
        throw new UsageError(`unknown command '${args.command}'`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`spcs spec: ${e.message}\n\n${SPEC_CLI_USAGE}`);
    return 2;
  }
}
