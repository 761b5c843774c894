import { SpcsError, doesNotExist } from "../../common/errors";
import type { PinnedImage } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { requireAmd64 } from "./image-platform";
import { withoutSnowflakeRegistryHost } from "./snowflake-registry-host";

export interface ImageReference {
  /** `db/schema/repo/image`, lower case: the registry repository. */
  repository: string;
  database: string;
  schema: string;
  repo: string;
  tag?: string;
  digest?: string;
}

/**
 * Parses an image as a spec writes it: `/db/schema/repo/image:tag`, the same with the registry host in
 * front (this platform's, or the account's Snowflake registry host, which maps to this platform's), or
 * `...@sha256:<digest>`. Database, schema and repository resolve case-insensitively, like
 * unquoted identifiers.
 */
export function parseImage(image: string, registryHost: string): ImageReference | undefined {
  let rest = withoutSnowflakeRegistryHost(image.trim());
  const host = registryHost.toLowerCase();
  if (rest.toLowerCase().startsWith(host + "/")) rest = rest.slice(host.length);
  if (!rest.startsWith("/")) return undefined;
  const m = rest.slice(1).match(/^([^/@:]+)\/([^/@:]+)\/([^/@:]+)\/([^@:]+)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/i);
  if (!m) return undefined;
  const [, database, schema, repo, name, tag, digest] = m;
  return { repository: `${database}/${schema}/${repo}/${name}`.toLowerCase(), database: database.toUpperCase(), schema: schema.toUpperCase(), repo: repo.toUpperCase(), tag: digest ? tag : (tag ?? "latest"), digest };
}

/**
 * Resolves a spec image to the digest the registry holds now. The caller records it: SPCS pins the digest
 * at create and reuses it on resume and restarts; only an upgrade resolves tags again.
 */
export async function pinImage(platform: Platform, image: string): Promise<PinnedImage> {
  const ref = parseImage(image, platform.config.registry);
  if (!ref) {
    throw new SpcsError("invalid-image", `Provided image name uses an invalid format: '${image}'`, "use /<db>/<schema>/<repository>/<image>:<tag>, an image in an image repository of this platform");
  }
  if (!platform.catalog.repositories.get(ref.database, ref.schema, ref.repo)) throw doesNotExist("Image repository", `${ref.database}.${ref.schema}.${ref.repo}`);
  const resolved = await platform.registry.resolve(ref.repository, ref.digest ?? ref.tag!);
  if (!resolved) {
    throw new SpcsError(
      "image-not-found",
      `Failed to pull image: '${image}' does not exist in image repository ${ref.database}.${ref.schema}.${ref.repo}`,
      `push it first: docker push ${platform.config.registry}/${ref.repository}:${ref.tag ?? "<tag>"}`,
    );
  }
  await requireAmd64(platform, image, ref.repository, resolved.digest);
  return { imageName: image, digest: resolved.digest, pullRef: `${platform.config.registry}/${ref.repository}@${resolved.digest}` };
}
