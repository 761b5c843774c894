import type Dockerode from "dockerode";

/** A Docker timestamp to the nanosecond (the engine's RFC 3339 strings carry nanoseconds; Date keeps ms). */
export interface DockerTime {
  s: number;
  ns: number;
}

export function parseDockerTime(t: string | undefined): DockerTime | undefined {
  const m = t && /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (!m || m[1].startsWith("0001-")) return undefined;
  return { s: Date.parse(m[1] + m[3]) / 1000, ns: Number((m[2] ?? "").padEnd(9, "0")) };
}

export const compareTime = (a: DockerTime, b: DockerTime) => a.s - b.s || a.ns - b.ns;
export const afterTime = (t: DockerTime): DockerTime => (t.ns === 999_999_999 ? { s: t.s + 1, ns: 0 } : { s: t.s, ns: t.ns + 1 });
/** The logs API's `since` / `until`: `<seconds>.<nanoseconds>` (inclusive bounds). */
export const timeParam = (t: DockerTime) => `${t.s}.${String(t.ns).padStart(9, "0")}`;

/**
 * Where the current run of a container begins in its log. Docker keeps one log per container across
 * restarts and records no start offset, so runs are told apart by time:
 *  - while it runs after a restart, State.FinishedAt is the end of the run before: every line of that
 *    run is stamped at or before it (Docker drains the output before recording the exit), every line of
 *    the current run after it. State.StartedAt is NOT a safe boundary: the first lines of a run are often
 *    stamped a little before it (the process writes before the engine records the start).
 *  - while it waits to restart (or was stopped), FinishedAt ends the current run and the end of the one
 *    before is no longer recorded, so StartedAt is the best boundary left; a run's first lines may then
 *    count as "previous".
 * A container that never restarted has a single run: no boundary.
 */
export function runBoundary(i: Dockerode.ContainerInspectInfo): DockerTime | undefined {
  if (i.RestartCount === 0) return undefined;
  const started = parseDockerTime(i.State.StartedAt);
  const finished = parseDockerTime(i.State.FinishedAt);
  if (finished && (!started || compareTime(finished, started) < 0)) return finished;
  return started;
}
