import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TestPlatform } from "./test-platform";

/**
 * Imports a local image `repo:tag` with one layer of `bytes` random bytes (random, so no registry or
 * engine already holds its blobs). The caller removes it from the engine.
 */
export async function importPayloadImage(tp: TestPlatform, repo: string, tag: string, bytes: number): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-payload-"));
  try {
    fs.writeFileSync(path.join(root, "payload.bin"), require("node:crypto").randomBytes(bytes));
    const tar = spawn("tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
    await tp.platform.docker.importImage(tar.stdout, repo, tag, ['CMD ["/payload.bin"]']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
