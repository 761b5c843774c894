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

export const checkImages: SpecRule = (ctx) => {
  for (const { value: c, path } of ctx.containers) {
    const image = c.image;
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
