import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { IMAGE_SCHEMA } from "../provider/schema/tables/image-schema";

/**
 * Arguments of an {@link Image}: where it goes (an image repository, a name and a tag) and where it comes
 * from (`source`, an image of the platform, or `localImage`, an image of the local Docker engine).
 */
export interface ImageArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Database of the target repository, an unquoted identifier. Changing it replaces the image. */
  database: pulumi.Input<string>;
  /** Schema of the target repository, an unquoted identifier. Changing it replaces the image. */
  schema: pulumi.Input<string>;
  /** Name of the target image repository (spcs.ImageRepository's name). Changing it replaces the image. */
  repository: pulumi.Input<string>;
  /** Image name in the repository, lower case (path components like app or team/app). Changing it replaces the image. @default the source image's name */
  name?: pulumi.Input<string>;
  /** Tag to place the image under. Changing it replaces the image. @default "latest" */
  tag?: pulumi.Input<string>;
  /** An image of the platform: /db/schema/repo/image:tag, or /db/schema/repo/image@sha256:<digest> to promote exactly one build. A moved source tag is copied again by the next up. */
  source?: pulumi.Input<string>;
  /** Instead of source: an image of the local Docker engine (name:tag or id), pushed through the engine. A rebuilt image is pushed again by the next up. */
  localImage?: pulumi.Input<string>;
}

const OUTPUTS = outputNames(IMAGE_SCHEMA);

/**
 * An image placed in an SPCS image repository under a name and tag, the way `docker push` (or a registry
 * copy) would put it there. `imageRef` is the digest form a service spec uses to run exactly this build.
 * Refresh shows a tag moved or deleted out of band in `drift`, and `pulumi up` puts the image back.
 * Deleting it removes its tag, and the manifest when no other tag names it.
 */
export class Image extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly database: pulumi.Output<string>;
  declare readonly schema: pulumi.Output<string>;
  declare readonly repository: pulumi.Output<string>;
  /** Image name in the repository. */ declare readonly name: pulumi.Output<string>;
  declare readonly tag: pulumi.Output<string>;
  declare readonly source: pulumi.Output<string | undefined>;
  declare readonly localImage: pulumi.Output<string | undefined>;
  /** The manifest digest under the tag, `sha256:<hex>`. */
  declare readonly digest: pulumi.Output<string>;
  /** The source's manifest digest at the last copy, or the local image's id at the last push. */
  declare readonly sourceDigest: pulumi.Output<string>;
  /** `/db/schema/repo/name@sha256:<hex>`: what a service spec's `image` takes to run exactly this build. */
  declare readonly imageRef: pulumi.Output<string>;
  /** `/db/schema/repo/name:tag`. */
  declare readonly taggedImageRef: pulumi.Output<string>;
  /** `<registryHost>/db/schema/repo/name@sha256:<hex>`: what `docker pull` takes. */
  declare readonly imageUrl: pulumi.Output<string>;
  /** The tag moved or deleted out of band, as of the last refresh; `pulumi up` repairs it. */
  declare readonly drift: pulumi.Output<string[]>;

  constructor(name: string, args: ImageArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.Image, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "Image");
  }
}
