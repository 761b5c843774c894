import * as fs from "node:fs";
import * as path from "node:path";
import { SpcsError, doesNotExist } from "../../common/errors";
import { qualifiedName } from "../../common/identifiers";
import type { Platform } from "../../platform/platform";
import type { RegistryClient } from "../../registry/registry-client";
import { parseImage, type ImageReference } from "./image-pinning";
import { repositoryPath } from "../image-repositories/image-repositories";

/**
 * Images placed in an image repository by name and tag: a copy inside the registry by digest (blob mounts,
 * then the manifest's exact bytes, so the digest is the same everywhere) or a push of a local engine
 * image; reading a tag back; removing a tag. SPCS itself has no statement for these (images arrive by
 * `docker push`); this is what `docker push`, `crane copy` and a registry's tag deletion would do.
 */

/** Where an image goes: `<db>/<schema>/<repository>/<name>:<tag>` in the registry. */
export interface ImageTarget {
  database: string;
  schema: string;
  repository: string;
  name: string;
  tag: string;
}

/** What `putImage` did, for callers and tests that must show that no layer was sent again. */
export interface PutResult {
  /** The manifest digest the target tag now holds. */
  digest: string;
  /** The source's manifest digest, or a local image's id (the digest of its config). */
  sourceDigest: string;
  /** Blobs mounted from the source repository (not sent), and blobs uploaded because a mount was refused. */
  mounted: number;
  uploaded: number;
  /** True when a local engine image was pushed through the engine. */
  pushed: boolean;
}

/** `db/schema/repo/name`, lower case: the registry repository of an image. */
export function imageRepositoryPath(t: Pick<ImageTarget, "database" | "schema" | "repository" | "name">): string {
  return `${repositoryPath({ database: t.database, schema: t.schema, name: t.repository })}/${t.name}`;
}

/** Parses a platform image reference (`/db/schema/repo/image:tag` or `...@sha256:...`), or undefined. */
export function parsePlatformImage(platform: Platform, source: string): ImageReference | undefined {
  return parseImage(source, platform.config.registry);
}

/** The manifest digest a platform image reference names now (a digest reference names itself, if present). */
export async function resolvePlatformImage(platform: Platform, source: string): Promise<string | undefined> {
  const ref = parsePlatformImage(platform, source);
  if (!ref) return undefined;
  return (await platform.registry.resolve(ref.repository, ref.digest ?? ref.tag!))?.digest;
}

/** The id of a local engine image, or undefined when the engine does not have it. */
export async function localImageId(platform: Platform, localImage: string): Promise<string | undefined> {
  return (await platform.docker.inspectImage(localImage))?.id;
}

/** Puts `source` (a platform image) or `localImage` (an engine image) under the target's name and tag. */
export async function putImage(platform: Platform, target: ImageTarget, from: { source?: string; localImage?: string }): Promise<PutResult> {
  requireRepository(platform, target.database, target.schema, target.repository, "target");
  return from.localImage !== undefined ? pushLocalImage(platform, target, from.localImage) : copyPlatformImage(platform, target, from.source!);
}

async function copyPlatformImage(platform: Platform, target: ImageTarget, source: string): Promise<PutResult> {
  const ref = parsePlatformImage(platform, source);
  if (!ref) throw new SpcsError("invalid-image", `Image source '${source}' is not an image of this platform`, "use /<db>/<schema>/<repository>/<image>:<tag> or /<db>/<schema>/<repository>/<image>@sha256:<digest>");
  requireRepository(platform, ref.database, ref.schema, ref.repo, "source");
  const counts = { mounted: 0, uploaded: 0 };
  const to = imageRepositoryPath(target);
  const digest = await copyManifest(platform.registry, ref.repository, ref.digest ?? ref.tag!, to, target.tag, counts, source);
  return { digest, sourceDigest: digest, ...counts, pushed: false };
}

/**
 * Copies one manifest by reference: every blob it names is mounted from `from` into `to` (an index's
 * child manifests are copied first, by digest), then the manifest's stored bytes are PUT under `toRef`.
 */
async function copyManifest(registry: RegistryClient, from: string, ref: string, to: string, toRef: string, counts: { mounted: number; uploaded: number }, shown: string): Promise<string> {
  const manifest = await registry.getRawManifest(from, ref);
  if (!manifest) throw new SpcsError("image-not-found", `Image source '${shown}' does not exist in the registry`, `push it first, or check the tag or digest with \`spcs show images in image-repository\``);
  const body = JSON.parse(manifest.bytes.toString("utf8"));
  if (Array.isArray(body.manifests)) {
    for (const child of body.manifests) await copyManifest(registry, from, child.digest, to, child.digest, counts, shown);
  } else {
    const blobs: string[] = [body.config?.digest, ...((body.layers ?? []) as { digest: string }[]).map((l) => l.digest)].filter(Boolean);
    for (const blob of blobs) counts[(await registry.mountBlob(to, blob, from)) === "mounted" ? "mounted" : "uploaded"]++;
  }
  const mediaType = typeof body.mediaType === "string" ? body.mediaType : manifest.mediaType;
  const digest = await registry.putManifest(to, toRef, { mediaType, bytes: manifest.bytes });
  if (manifest.digest && digest && digest !== manifest.digest) {
    throw new SpcsError("registry-protocol", `registry stored ${to}:${toRef} as ${digest}, not the source's ${manifest.digest}`);
  }
  return digest || manifest.digest;
}

/**
 * `docker tag` + `docker push` of an engine image to the target. The extra reference is removed from the
 * engine afterwards, unless it is the image's only name (removing it would remove the image) or the user
 * had made it themselves.
 */
async function pushLocalImage(platform: Platform, target: ImageTarget, localImage: string): Promise<PutResult> {
  const info = await platform.docker.inspectImage(localImage);
  if (!info) {
    throw new SpcsError("image-not-found", `Local image '${localImage}' is not in the Docker engine at ${platform.docker.dockerHost ?? "the default socket"}`, "build or pull it first (`docker images` lists what the engine has), or set source to an image of the platform");
  }
  const repo = `${platform.config.registry}/${imageRepositoryPath(target)}`;
  const reference = `${repo}:${target.tag}`;
  const hadReference = info.repoTags.includes(reference);
  await platform.docker.tagImage(localImage, repo, target.tag);
  try {
    await platform.docker.pushImage(repo, target.tag);
  } finally {
    if (!hadReference && info.repoTags.length > 0) await platform.docker.removeImageReference(reference);
  }
  const digest = await readTag(platform, target);
  if (!digest) throw new SpcsError("registry-error", `the push of ${localImage} to ${reference} finished, but the registry does not hold the tag`);
  return { digest, sourceDigest: info.id, mounted: 0, uploaded: 0, pushed: true };
}

/** The digest the target tag holds now, or undefined when the tag is not there. */
export async function readTag(platform: Platform, target: ImageTarget): Promise<string | undefined> {
  return (await platform.registry.resolve(imageRepositoryPath(target), target.tag))?.digest;
}

/**
 * Removes the target's tag; the manifest goes too when no other tag of the image names it (and it is the
 * manifest `placed` there, when the caller says which).
 *
 * The distribution API deletes manifests, not tags (deleting a manifest removes every tag naming it). So:
 *  - no other tag names the manifest: DELETE the manifest by digest. When the image has no tag left at all
 *    and this platform runs the registry, its folder goes as well (as DROP IMAGE REPOSITORY does), so the
 *    registry's catalog no longer lists an empty image.
 *  - other tags name it, on the platform's own registry: remove just this tag's folder from the storage
 *    (`_manifests/tags/<tag>`); the registry reads tags from there on every request.
 *  - other tags name it, on a registry run by someone else: point the tag at a one-off empty manifest, then
 *    DELETE that manifest, which takes exactly this tag with it.
 */
export async function removeTag(platform: Platform, target: ImageTarget, opts: { placed?: string } = {}): Promise<"absent" | "tag" | "tag-and-manifest"> {
  const registry = platform.registry;
  const repo = imageRepositoryPath(target);
  const ref = await registry.resolve(repo, target.tag);
  if (!ref) return "absent";
  const others = (await registry.listTags(repo)).filter((t) => t !== target.tag);
  const sharing: string[] = [];
  for (const t of others) if ((await registry.resolve(repo, t))?.digest === ref.digest) sharing.push(t);
  const storage = platform.managedRegistryStorage();
  // A tag moved out of band names someone else's manifest: the tag goes, their manifest stays.
  const ours = opts.placed === undefined || opts.placed === ref.digest;
  if (sharing.length === 0 && ours) {
    await registry.deleteManifest(repo, ref.digest);
    if (others.length === 0 && storage) fs.rmSync(path.join(storage, "docker/registry/v2/repositories", repo), { recursive: true, force: true });
    return "tag-and-manifest";
  }
  if (storage) fs.rmSync(path.join(storage, "docker/registry/v2/repositories", repo, "_manifests/tags", target.tag), { recursive: true, force: true });
  else await untagThroughPlaceholder(registry, repo, target.tag);
  return "tag";
}

async function untagThroughPlaceholder(registry: RegistryClient, repo: string, tag: string): Promise<void> {
  const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] }, config: { Labels: { "com.pulumi-spcs.untag": `${repo}:${tag}@${Date.now()}` } } }));
  const configDigest = await registry.putBlob(repo, config);
  const manifest = { schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length }, layers: [] };
  const digest = await registry.putManifest(repo, tag, { mediaType: manifest.mediaType, bytes: Buffer.from(JSON.stringify(manifest)) });
  await registry.deleteManifest(repo, digest);
}

function requireRepository(platform: Platform, database: string, schema: string, name: string, role: "source" | "target"): void {
  if (platform.catalog.repositories.get(database, schema, name)) return;
  const e = doesNotExist("Image repository", qualifiedName(database, schema, name));
  throw new SpcsError(e.code, `${e.message} (the image's ${role})`, role === "target" ? "create it first (spcs.ImageRepository), and pass its name as `repository`" : "check the source path: /<db>/<schema>/<repository>/<image>");
}
