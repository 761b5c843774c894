import { ADOPT_PROPERTY, stringProperty as s, type PropertySpec, type ResourceSchema } from "../resource-schema";


export const IMAGE_SCHEMA: ResourceSchema = {
  kind: "Image",
  description:
    "An image placed in an image repository under a name and tag: copied by digest inside the registry from another repository of the platform (blob mounts, no layer sent again), or pushed from the local Docker engine. Deleting it removes its tag, and the manifest when no tag is left.",
  properties: [
    ADOPT_PROPERTY,
    s("database", "Database of the target repository, an unquoted identifier.", { input: true, required: true, replaceOnChanges: true }),
    s("schema", "Schema of the target repository, an unquoted identifier.", { input: true, required: true, replaceOnChanges: true }),
    s("repository", "Name of the target image repository (spcs.ImageRepository's name).", { input: true, required: true, replaceOnChanges: true }),
    s("name", "Image name in the repository, lower case (path components like app or team/app).", { input: true, replaceOnChanges: true, defaultInfo: "the source image's name" }),
    s("tag", "Tag to place the image under.", { input: true, replaceOnChanges: true, default: "latest" }),
    s("source", "An image of the platform: /db/schema/repo/image:tag, or /db/schema/repo/image@sha256:<digest> to promote exactly one build. A moved source tag is copied again by the next up.", { input: true, optional: true }),
    s("localImage", "Instead of source: an image of the local Docker engine (name:tag or id), pushed through the engine. A rebuilt image is pushed again by the next up.", { input: true, optional: true }),
    s("digest", "The manifest digest placed under the tag, sha256:<hex>."),
    s("sourceDigest", "The source's manifest digest at the last copy, or the local image's id at the last push."),
    s("imageRef", "/db/schema/repo/name@sha256:<hex>: the digest form a service spec uses to run exactly this build."),
    s("taggedImageRef", "/db/schema/repo/name:tag: the tag form."),
    s("imageUrl", "<registryHost>/db/schema/repo/name@sha256:<hex>: what docker pull takes."),
    { name: "drift", type: { array: "string" }, description: "How the registry differs from what this resource placed (the tag moved or deleted out of band), as of the last refresh; `pulumi up` puts the image back." },
  ],
};
