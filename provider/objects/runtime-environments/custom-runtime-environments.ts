import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { normalizeIdentifier } from "../../common/identifiers";
import { managedLabels } from "../../common/labels";
import { nowIso } from "../../common/time";
import {
  BASE_IMAGE_TYPES, CRE_STATUSES, type BaseImageType, type CreStatus, type CustomRuntimeEnvironmentRow,
} from "../../catalog/custom-runtime-environment-store";
import { validateImage } from "./validate-image";
import { failedChecks, resultLine, type CheckResult } from "./validation-report";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { RUNTIME_IMAGE_SPEC_PATH } from "../../model/platform-images";
import { parseImage, type ImageReference } from "../images/image-pinning";
import { likePattern } from "../../common/sql-like";

/**
 * CUSTOM RUNTIME ENVIRONMENT statements against the local platform: CREATE [OR REPLACE], ALTER ... SET
 * CRE_STATUS, DESCRIBE, SHOW and DROP. The provider and the `spcs` CLI both go through these.
 *
 * CREATE validates server-side, as Snowflake does: it resolves IMAGE_PATH's tag to a digest in the
 * registry, pulls exactly that digest into the engine and runs the validator's checks on it
 * (provider/objects/runtime-environments/validate-image.ts). Only when every check passes is the object created, with the digest
 * recorded; otherwise the error lists every failed check and the catalog is untouched. DROP removes the
 * object only; the image stays in its repository.
 */

/** One row of SHOW / DESCRIBE CUSTOM RUNTIME ENVIRONMENT(S), camelCased, in SPCS's column order. */
export interface CustomRuntimeEnvironmentDescription {
  name: string;
  imageName: string;
  tag: string;
  digest: string;
  createdOn: string;
  updatedOn: string;
  owner: string;
  creStatus: CreStatus;
  baseImageType: BaseImageType;
  image: string;
}

export interface CreSettings {
  name: string;
  imagePath: string;
  baseImageType: string;
  comment?: string | null;
}

/** A CRE name: an unquoted identifier, upper-cased (quoted names are not supported for CREs). */
export function creName(name: string): string {
  return normalizeIdentifier(name, "Custom runtime environment name");
}

export function parseBaseImageType(value: string): BaseImageType {
  const v = value.toUpperCase() as BaseImageType;
  if (!BASE_IMAGE_TYPES.includes(v)) {
    throw new SpcsError("invalid-value", `invalid value '${value}' for property 'BASE_IMAGE_TYPE'`, `use ${BASE_IMAGE_TYPES.join(" or ")}, matching the base image the custom image was built from`);
  }
  return v;
}

export function parseCreStatus(value: string): CreStatus {
  const v = value.toUpperCase() as CreStatus;
  if (!CRE_STATUSES.includes(v)) throw new SpcsError("invalid-value", `invalid value '${value}' for property 'CRE_STATUS'`, `use ${CRE_STATUSES.join(" or ")}`);
  return v;
}

/**
 * IMAGE_PATH: the logical path `/db/schema/repo/image:tag` of an image in an image repository (a tag, not
 * a digest; no registry host, as in SPCS).
 */
export function parseImagePath(imagePath: string): ImageReference & { tag: string } {
  const ref = typeof imagePath === "string" ? parseImage(imagePath, "") : undefined;
  if (!ref || ref.digest) {
    throw new SpcsError(
      "invalid-image-path",
      `Invalid IMAGE_PATH '${imagePath}'`,
      `use '/<db>/<schema>/<repository>/<image>:<tag>', an image pushed to an image repository, e.g. '/ml_db/public/images/my-runtime:v1'`,
    );
  }
  return { ...ref, tag: ref.tag ?? "latest" };
}

/** `/db/schema/repo/image:tag`, lower case. */
export const canonicalImage = (ref: ImageReference & { tag: string }) => `/${ref.repository}:${ref.tag}`;

/** The validation that failed CREATE: the message lists every failed check, the report has them all. */
export class CreValidationError extends SpcsError {
  constructor(
    readonly creName: string,
    readonly imagePath: string,
    readonly results: CheckResult[],
  ) {
    const failed = results.filter((r) => !r.passed);
    super(
      "cre-validation-failed",
      `Custom runtime environment '${creName}' was not created: image '${imagePath}' failed ${failed.length} of ${results.length} validation checks:\n` +
        failed.map((r) => "  " + resultLine(r).replace(/\n/g, "\n    ")).join("\n"),
      `fix the image (build it FROM ${RUNTIME_IMAGE_SPEC_PATH}; check it locally with \`spcs custom-image validate <image>\` before pushing), push it again, then create the custom runtime environment again`,
    );
  }
}

export async function createRuntimeEnvironment(platform: Platform, settings: CreSettings, opts: { orReplace?: boolean } = {}): Promise<CustomRuntimeEnvironmentDescription> {
  const name = creName(settings.name);
  const baseImageType = parseBaseImageType(settings.baseImageType);
  const ref = parseImagePath(settings.imagePath);
  if (!opts.orReplace && platform.catalog.runtimeEnvironments.get(name)) throw existsError(name);
  const { digest, results } = await validateInRegistry(platform, name, settings.imagePath, ref);
  if (failedChecks({ image: settings.imagePath, results }).length) throw new CreValidationError(name, settings.imagePath, results);
  return platform.catalog.write(() => {
    const existing = platform.catalog.runtimeEnvironments.get(name);
    if (existing && !opts.orReplace) throw existsError(name); // created by someone else while we validated
    if (existing) platform.catalog.runtimeEnvironments.delete(name);
    const now = nowIso();
    const row: CustomRuntimeEnvironmentRow = {
      name,
      imagePath: settings.imagePath,
      imageName: ref.repository.split("/").slice(3).join("/"),
      tag: ref.tag,
      digest: digest!,
      image: canonicalImage(ref),
      baseImageType,
      creStatus: "RESOLVED",
      comment: settings.comment ?? null,
      validationReport: results,
      createdOn: now,
      updatedOn: now,
      owner: OWNER_ROLE,
    };
    platform.catalog.runtimeEnvironments.insert(row);
    return describeRow(row);
  });
}

/**
 * The server-side validation: the image must be in its repository (else the single failed check is
 * image_exists), and the digest the tag points to now is pulled and validated.
 */
async function validateInRegistry(platform: Platform, name: string, imagePath: string, ref: ImageReference & { tag: string }): Promise<{ digest?: string; results: CheckResult[] }> {
  const repo = `${ref.database}.${ref.schema}.${ref.repo}`;
  if (!platform.catalog.repositories.get(ref.database, ref.schema, ref.repo)) {
    throw doesNotExist("Image repository", repo, `create it and push the image: IMAGE_PATH must name an image in an image repository of this platform`);
  }
  const resolved = await platform.registry.resolve(ref.repository, ref.tag);
  if (!resolved) {
    return { results: [{ check: "image_exists", passed: false, message: `Image '${imagePath}' not found in image repository ${repo}. Push it first: docker push ${platform.config.registry}/${ref.repository}:${ref.tag}` }] };
  }
  const pullRef = `${platform.config.registry}/${ref.repository}@${resolved.digest}`;
  await platform.docker.pullImage(pullRef);
  const report = await validateImage(platform.docker, pullRef, { labels: managedLabels(platform.config.home, "validation-container", name), displayName: imagePath });
  return { digest: resolved.digest, results: report.results };
}

export function alterRuntimeEnvironmentStatus(platform: Platform, name: string, status: string): CustomRuntimeEnvironmentDescription {
  const n = creName(name);
  const s = parseCreStatus(status);
  return platform.catalog.write(() => {
    if (!platform.catalog.runtimeEnvironments.get(n)) throw missing(n);
    platform.catalog.runtimeEnvironments.setStatus(n, s, nowIso());
    return describeRow(platform.catalog.runtimeEnvironments.get(n)!);
  });
}

/** Not an SPCS statement (CREs document no COMMENT); the provider's `comment` input updates through this. */
export function setRuntimeEnvironmentComment(platform: Platform, name: string, comment: string | null): void {
  const n = creName(name);
  platform.catalog.write(() => {
    if (!platform.catalog.runtimeEnvironments.get(n)) throw missing(n);
    platform.catalog.runtimeEnvironments.setComment(n, comment, nowIso());
  });
}

export function describeRuntimeEnvironment(platform: Platform, name: string): CustomRuntimeEnvironmentDescription | undefined {
  const row = platform.catalog.runtimeEnvironments.get(creName(name));
  return row && describeRow(row);
}

export function showRuntimeEnvironments(platform: Platform, like?: string): CustomRuntimeEnvironmentDescription[] {
  const re = like ? likePattern(like) : undefined;
  return platform.catalog.runtimeEnvironments.list().filter((r) => !re || re.test(r.name)).map(describeRow);
}

/** DROP: the object only; its image stays in the repository. Returns whether something was dropped. */
export function dropRuntimeEnvironment(platform: Platform, name: string, opts: { ifExists?: boolean } = {}): boolean {
  const n = creName(name);
  return platform.catalog.write(() => {
    const dropped = platform.catalog.runtimeEnvironments.delete(n);
    if (!dropped && !opts.ifExists) throw missing(n);
    return dropped;
  });
}

export function describeRow(r: CustomRuntimeEnvironmentRow): CustomRuntimeEnvironmentDescription {
  return {
    name: r.name,
    imageName: r.imageName,
    tag: r.tag,
    digest: r.digest,
    createdOn: r.createdOn,
    updatedOn: r.updatedOn,
    owner: r.owner,
    creStatus: r.creStatus,
    baseImageType: r.baseImageType,
    image: r.image,
  };
}

function missing(name: string): SpcsError {
  return doesNotExist("Custom runtime environment", name, "check the name with `spcs show custom-runtime-environments`");
}

function existsError(name: string): SpcsError {
  return alreadyExists(name, `choose another name, drop it first (\`spcs drop custom-runtime-environment ${name}\`), or replace it (CREATE OR REPLACE: \`--or-replace\`)`);
}
