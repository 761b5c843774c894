import { AsyncLocalStorage } from "node:async_hooks";

/** Where a provider operation's progress lines go while it waits (an instance becoming READY, a replica DONE). */
export type Progress = (line: string) => void;

const current = new AsyncLocalStorage<Progress>();

/**
 * Runs one provider operation with its progress callback, which every wait inside it reports to. The
 * dynamic provider passes none (lines go to stdout, which Pulumi shows on the Stack row); the plugin
 * passes one that turns each line into an ephemeral status message on the resource's own row.
 */
export function withProgress<T>(progress: Progress | undefined, run: () => Promise<T>): Promise<T> {
  return progress ? current.run(progress, run) : run();
}

/** The current operation's progress callback. */
export function progress(line: string): void {
  (current.getStore() ?? console.log)(line);
}
