import * as fs from "node:fs";
import * as path from "node:path";
import type { ServiceKey } from "../../catalog/service-store";
import type { RuntimeVolume } from "../../model/runtime-spec";
import { qualified } from "../../model/service-naming";
import { parseStageLocation, stageHostPath } from "../../model/stage-location";

/**
 * The host folder a stage volume bind-mounts: the named stage's (or its folder's) files, the same folder
 * the SQL endpoint's PUT, GET, LIST and REMOVE work on, so every service and job that mounts one stage
 * sees the others' files. A name without database or schema is the service's. The folder is made if the
 * stage has none yet (a stage has no folder until its first file).
 */
export function stageVolumeDir(home: string, k: ServiceKey, vol: RuntimeVolume): string {
  const dir = vol.stage ? stageHostPath(home, parseStageLocation(vol.stage, { database: k.database, schema: k.schema })) : legacyStageDir(home, k, vol.name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Specs stored before stages were shared do not record the stage: they keep their per-service folder. */
function legacyStageDir(home: string, k: ServiceKey, volume: string): string {
  return path.join(home, "stages", qualified(k).toLowerCase(), volume);
}
