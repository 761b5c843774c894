/**
 * Named points between a catalog write and the engine work that follows it, where a test can stop the
 * process as a crash or a kill would (SPCS_KILL_AT=<point>[,<point>…]: the process kills itself with
 * SIGKILL there, so no catch, finally or exit handler runs). The kill-point tests then show the next
 * statement converges with nothing leaked. Unset (always, outside those tests) a point costs one lookup.
 */
export type FaultPoint =
  | "create:catalog-written"
  | "create:instances-started"
  | "upgrade:catalog-written"
  | "suspend:catalog-written"
  | "drop:catalog-written"
  | "drop:containers-removed";

export function faultPoint(point: FaultPoint): void {
  const armed = process.env.SPCS_KILL_AT;
  if (armed && armed.split(",").includes(point)) process.kill(process.pid, "SIGKILL");
}
