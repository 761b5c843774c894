#!/usr/bin/env node
/**
 * `spcs`: shows and alters the local SPCS platform the way `snow spcs` and SQL do for Snowflake.
 * Verbs are named after the SQL they mirror (`show compute-pools`, `alter compute-pool P suspend`).
 * Exit codes: 0 success, 1 an SPCS error (message and fix on stderr), 2 a usage error.
 */
import { CommanderError } from "commander";
import { isSpcsError } from "../common/errors";
import { engineUnreachable } from "../runtime/runtime-error";
import type { CliIo } from "./output";
import { buildProgram } from "./program";
import { runSpec, specArgs } from "./spec-command";
import { UsageError } from "./usage-error";
import { oneLine } from "../common/text";
import { withFix } from "../common/fix";

export type { CliIo } from "./output";

/**
 * The real streams. A reader that goes away (`spcs show services | head -1`) makes writes fail with EPIPE
 * (Node ignores SIGPIPE): the stream is then treated as closed and later writes are dropped, so the
 * command ends quietly with its own exit code instead of an unhandled 'error' event and a stack trace.
 */
function streamIo(): CliIo {
  const closed = { stdout: false, stderr: false };
  for (const name of ["stdout", "stderr"] as const) {
    process[name].on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      closed[name] = true;
    });
  }
  return {
    stdout: (s) => void (closed.stdout || process.stdout.write(s)),
    stderr: (s) => void (closed.stderr || process.stderr.write(s)),
  };
}

/** Runs one command line (without `node` and the script) and returns its exit code; never exits the process. */
export async function runCli(argv: string[], io: CliIo = streamIo()): Promise<number> {
  const spec = specArgs(argv);
  if (spec) {
    try {
      return runSpec(spec, io);
    } catch (e) {
      return reportError(e, io);
    }
  }
  const { program, ctx } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    return reportError(e, io);
  } finally {
    ctx.close();
  }
}

function reportError(e: unknown, io: CliIo): number {
  // Commander has already printed its message (or the help that was asked for).
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof UsageError) {
    io.stderr(`error: ${oneLine(e.reason)}\n${e.usage ? `${e.usage}\n` : ""}(add --help for usage)\n`);
    return 2;
  }
  // SpcsError's message already ends in its `fix:` line; a stack trace would only bury it.
  const reason = isSpcsError(e) ? e : engineUnreachable(e);
  if (reason) {
    // One line for the message and one for the fix, each escaped: input quoted in them cannot add lines.
    io.stderr(`error: ${withFix(oneLine(reason.reason), reason.hint && oneLine(reason.hint), "error")}\n`);
    return 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`error: ${oneLine(err.message)}\n`);
  if ((io.env ?? process.env).SPCS_DEBUG) io.stderr(`${err.stack}\n`);
  else io.stderr("(set SPCS_DEBUG=1 to see where this came from)\n");
  return 1;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
