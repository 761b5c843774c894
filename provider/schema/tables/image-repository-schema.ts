import { INPUT_LIMITS } from "../input-limits";
import { ADOPT_PROPERTY, type ResourceSchema } from "../resource-schema";
import { ENCRYPTION_TYPES } from "../../catalog/image-repository-store";

export const IMAGE_REPOSITORY_SCHEMA: ResourceSchema = {
  kind: "ImageRepository",
  description:
    "An SPCS image repository (CREATE / ALTER / DROP IMAGE REPOSITORY): a lower-case path db/schema/repo in the platform's OCI registry. Deleting it deletes its images.",
  properties: [
    ADOPT_PROPERTY,
    { name: "database", type: "string", input: true, required: true, replaceOnChanges: true, description: "Database, an unquoted identifier." },
    { name: "schema", type: "string", input: true, required: true, replaceOnChanges: true, description: "Schema, an unquoted identifier." },
    { name: "name", type: "string", input: true, replaceOnChanges: true, description: "Repository name, an unquoted identifier, stored upper-case.", defaultInfo: "the resource name plus a random suffix" },
    { name: "comment", type: "string", input: true, nullable: true, maxLength: INPUT_LIMITS.commentLength, description: "Free-text comment; updates in place." },
    { name: "encryption", type: "string", input: true, replaceOnChanges: true, default: "SNOWFLAKE_FULL", enum: ENCRYPTION_TYPES, description: "SNOWFLAKE_FULL or SNOWFLAKE_SSE; cannot be altered." },
    { name: "createdOn", type: "string", description: "Creation time, ISO 8601." },
    { name: "databaseName", type: "string", description: "Database, upper-case (SHOW's database_name)." },
    { name: "schemaName", type: "string", description: "Schema, upper-case (SHOW's schema_name)." },
    { name: "repositoryUrl", type: "string", description: "<registryHost>/<db>/<schema>/<repo>, lower case: what docker push takes." },
    { name: "registryHost", type: "string", description: "The registry's host:port." },
    { name: "owner", type: "string", description: "Owning role." },
    { name: "ownerRoleType", type: "string", description: "ROLE or DATABASE_ROLE." },
    { name: "privatelinkRepositoryUrl", type: "string", nullable: true, description: "Private-link URL (never set locally)." },
    { name: "images", type: { array: { ref: "ImageInfo" } }, description: "SHOW IMAGES IN IMAGE REPOSITORY, as of the last create, update or refresh." },
  ],
  types: {
    ImageInfo: {
      description: "One row of SHOW IMAGES IN IMAGE REPOSITORY.",
      properties: [
        { name: "createdOn", type: "string", description: "Upload time of the image." },
        { name: "imageName", type: "string", description: "Image name within the repository." },
        { name: "tags", type: "string", description: "Comma-separated tags of this digest." },
        { name: "digest", type: "string", description: "sha256 manifest digest." },
        { name: "imagePath", type: "string", description: "db/schema/repo/image:tag, lower case." },
      ],
    },
  },
};
