/**
 * A command line that cannot mean anything: exit code 2, as for commander's own parse errors. Kept apart
 * from SpcsError (exit code 1), which is the platform refusing a well-formed request.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
