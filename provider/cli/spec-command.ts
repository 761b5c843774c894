import * as fs from "node:fs";
import { runSpecCli } from "../spec";
import type { CliIo } from "./output";
import { INPUT_LIMITS } from "../schema/input-limits";

/** Global options that take a value, so they can be stepped over on the way to the word `spec`. */
const VALUED_GLOBALS = ["--format", "--home", "--registry", "--docker-host"];

/**
 * The arguments for `spcs spec ...`, or undefined when the command is not `spec`. `spec` is intercepted
 * before commander parses anything: its own options (`--format text`, `--using K=V`, `--help`) would
 * otherwise be read as ours. Global options in front of `spec` are skipped; a `--format json` there is
 * passed on, as it means the same to `spec`.
 */
export function specArgs(argv: readonly string[]): string[] | undefined {
  let format: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "spec") {
      const rest = argv.slice(i + 1);
      return format === "json" && !rest.some((r) => r === "--format" || r.startsWith("--format=")) ? [...rest, "--format", "json"] : rest;
    }
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (!VALUED_GLOBALS.includes(flag)) return undefined;
    const value = inline ?? argv[++i];
    if (flag === "--format") format = value;
  }
  return undefined;
}

/** Runs the specification CLI (provider/spec) with our streams; its exit codes are already 0 / 1 / 2. */
export function runSpec(args: string[], io: CliIo): number {
  return runSpecCli(args, { stdout: io.stdout, stderr: io.stderr, readFile: io.readFile ?? readSpecFile });
}

/** The largest specification file read: the same bound `check` puts on a spec input. */
export const MAX_SPEC_FILE_BYTES = INPUT_LIMITS.stringLength;

/**
 * Reads at most MAX_SPEC_FILE_BYTES + 1 bytes, so a huge or endless file (`/dev/zero`, a FIFO that never
 * ends) is refused in bounded time and memory rather than read whole.
 */
export function readSpecFile(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(MAX_SPEC_FILE_BYTES + 1);
    let n = 0;
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = fs.readSync(fd, buf, n, buf.length - n, null);
    if (n > MAX_SPEC_FILE_BYTES) throw new Error(`the file is larger than ${MAX_SPEC_FILE_BYTES} bytes, the limit for a specification`);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
