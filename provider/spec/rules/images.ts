/**
 * SPCS pulls images only from Snowflake image repositories, addressed as `/db/schema/repo/image:tag` or
 * `<org>-<acct>.registry.snowflakecomputing.com/db/schema/repo/image:tag`. Anything else (e.g.
 * `nginx:latest` from Docker Hub) would fail in Snowflake, so it gets a warning; whether the local
 * emulator can still run it is the runtime's business, not the spec language's.
 */
import { IMAGE_PATTERN } from "../formats";
import type { SpecRule } from "./rule";

/** `/db/schema/repo/image...` optionally after a registry host (anything with a dot, a port or localhost). */
const REPOSITORY_FORM = /^(?:(?:[A-Za-z0-9-]+\.[A-Za-z0-9.-]+|localhost|[A-Za-z0-9.-]+:\d+)(?::\d+)?)?\/[^/]+\/[^/]+\/[^/]+\/[^/].*$/;

/** The path segments of an image reference: without its digest, and the last one without its tag. */
function pathSegments(image: string): string[] {
  const segs = image.replace(/@sha256:[a-f0-9]{64}$/, "").split("/");
  segs[segs.length - 1] = segs[segs.length - 1].replace(/:[^:]*$/, "");
  return segs;
}

export const checkImages: SpecRule = (ctx) => {
  for (const { value: c, path } of ctx.containers) {
    const image = c.image;
    // A registry resolves `/db/s/r/../../../other/app` to `/other/app`: another repository than the one
    // the image was checked against.
    if (typeof image === "string" && IMAGE_PATTERN.test(image) && pathSegments(image).some((s) => s === "." || s === "..")) {
      ctx.report({ code: "spec/image-path", path: [...path, "image"], message: `Invalid spec: invalid 'image' '${image}' of container '${String(c.name)}'. Its path has a '.' or '..' segment`, hint: "write the repository path in full, e.g. /db/schema/repo/image:tag" });
      continue;
    }
    if (typeof image !== "string" || !IMAGE_PATTERN.test(image) || REPOSITORY_FORM.test(image)) continue;
    ctx.report({
      code: "spec/image-registry",
      severity: "warning",
      path: [...path, "image"],
      message: `image '${image}' is not in a Snowflake image repository; SPCS only runs images from /db/schema/repo/ paths`,
      hint: "push the image to an image repository and refer to it as /db/schema/repo/image:tag",
    });
  }
};
