import { createPool } from "../../provider/objects/compute-pools/compute-pools";
import { createRepository } from "../../provider/objects/image-repositories/image-repositories";
import { baseImageRepo } from "../../provider/model/platform-images";
import type { TestPlatform } from "./test-platform";

/** The image service tests run: the platform's busybox, pushed as `/app_db/public/images/busybox:1`. */
export const APP_IMAGE = "/app_db/public/images/busybox:1";

/** A running compute pool of the given family and size. */
export function seedPool(tp: TestPlatform, name: string, maxNodes: number, instanceFamily = "CPU_X64_XS"): void {
  createPool(tp.platform, { name, instanceFamily, minNodes: 1, maxNodes, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
}

/** The repository APP_DB.PUBLIC.IMAGES holding APP_IMAGE. */
export async function seedAppImage(tp: TestPlatform): Promise<void> {
  createRepository(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "IMAGES" });
  const repo = `${tp.config.registry}/app_db/public/images/busybox`;
  await tp.platform.docker.tagImage(`${baseImageRepo(tp.config)}:latest`, repo, "1");
  await tp.platform.docker.pushImage(repo, "1");
}
