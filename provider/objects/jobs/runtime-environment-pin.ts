import { SpcsError } from "../../common/errors";
import type { PinnedImage } from "../../catalog/service-store";
import { resolveRuntimeEnvironment } from "../runtime-environments/resolve-runtime-environment";
import type { Platform } from "../../platform/platform";
import type { RuntimeContainer, RuntimeSpec } from "../../model/runtime-spec";
import { parseImage, pinImage } from "../images/image-pinning";

/**
 * How a job on `cre@NAME` pins its images: the CRE is resolved as Snowflake does at submission (it must
 * exist, be RESOLVED, and its tag must still name the digest recorded at CREATE, else the job is
 * rejected), then every container whose image is the CRE's image path runs that digest; other containers
 * (sidecars) resolve their own tags as usual. A spec in which no container uses the CRE's image is
 * refused: the runtime environment would silently not apply.
 */
export async function runtimeEnvironmentPin(platform: Platform, ref: string, spec: RuntimeSpec): Promise<(c: RuntimeContainer) => Promise<PinnedImage>> {
  const cre = await resolveRuntimeEnvironment(platform, ref);
  const host = platform.config.registry;
  const creImage = parseImage(cre.imagePath, host);
  const same = (image: string) => {
    const p = parseImage(image, host);
    return p !== undefined && creImage !== undefined && p.repository === creImage.repository && (p.tag ?? null) === (creImage.tag ?? null) && !p.digest;
  };
  if (!spec.containers.some((c) => same(c.image))) {
    throw new SpcsError(
      "runtime-environment-unused",
      `No container of the job runs the image of custom runtime environment '${cre.name}' (${cre.imagePath}): containers use ${spec.containers.map((c) => `${c.name}: ${c.image}`).join(", ")}.`,
      `set image: ${cre.imagePath} on the containers that run on the runtime environment (they then run its registered digest ${cre.digest.slice(0, 19)}…)`,
    );
  }
  return async (c) => (same(c.image) ? { imageName: c.image, digest: cre.digest, pullRef: cre.pullRef } : pinImage(platform, c.image));
}
