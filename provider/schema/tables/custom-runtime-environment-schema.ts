import { INPUT_LIMITS } from "../input-limits";
import { ADOPT_PROPERTY, type ResourceSchema } from "../resource-schema";
import { BASE_IMAGE_TYPES, CRE_STATUSES } from "../../catalog/custom-runtime-environment-store";

export const CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA: ResourceSchema = {
  kind: "CustomRuntimeEnvironment",
  description:
    "A custom runtime environment (CREATE / ALTER / DROP CUSTOM RUNTIME ENVIRONMENT): an account-level object naming a custom ML runtime image in an image repository, validated server-side at create, with the image's digest recorded. Jobs use it as cre@<name>. Deleting it leaves the image in its repository.",
  properties: [
    ADOPT_PROPERTY,
    { name: "name", type: "string", input: true, replaceOnChanges: true, description: "CRE name, an unquoted identifier unique in the account, stored upper-case.", defaultInfo: "the resource name plus a random suffix" },
    { name: "imagePath", type: "string", input: true, required: true, replaceOnChanges: true, description: "IMAGE_PATH: '/db/schema/repo/image:tag', an image already pushed to an image repository." },
    { name: "baseImageType", type: "string", input: true, required: true, replaceOnChanges: true, enum: BASE_IMAGE_TYPES, description: "BASE_IMAGE_TYPE: CPU or GPU, matching the ML runtime base image the image derives from." },
    { name: "creStatus", type: "string", input: true, default: "RESOLVED", enum: CRE_STATUSES, description: "CRE_STATUS: RESOLVED (usable) or DEPRECATED (listed, refused for new jobs); changes in place (ALTER)." },
    { name: "comment", type: "string", input: true, nullable: true, maxLength: INPUT_LIMITS.commentLength, description: "Free-text comment, kept by the platform (SPCS documents no COMMENT for CREs); updates in place." },
    { name: "imageName", type: "string", description: "Image name within its repository (image_name)." },
    { name: "tag", type: "string", description: "Image tag (tag)." },
    { name: "digest", type: "string", description: "sha256 manifest digest the tag pointed to at create (digest); jobs are refused once the tag moves." },
    { name: "createdOn", type: "string", description: "Creation time, ISO 8601." },
    { name: "updatedOn", type: "string", description: "Last ALTER time, ISO 8601." },
    { name: "owner", type: "string", description: "Owning role." },
    { name: "image", type: "string", description: "Image path in the repository, '/db/schema/repo/image:tag', lower case (image)." },
    { name: "validationReport", type: { array: { ref: "ValidationCheck" } }, description: "Each check of the server-side validation run at create, in the validator's order." },
  ],
  types: {
    ValidationCheck: {
      description: "One check of the custom image validation, as `snow custom-image validate` reports it.",
      properties: [
        { name: "check", type: "string", description: "Check name: image_exists, entrypoint, env_<VAR>, pkg_<package>, dependency_health, script_<file>." },
        { name: "passed", type: "boolean", description: "Whether the check passed." },
        { name: "message", type: "string", description: "What the check found." },
      ],
    },
  },
};
