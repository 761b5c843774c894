import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { IMAGE_REPOSITORY_SCHEMA } from "../provider/schema/tables/image-repository-schema";

/**
 * Arguments of an {@link ImageRepository}, after CREATE IMAGE REPOSITORY.
 * @see https://docs.snowflake.com/en/sql-reference/sql/create-image-repository
 */
export interface ImageRepositoryArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Database, an unquoted identifier. Changing it replaces the image repository. */
  database: pulumi.Input<string>;
  /** Schema, an unquoted identifier. Changing it replaces the image repository. */
  schema: pulumi.Input<string>;
  /** Repository name, an unquoted identifier, stored upper-case. Changing it replaces the image repository. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** Free-text comment; updates in place. */
  comment?: pulumi.Input<string>;
  /** SNOWFLAKE_FULL or SNOWFLAKE_SSE; cannot be altered. Changing it replaces the image repository. @default "SNOWFLAKE_FULL" */
  encryption?: pulumi.Input<"SNOWFLAKE_FULL" | "SNOWFLAKE_SSE">;
}

/** One row of SHOW IMAGES IN IMAGE REPOSITORY. */
export interface ImageInfo {
  createdOn: string;
  imageName: string;
  /** Comma-separated tags of this digest. */
  tags: string;
  digest: string;
  /** `db/schema/repo/image:tag`, lower case. */
  imagePath: string;
}

const OUTPUTS = outputNames(IMAGE_REPOSITORY_SCHEMA);

/**
 * An SPCS image repository: a lower-case path `db/schema/repo` in the platform's OCI registry.
 * `docker push <repositoryUrl>/<image>:<tag>` stores images in it; `images` lists them as SHOW IMAGES does
 * (refresh to see pushes and deletions made since). Deleting the repository deletes its images.
 */
export class ImageRepository extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly database: pulumi.Output<string>;
  declare readonly schema: pulumi.Output<string>;
  /** Repository name, upper-case. */ declare readonly name: pulumi.Output<string>;
  declare readonly comment: pulumi.Output<string | null>;
  declare readonly encryption: pulumi.Output<string>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly schemaName: pulumi.Output<string>;
  /** `<registryHost>/<db>/<schema>/<repo>`, lower case: what `docker push` takes. */
  declare readonly repositoryUrl: pulumi.Output<string>;
  /** The registry's `host:port`. */
  declare readonly registryHost: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  declare readonly ownerRoleType: pulumi.Output<string>;
  declare readonly privatelinkRepositoryUrl: pulumi.Output<string | null>;
  /** SHOW IMAGES IN IMAGE REPOSITORY, as of the last create, update or refresh. */
  declare readonly images: pulumi.Output<ImageInfo[]>;

  constructor(name: string, args: ImageRepositoryArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.ImageRepository, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "ImageRepository");
  }
}
