import type Dockerode from "dockerode";
import type { ReadyLineResult } from "../container-runtime";
import { ignoreMissing, statusOf } from "./errors";
import { readFrames } from "./log-frames";

/**
 * Starts a container and follows its output from the first byte (a followed log includes what was written
 * before the request) until stdout has the line `line`, the container exits, or `timeoutMs` passes. Docker
 * ends a followed log when the container exits, so a program that fails before the line ends the wait at
 * once, with what it wrote on stderr.
 */
export async function startUntilLine(docker: Dockerode, id: string, line: string, timeoutMs: number): Promise<ReadyLineResult> {
  const container = docker.getContainer(id);
  const abort = new AbortController();
  // The exit code of a run that fails before the line: asked before the start, since a restart policy
  // starts the container again at once (and a new run's inspect shows no exit code).
  const exited = (container.wait({ condition: "next-exit", abortSignal: abort.signal }) as Promise<{ StatusCode: number }>).then((w) => w.StatusCode, () => undefined);
  try {
    await container.start();
  } catch (e) {
    if (statusOf(e) !== 304) {
      abort.abort();
      throw e;
    }
  }
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const out = { stdout: "", stderr: "" };
  let seen = false;
  try {
    const stream = (await container.logs({ stdout: true, stderr: true, follow: true, abortSignal: abort.signal })) as unknown as NodeJS.ReadableStream;
    seen = await new Promise<boolean>((resolve) => {
      let pending: Buffer = Buffer.alloc(0);
      const finish = (found: boolean) => {
        abort.signal.removeEventListener("abort", onAbort);
        resolve(found);
      };
      const onAbort = () => finish(false);
      abort.signal.addEventListener("abort", onAbort);
      stream.on("data", (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        const { frames, consumed } = readFrames(pending);
        pending = pending.subarray(consumed);
        for (const f of frames) out[f.stream] += f.payload.toString("utf8");
        if (out.stdout.split("\n").includes(line)) {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          finish(true);
        }
      });
      for (const ev of ["end", "close", "error"]) stream.on(ev, () => finish(false));
    });
  } catch (e) {
    if (!abort.signal.aborted && statusOf(e) !== 404) throw e;
  } finally {
    clearTimeout(timer);
  }
  const timedOut = abort.signal.aborted;
  if (seen || timedOut) {
    abort.abort();
    return { seen, timedOut, ...out };
  }
  let settle: NodeJS.Timeout | undefined;
  const exitCode = await Promise.race([exited, new Promise<undefined>((resolve) => (settle = setTimeout(() => resolve(undefined), 2000)))]);
  clearTimeout(settle);
  abort.abort();
  const info = exitCode === undefined ? await ignoreMissing(container.inspect()) : undefined;
  return { seen: false, timedOut: false, exitCode: exitCode ?? (info && !info.State.Running ? info.State.ExitCode : undefined), ...out };
}
