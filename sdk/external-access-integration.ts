import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { EXTERNAL_ACCESS_INTEGRATION_SCHEMA } from "../provider/schema/tables/external-access-integration-schema";

/**
 * Arguments of an {@link ExternalAccessIntegration}, after CREATE EXTERNAL ACCESS INTEGRATION.
 * @see https://docs.snowflake.com/en/sql-reference/sql/create-external-access-integration
 */
export interface ExternalAccessIntegrationArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Integration name (account-level), an unquoted identifier, stored upper-case. Changing it replaces the external access integration. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** ALLOWED_NETWORK_RULES: DATABASE.SCHEMA.RULE of each NetworkRule (its id); each must exist. Updates in place. */
  allowedNetworkRules: pulumi.Input<pulumi.Input<string>[]>;
  /** ENABLED; a disabled integration allows nothing. Updates in place. */
  enabled: pulumi.Input<boolean>;
  /** Free-text comment; updates in place. */
  comment?: pulumi.Input<string>;
}

const OUTPUTS = outputNames(EXTERNAL_ACCESS_INTEGRATION_SCHEMA);

/**
 * An external access integration: a Service or JobService naming it in `externalAccessIntegrations`
 * reaches exactly the hosts and ports of its network rules. Changes reach running services at once.
 */
export class ExternalAccessIntegration extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  /** Integration name, upper-case: what `externalAccessIntegrations` takes. */ declare readonly name: pulumi.Output<string>;
  declare readonly allowedNetworkRules: pulumi.Output<string[]>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly comment: pulumi.Output<string | null>;
  /** EXTERNAL_ACCESS. */ declare readonly type: pulumi.Output<string>;
  /** SECURITY. */ declare readonly category: pulumi.Output<string>;
  declare readonly createdOn: pulumi.Output<string>;

  constructor(name: string, args: ExternalAccessIntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.ExternalAccessIntegration, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "ExternalAccessIntegration");
  }
}
