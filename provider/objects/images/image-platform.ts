import { SpcsError } from "../../common/errors";
import type { Platform } from "../../platform/platform";

/** What SPCS runs: "Currently, Snowpark Container Services requires linux/amd64 platform images." */
export const REQUIRED_PLATFORM = "linux/amd64";

const INDEX_TYPES = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];

/**
 * The platforms (`os/architecture`) an image in the registry is built for: every entry of a multi-platform
 * index, or the one its config names. Attestation entries of an index (`unknown/unknown`) are skipped.
 */
export async function imagePlatforms(platform: Platform, repository: string, digest: string): Promise<string[]> {
  const manifest = await platform.registry.getManifest(repository, digest);
  if (!manifest) return [];
  const body = manifest.body ?? {};
  if (INDEX_TYPES.includes(body.mediaType ?? manifest.mediaType) || Array.isArray(body.manifests)) {
    return (body.manifests ?? [])
      .map((m: { platform?: { os?: string; architecture?: string } }) => `${m.platform?.os ?? "unknown"}/${m.platform?.architecture ?? "unknown"}`)
      .filter((p: string) => p !== "unknown/unknown");
  }
  const config = body.config?.digest ? await platform.registry.getJsonBlob(repository, body.config.digest) : undefined;
  return [`${config?.os ?? "unknown"}/${config?.architecture ?? "unknown"}`];
}

/**
 * Refuses an image SPCS could not run, at CREATE SERVICE, EXECUTE JOB SERVICE and upgrade (where images
 * are pinned): an arm64 image built on a laptop runs on an arm64 machine here but fails in SPCS with
 * `exec format error`. SPCS documents the rule, not an error text; this wording quotes the rule.
 */
export async function requireAmd64(platform: Platform, image: string, repository: string, digest: string): Promise<void> {
  const platforms = await imagePlatforms(platform, repository, digest);
  if (platforms.includes(REQUIRED_PLATFORM)) return;
  throw new SpcsError(
    "unsupported-image-platform",
    `Image '${image}' is built for ${platforms.join(", ") || "an unknown platform"}: Snowpark Container Services requires ${REQUIRED_PLATFORM} platform images.`,
    `rebuild it for linux/amd64 (docker build --platform linux/amd64 ...) and push it again`,
  );
}
