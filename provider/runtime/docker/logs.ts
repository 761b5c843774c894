import type Dockerode from "dockerode";
import { lastLines } from "../../common/text";
import { afterTime, compareTime, parseDockerTime, runBoundary, timeParam, type DockerTime } from "./docker-time";
import { ignoreMissing, statusOf } from "./errors";
import { frameReader, mergedText } from "./log-frames";

const logsOf = async (docker: Dockerode, id: string, opts: Record<string, unknown>): Promise<string> => {
  const buf = (await ignoreMissing(docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, ...opts }))) as Buffer | undefined;
  return buf ? mergedText(buf) : "";
};

export function containerLogs(docker: Dockerode, id: string, tail: number): Promise<string> {
  return logsOf(docker, id, { tail });
}

/**
 * The run's first lines are often stamped a little before State.StartedAt (the process writes before the
 * engine records the start), so StartedAt is the boundary only when nothing better is known: a container
 * that never finished a run has a single run (all of its log), and one started again after it finished
 * begins just after that FinishedAt (see runBoundary).
 */
export async function logsOfCurrentStart(docker: Dockerode, id: string): Promise<string> {
  const info = await ignoreMissing(docker.getContainer(id).inspect());
  const started = info?.State.Running ? parseDockerTime(info.State.StartedAt) : undefined;
  if (!info || !started) return "";
  const finished = parseDockerTime(info.State.FinishedAt);
  if (!finished) return logsOf(docker, id, {});
  return logsOf(docker, id, { since: timeParam(compareTime(finished, started) < 0 ? afterTime(finished) : started) });
}

/** See runBoundary (docker-time.ts) for how runs are told apart in Docker's single log per container. */
export async function containerRunLogs(docker: Dockerode, id: string, tail: number, which: "current" | "previous"): Promise<string> {
  const info = await ignoreMissing(docker.getContainer(id).inspect());
  if (!info) return "";
  const boundary = runBoundary(info);
  // Docker applies `tail` before `since`, which is what we want: the newest lines, then only the current run's.
  if (which === "current") return logsOf(docker, id, { tail, ...(boundary && { since: timeParam(afterTime(boundary)) }) });
  if (!boundary) return "";
  // Docker also applies `tail` before `until` (so tail + until returns the newest lines, all after the
  // boundary, then drops them): read everything up to the boundary and keep the last lines here.
  return lastLines(await logsOf(docker, id, { until: timeParam(boundary) }), tail);
}

/**
 * Streams a container's log (stdout and stderr merged) to `onText`: first the newest `tail` lines of the
 * current run, then every new line, across restarts, until `signal` aborts ("aborted") or the container
 * is removed ("removed"). Docker ends a follow stream when the container exits; we attach again (every
 * `pollMs` while it is not running) from just after the last line seen, so no line is shown twice.
 */
export async function followContainerLogs(docker: Dockerode, id: string, opts: { tail: number; signal: AbortSignal; onText: (text: string) => void; pollMs?: number }): Promise<"aborted" | "removed"> {
  const info = await ignoreMissing(docker.getContainer(id).inspect());
  if (!info) return "removed";
  const boundary = runBoundary(info);
  let since: string | undefined = boundary && timeParam(afterTime(boundary));
  let tail: number | undefined = opts.tail;
  for (;;) {
    if (opts.signal.aborted) return "aborted";
    let stream: NodeJS.ReadableStream | undefined;
    try {
      stream = (await docker.getContainer(id).logs({ stdout: true, stderr: true, follow: true, timestamps: true, tail, since, abortSignal: opts.signal })) as unknown as NodeJS.ReadableStream;
    } catch (e) {
      if (opts.signal.aborted) return "aborted";
      if (statusOf(e) === 404) return "removed";
      throw e;
    }
    const last = await readStampedLog(stream, opts.signal, opts.onText);
    if (last) since = timeParam(afterTime(last));
    tail = undefined; // from here on: everything after the last line seen
    if (opts.signal.aborted) return "aborted";
    await abortableSleep(opts.pollMs ?? 500, opts.signal);
    if (opts.signal.aborted) return "aborted";
    if (!(await ignoreMissing(docker.getContainer(id).inspect()))) return "removed";
  }
}

/**
 * Reads a followed log stream until it ends, errs or `signal` aborts. Each message is prefixed with its
 * RFC 3339 timestamp (we ask for `timestamps`): passes the messages on without it and returns the last
 * timestamp seen.
 */
function readStampedLog(stream: NodeJS.ReadableStream, signal: AbortSignal, onText: (text: string) => void): Promise<DockerTime | undefined> {
  return new Promise((resolve) => {
    let last: DockerTime | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      signal.removeEventListener("abort", onAbort);
      resolve(last);
    };
    const onAbort = () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      finish();
    };
    const feed = frameReader((payload) => {
      const message = payload.toString("utf8");
      const space = message.indexOf(" ");
      const stamp = space > 0 ? parseDockerTime(message.slice(0, space)) : undefined;
      if (stamp) last = stamp;
      onText(stamp ? message.slice(space + 1) : message);
    });
    signal.addEventListener("abort", onAbort);
    stream.on("data", (chunk: Buffer) => {
      if (!done) feed(chunk);
    });
    stream.on("end", finish);
    stream.on("close", finish);
    stream.on("error", finish); // a dropped connection ends this attach; the caller attaches again
    if (signal.aborted) onAbort();
  });
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
