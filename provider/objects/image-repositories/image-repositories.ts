import * as fs from "node:fs";
import * as path from "node:path";
import { alreadyExists, doesNotExist } from "../../common/errors";
import { qualifiedName } from "../../common/identifiers";
import { nowIso } from "../../common/time";
import type { EncryptionType, ImageRepositoryRow } from "../../catalog/image-repository-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { likePattern } from "../../common/sql-like";

/**
 * IMAGE REPOSITORY statements against the local platform. A repository is a catalog row plus a lower-case
 * path prefix `db/schema/repo/` in the OCI registry; its images are whatever the registry holds under
 * that prefix, read live, so SHOW IMAGES always tells the truth about the registry.
 */

/** One row of SHOW IMAGES IN IMAGE REPOSITORY, camelCased. */
export interface ImageRow {
  createdOn: string;
  imageName: string;
  /** Every tag of this digest, comma-separated, as SHOW IMAGES prints them. */
  tags: string;
  digest: string;
  imagePath: string;
}

/** One row of SHOW IMAGE REPOSITORIES, camelCased. */
export interface ImageRepositoryDescription {
  createdOn: string;
  name: string;
  databaseName: string;
  schemaName: string;
  repositoryUrl: string;
  owner: string;
  ownerRoleType: string;
  comment: string | null;
  encryption: EncryptionType;
  privatelinkRepositoryUrl: string | null;
  /** Not a SHOW column: the registry host, what `docker login` and `docker push` address. */
  registryHost: string;
}

export interface RepositoryKey {
  database: string;
  schema: string;
  name: string;
}

/** `db/schema/repo`, lower case: the registry path prefix of a repository. */
export function repositoryPath(k: RepositoryKey): string {
  return `${k.database}/${k.schema}/${k.name}`.toLowerCase();
}

export function createRepository(platform: Platform, k: RepositoryKey, opts: { comment?: string | null; encryption?: EncryptionType; ifNotExists?: boolean } = {}): ImageRepositoryDescription {
  return platform.catalog.write(() => {
    const existing = platform.catalog.repositories.get(k.database, k.schema, k.name);
    if (existing) {
      if (opts.ifNotExists) return describeRow(platform, existing);
      throw alreadyExists(qualifiedName(k.database, k.schema, k.name), "choose another name, or drop the existing repository first");
    }
    const now = nowIso();
    const row: ImageRepositoryRow = {
      databaseName: k.database,
      schemaName: k.schema,
      name: k.name,
      comment: opts.comment ?? null,
      encryption: opts.encryption ?? "SNOWFLAKE_FULL",
      createdOn: now,
      updatedOn: now,
      owner: OWNER_ROLE,
    };
    platform.catalog.repositories.insert(row);
    return describeRow(platform, row);
  });
}

export function setRepositoryComment(platform: Platform, k: RepositoryKey, comment: string | null): ImageRepositoryDescription {
  return platform.catalog.write(() => {
    if (!platform.catalog.repositories.get(k.database, k.schema, k.name)) throw missing(k);
    platform.catalog.repositories.setComment(k.database, k.schema, k.name, comment, nowIso());
    return describeRow(platform, platform.catalog.repositories.get(k.database, k.schema, k.name)!);
  });
}

export function describeRepository(platform: Platform, k: RepositoryKey): ImageRepositoryDescription | undefined {
  const row = platform.catalog.repositories.get(k.database, k.schema, k.name);
  return row && describeRow(platform, row);
}

export function showRepositories(platform: Platform, opts: { like?: string; database?: string; schema?: string } = {}): ImageRepositoryDescription[] {
  const re = opts.like ? likePattern(opts.like) : undefined;
  return platform.catalog.repositories
    .list()
    .filter((r) => (!re || re.test(r.name)) && (!opts.database || r.databaseName === opts.database) && (!opts.schema || r.schemaName === opts.schema))
    .map((r) => describeRow(platform, r));
}

/** SHOW IMAGES IN IMAGE REPOSITORY: every image under the repository's path, one row per digest. */
export async function showImages(platform: Platform, k: RepositoryKey): Promise<ImageRow[]> {
  if (!platform.catalog.repositories.get(k.database, k.schema, k.name)) throw missing(k);
  const prefix = repositoryPath(k) + "/";
  const registry = platform.registry;
  const repos = (await registry.listRepositories()).filter((r) => r.startsWith(prefix));
  const rows: ImageRow[] = [];
  for (const repo of repos.sort()) {
    const byDigest = new Map<string, string[]>();
    for (const tag of (await registry.listTags(repo)).sort()) {
      const ref = await registry.resolve(repo, tag);
      if (ref) byDigest.set(ref.digest, [...(byDigest.get(ref.digest) ?? []), tag]);
    }
    for (const [digest, tags] of byDigest) {
      rows.push({ createdOn: await imageCreated(platform, repo, digest), imageName: repo.slice(prefix.length), tags: tags.join(","), digest, imagePath: `${repo}:${tags[0]}` });
    }
  }
  return rows;
}

/**
 * DROP IMAGE REPOSITORY: deletes every image in it from the registry, then the catalog row. When this
 * platform runs the registry itself, the repository's folder goes too, so the registry's catalog no
 * longer lists it (the distribution API can delete manifests but not repositories).
 */
export async function dropRepository(platform: Platform, k: RepositoryKey, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  if (!platform.catalog.repositories.get(k.database, k.schema, k.name)) {
    if (opts.ifExists) return false;
    throw missing(k);
  }
  await deleteImages(platform, k);
  return platform.catalog.write(() => platform.catalog.repositories.delete(k.database, k.schema, k.name));
}

async function deleteImages(platform: Platform, k: RepositoryKey): Promise<void> {
  const prefix = repositoryPath(k) + "/";
  const repos = (await platform.registry.listRepositories()).filter((r) => r.startsWith(prefix));
  for (const repo of repos) {
    const digests = new Set<string>();
    for (const tag of await platform.registry.listTags(repo)) {
      const ref = await platform.registry.resolve(repo, tag);
      if (ref) digests.add(ref.digest);
    }
    for (const d of digests) await platform.registry.deleteManifest(repo, d);
  }
  const storage = platform.managedRegistryStorage();
  if (storage) fs.rmSync(path.join(storage, "docker/registry/v2/repositories", repositoryPath(k)), { recursive: true, force: true });
}

async function imageCreated(platform: Platform, repo: string, digest: string): Promise<string> {
  const manifest = await platform.registry.getManifest(repo, digest);
  const configDigest = manifest?.body?.config?.digest;
  const config = configDigest ? await platform.registry.getJsonBlob(repo, configDigest) : undefined;
  return typeof config?.created === "string" ? new Date(config.created).toISOString() : "";
}

function describeRow(platform: Platform, r: ImageRepositoryRow): ImageRepositoryDescription {
  const registryHost = platform.config.registry.toLowerCase();
  return {
    createdOn: r.createdOn,
    name: r.name,
    databaseName: r.databaseName,
    schemaName: r.schemaName,
    repositoryUrl: `${registryHost}/${repositoryPath({ database: r.databaseName, schema: r.schemaName, name: r.name })}`,
    owner: r.owner,
    ownerRoleType: "ROLE",
    comment: r.comment,
    encryption: r.encryption,
    privatelinkRepositoryUrl: null,
    registryHost,
  };
}

function missing(k: RepositoryKey) {
  return doesNotExist("Image repository", qualifiedName(k.database, k.schema, k.name));
}
