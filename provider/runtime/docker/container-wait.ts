import type Dockerode from "dockerode";

/**
 * Resolves once one of the containers is not running (it exited, or is gone), or after `timeoutMs`,
 * whichever comes first: the engine's own wait (`docker wait --condition not-running`), which answers at
 * the exit instead of at the next poll. The other waits are cancelled, so no request stays open.
 */
export async function awaitAnyExit(docker: Dockerode, ids: string[], timeoutMs: number): Promise<void> {
  if (ids.length === 0) return;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  // A wait that fails (gone: 404, aborted) counts as "not running" too: the caller looks again either way.
  const exits = ids.map((id) => (docker.getContainer(id).wait({ condition: "not-running", abortSignal: abort.signal }) as Promise<unknown>).then(() => undefined, () => undefined));
  try {
    await Promise.race([deadline, ...exits]);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
