import { withFix } from "../common/fix";
import { identifierProblem } from "../common/identifiers";
import { isUnknown, UNKNOWN } from "../common/unknown";
import { currentPlatform } from "../platform/current-platform";
import type { Platform } from "../platform/platform";
import { RESOURCE_NAME_KEY, plain, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import { imageRepositoryPath, localImageId, parsePlatformImage, putImage, readTag, removeTag, resolvePlatformImage, type ImageTarget, type PutResult } from "../statements/images";

export interface ImageInputs extends ImageTarget {
  /** A platform image: `/db/schema/repo/image:tag` or `...@sha256:<digest>`. */
  source?: string;
  /** Instead of source: an image of the local Docker engine. */
  localImage?: string;
  [RESOURCE_NAME_KEY]?: string;
}

export interface ImageOutputs extends ImageInputs {
  digest: string;
  sourceDigest: string;
  imageRef: string;
  taggedImageRef: string;
  imageUrl: string;
  drift: string[];
}

/** Changing where the image goes makes a new image (the old tag is removed after the new one exists). */
const REPLACE_ON_CHANGE = ["database", "schema", "repository", "name", "tag"] as const;

/** Docker's image-name grammar, lower case: path components of [a-z0-9] joined by `.`, `_`, `__` or dashes. */
const NAME_PATTERN = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_PATTERN = /^\w[\w.-]{0,127}$/;

/**
 * Image: puts an image into an image repository under a name and tag, from another repository of the
 * platform (a copy by digest inside the registry) or from the local Docker engine (a push).
 *
 * Drift: refresh reads the tag back; a tag moved or deleted out of band shows in `drift`, and the next
 * `up` puts the image back. A source tag that moved, or a rebuilt local image, is a change too.
 * Partial failure: one tag is written last (after every blob is in place), so a failed copy leaves at
 * most blobs that nothing references, and is simply done again by the next `up`.
 */
export const imageProvider: ResourceProvider<ImageInputs, ImageOutputs> = {
  async check(_olds, news) {
    const upper = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as string;
    const inputs: ImageInputs = {
      database: upper(news.database),
      schema: upper(news.schema),
      repository: upper(news.repository),
      name: news.name ?? defaultName(news.source, news.localImage) ?? "",
      tag: news.tag ?? "latest",
      source: news.source,
      localImage: news.localImage,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    return { inputs: plain(inputs), failures: problems(inputs, news.name !== undefined) };
  },

  async diff(_id, olds, news) {
    const replaces = REPLACE_ON_CHANGE.filter((k) => !same(olds[k], news[k]));
    const changed = replaces.length > 0 || !same(olds.source, news.source) || !same(olds.localImage, news.localImage) || (olds.drift?.length ?? 0) > 0 || (await sourceMoved(olds, news));
    return { changes: changed, replaces: [...replaces], deleteBeforeReplace: false };
  },

  async create(inputs) {
    const put = await putImage(currentPlatform(), inputs, inputs);
    return { id: idOf(inputs), outs: outputsOf(inputs, put) };
  },

  async read(id, props) {
    const platform = currentPlatform();
    const target = props.database ? pickInputs(props) : parseId(id);
    if (!platform.catalog.repositories.get(target.database, target.schema, target.repository)) return {};
    const now = await readTag(platform, target);
    const drift: string[] = [];
    if (!now) drift.push(`tag ${target.tag} was deleted from ${imageRepositoryPath(target)} out of band`);
    else if (props.digest && now !== props.digest) drift.push(`tag ${target.tag} points at ${now}, not ${props.digest}: moved out of band`);
    const inputs = pickInputs({ ...props, ...target });
    return { id, props: plain({ ...props, ...inputs, drift }), inputs: plain(inputs) };
  },

  async update(_id, _olds, news) {
    const put = await putImage(currentPlatform(), news, news);
    return { outs: outputsOf(news, put) };
  },

  async delete(id, props) {
    const platform = currentPlatform();
    const target = props.database ? pickInputs(props) : parseId(id);
    if (!platform.catalog.repositories.get(target.database, target.schema, target.repository)) return; // DROP IMAGE REPOSITORY took it
    await removeTag(platform, target, { placed: props.digest });
  },
};

/** Whether the source names something else than what was copied: a moved source tag, a rebuilt local image. */
async function sourceMoved(olds: ImageOutputs, news: ImageInputs): Promise<boolean> {
  if (!olds.sourceDigest || isUnknown(news.source) || isUnknown(news.localImage)) return false;
  const platform = currentPlatform();
  if (news.localImage !== undefined) {
    const id = await localImageId(platform, news.localImage);
    return id !== undefined && id !== olds.sourceDigest;
  }
  if (news.source === undefined || parsePlatformImage(platform, news.source)?.digest) return false; // a digest names one build forever
  const now = await resolvePlatformImage(platform, news.source);
  return now !== undefined && now !== olds.sourceDigest;
}

function problems(i: ImageInputs, nameGiven: boolean): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const field of ["database", "schema", "repository"] as const) {
    const v = i[field];
    if (v === undefined) out.push({ property: field, reason: withFix(`Image ${field} is required`, `set ${field} to the ${field === "repository" ? "image repository's name" : "repository's " + field}`, "check") });
    else if (!isUnknown(v)) {
      const p = identifierProblem(v);
      if (p) out.push({ property: field, reason: `Image ${field}: ${p}.` });
    }
  }
  if (i.source !== undefined && i.localImage !== undefined) out.push({ property: "localImage", reason: "Image: set either source (an image of the platform) or localImage (an image of the Docker engine), not both." });
  if (i.source === undefined && i.localImage === undefined) out.push({ property: "source", reason: withFix("Image: source is required", "set source to /<db>/<schema>/<repository>/<image>:<tag> (or @sha256:<digest>), or localImage to an image of the Docker engine", "check") });
  if (typeof i.source === "string" && !isUnknown(i.source) && !parsePlatformImage(currentPlatform(), i.source)) {
    out.push({ property: "source", reason: withFix(`Image source '${i.source}' is not an image of this platform`, `use /<db>/<schema>/<repository>/<image>:<tag> or /<db>/<schema>/<repository>/<image>@sha256:<digest>; for an image of the Docker engine, set localImage instead`, "check") });
  }
  if (i.localImage !== undefined && !isUnknown(i.localImage) && (typeof i.localImage !== "string" || i.localImage.trim() === "")) out.push({ property: "localImage", reason: "Image localImage must be a non-empty image reference such as myapp:1.0." });
  if (!isUnknown(i.name) && (typeof i.name !== "string" || !NAME_PATTERN.test(i.name))) {
    out.push({
      property: "name",
      reason: nameGiven || i.name
        ? withFix(`Image name '${i.name}' is not a valid image name`, `use lower-case letters, digits and . _ - separators, with / between path components (e.g. app or team/app)`, "check")
        : withFix("Image name cannot be derived from the source", "set name, e.g. app", "check"),
    });
  }
  if (!isUnknown(i.tag) && (typeof i.tag !== "string" || !TAG_PATTERN.test(i.tag))) {
    out.push({ property: "tag", reason: withFix(`Image tag '${i.tag}' is not a valid tag`, `use up to 128 letters, digits, '_', '.' and '-', starting with a letter, digit or '_'`, "check") });
  }
  return out;
}

/** The source's image name: `app` for /db/schema/repo/app:1 or registry/x/app:1; none for a bare image id. */
function defaultName(source: unknown, localImage: unknown): string | undefined {
  if (isUnknown(source) || isUnknown(localImage)) return UNKNOWN;
  if (typeof source === "string") return parsePlatformImage(currentPlatform(), source)?.repository.split("/").slice(3).join("/");
  if (typeof localImage !== "string" || /^(sha256:)?[0-9a-f]{12,64}$/.test(localImage)) return undefined;
  const withoutRef = localImage.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
  return withoutRef.split("/").pop()?.toLowerCase();
}

function outputsOf(inputs: ImageInputs, put: PutResult): ImageOutputs {
  const path = imageRepositoryPath(inputs);
  const registry = currentPlatform().config.registry.toLowerCase();
  return plain({
    ...inputs,
    digest: put.digest,
    sourceDigest: put.sourceDigest,
    imageRef: `/${path}@${put.digest}`,
    taggedImageRef: `/${path}:${inputs.tag}`,
    imageUrl: `${registry}/${path}@${put.digest}`,
    drift: [],
  });
}

function pickInputs(p: ImageInputs): ImageInputs {
  const { database, schema, repository, name, tag, source, localImage } = p;
  return { database, schema, repository, name, tag, source, localImage, [RESOURCE_NAME_KEY]: p[RESOURCE_NAME_KEY] };
}

/** `DB.SCHEMA.REPO/name:tag`: the repository as an object name, then the image as docker names it. */
const idOf = (t: ImageTarget) => `${t.database}.${t.schema}.${t.repository}/${t.name}:${t.tag}`;
export { idOf as imageId };

/** Whether the image's tag is in the registry now (what makes an Image "exist" for adoption). */
export async function imageTagExists(platform: Platform, t: ImageTarget): Promise<boolean> {
  return platform.catalog.repositories.get(t.database, t.schema, t.repository) !== undefined && (await readTag(platform, t)) !== undefined;
}

function parseId(id: string): ImageInputs {
  const m = /^([^.]+)\.([^.]+)\.([^/]+)\/(.+):([^:/]+)$/.exec(id);
  if (!m) return { database: "", schema: "", repository: "", name: "", tag: "" };
  return { database: m[1], schema: m[2], repository: m[3], name: m[4], tag: m[5] };
}
