import * as path from "node:path";

/** Where an ingress asks for its suspended service to be resumed: one empty file per service (the agent reads it). */
export function wakeDir(home: string): string {
  return path.join(home, "wake");
}
