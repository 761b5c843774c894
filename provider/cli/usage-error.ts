/**
 * A command line that cannot mean anything: exit code 2, as for commander's own parse errors. Kept apart
 * from SpcsError (exit code 1), which is the platform refusing a well-formed request.
 */
export class UsageError extends Error {
  constructor(
    /** What is wrong, printed on one line (escaped): it may quote the words given. */
    readonly reason: string,
    /** The command's usage line, printed on a line of its own after the reason. */
    readonly usage?: string,
  ) {
    super(usage ? `${reason}\n${usage}` : reason);
    this.name = "UsageError";
  }
}
