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
 * The platform's tuning of what SPCS does on its own and does not publish the timing of (the autoscaler's
 * target and delays): JSON, read by the platform agent at each step, so a change applies without a restart.
 */
export function platformTuningFile(home: string): string {
  return path.join(home, "tuning.json");
}

/**
 * When each service was last used by a service function call: one empty file per service, its mtime the
 * time (written by whichever process makes the call, read by the platform agent's auto-suspend).
 */
export function activityDir(home: string): string {
  return path.join(home, "activity");
}
