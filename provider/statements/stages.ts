import * as fs from "node:fs";
import { SpcsError } from "../common/errors";
import type { Platform } from "../platform/platform";
import { parseStageLocation, stageDisplayName, stageHostPath } from "../model/stage-location";

/**
 * A file of an internal stage, as `FROM @stage SPECIFICATION_FILE = 'path'` reads it: from the platform's
 * stage folder, where PUT (`snow stage copy`) stored it. A stage without database or schema is the
 * session's. The path is split into segments and checked like a stage folder, so it cannot leave the stage.
 */
export function readStageFile(platform: Platform, stage: string, file: string, session: { database?: string; schema?: string }): string {
  const loc = parseStageLocation(`${stage.replace(/\/+$/, "")}/${file.replace(/^\/+/, "")}`, session);
  const where = `@${stageDisplayName(loc)}`;
  const target = stageHostPath(platform.config.home, loc);
  if (loc.folder.length === 0 || !fs.statSync(target, { throwIfNoEntry: false })?.isFile()) {
    throw new SpcsError(
      "stage-file-not-found",
      `Specified file '${file}' does not exist in stage ${stage} (${where}).`,
      `upload it first, uncompressed: snow stage copy ${file.split("/").pop() || "spec.yaml"} ${stage} (or PUT file://… ${stage} AUTO_COMPRESS=FALSE), and check the name with LIST ${stage}`,
    );
  }
  return fs.readFileSync(target, "utf8");
}
