import * as path from "node:path";

/** Where an ingress asks for its suspended service to be resumed: one empty file per service (the agent reads it). */
export function wakeDir(home: string): string {
  return path.join(home, "wake");
}

/**
 * Where every internal stage's files live: `<stages>/<DB>/<SCHEMA>/<STAGE>/<path>`. fakesnow's PUT, GET,
 * LIST and REMOVE work here, and a stage volume bind-mounts the stage's folder (docs/sql-endpoint.md).
 */
export function stagesDir(home: string): string {
  return path.join(home, "stages");
}

/**
 * What the platform agent last decided about each instance's readiness (the routing verdict DESCRIBE
 * reports): `<readiness>/<db.schema.service>/<instance id>.json`.
 */
export function readinessDir(home: string): string {
  return path.join(home, "readiness");
}
