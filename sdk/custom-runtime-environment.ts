import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA } from "../provider/schema/tables/custom-runtime-environment-schema";

/**
 * Arguments of a {@link CustomRuntimeEnvironment}, after CREATE CUSTOM RUNTIME ENVIRONMENT.
 * @see https://docs.snowflake.com/en/developer-guide/snowflake-ml/custom-runtime-images
 */
export interface CustomRuntimeEnvironmentArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** CRE name, an unquoted identifier unique in the account, stored upper-case. Changing it replaces the custom runtime environment. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** IMAGE_PATH: '/db/schema/repo/image:tag', an image already pushed to an image repository. Changing it replaces the custom runtime environment. */
  imagePath: pulumi.Input<string>;
  /** BASE_IMAGE_TYPE: CPU or GPU, matching the ML runtime base image the image derives from. Changing it replaces the custom runtime environment. */
  baseImageType: pulumi.Input<"CPU" | "GPU">;
  /** CRE_STATUS: RESOLVED (usable) or DEPRECATED (listed, refused for new jobs); changes in place (ALTER). @default "RESOLVED" */
  creStatus?: pulumi.Input<"RESOLVED" | "DEPRECATED">;
  /** Free-text comment, kept by the platform (SPCS documents no COMMENT for CREs); updates in place. */
  comment?: pulumi.Input<string>;
}

/** One check of the validation run at create. */
export interface ValidationCheck {
  check: string;
  passed: boolean;
  message: string;
}

const OUTPUTS = outputNames(CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA);

/**
 * A custom runtime environment: an account-level object naming a custom ML runtime image. Creating it
 * validates the image server-side as SPCS does (entrypoint, DASHBOARD_PORT, mandatory packages, `pip
 * check`, the notebook script) and records the tag's digest; a failing image is refused with every
 * failed check listed, and nothing is created. Jobs reference it as `cre@<name>`. Deleting it leaves the
 * image in its repository.
 */
export class CustomRuntimeEnvironment extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  /** CRE name, upper-case. */ declare readonly name: pulumi.Output<string>;
  declare readonly imagePath: pulumi.Output<string>;
  declare readonly baseImageType: pulumi.Output<string>;
  /** RESOLVED or DEPRECATED, as the platform holds it. */ declare readonly creStatus: pulumi.Output<string>;
  declare readonly comment: pulumi.Output<string | null>;
  declare readonly imageName: pulumi.Output<string>;
  declare readonly tag: pulumi.Output<string>;
  /** The digest recorded at create. */ declare readonly digest: pulumi.Output<string>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly updatedOn: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  /** `/db/schema/repo/image:tag`, lower case. */ declare readonly image: pulumi.Output<string>;
  /** Each check of the validation run at create. */ declare readonly validationReport: pulumi.Output<ValidationCheck[]>;

  constructor(name: string, args: CustomRuntimeEnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.CustomRuntimeEnvironment, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "CustomRuntimeEnvironment");
  }
}
