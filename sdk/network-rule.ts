import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { NETWORK_RULE_SCHEMA } from "../provider/schema/tables/network-rule-schema";

/**
 * Arguments of a {@link NetworkRule}, after CREATE NETWORK RULE.
 * @see https://docs.snowflake.com/en/sql-reference/sql/create-network-rule
 */
export interface NetworkRuleArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Database, an unquoted identifier. Changing it replaces the network rule. */
  database: pulumi.Input<string>;
  /** Schema, an unquoted identifier. Changing it replaces the network rule. */
  schema: pulumi.Input<string>;
  /** Rule name, an unquoted identifier, stored upper-case. Changing it replaces the network rule. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** VALUE_LIST: 'host' or 'host:port' (port 443 when omitted; 22, 80, 443 or 1024-65535); '0.0.0.0:443' is any host on 443. Updates in place. */
  valueList: pulumi.Input<pulumi.Input<string>[]>;
  /** Free-text comment; updates in place. */
  comment?: pulumi.Input<string>;
}

const OUTPUTS = outputNames(NETWORK_RULE_SCHEMA);

/**
 * An egress network rule: the hosts and ports a service may reach through an
 * {@link ExternalAccessIntegration} naming it. Its `id` is `DATABASE.SCHEMA.NAME`, what
 * `allowedNetworkRules` takes.
 */
export class NetworkRule extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly database: pulumi.Output<string>;
  declare readonly schema: pulumi.Output<string>;
  /** Rule name, upper-case. */ declare readonly name: pulumi.Output<string>;
  /** HOST_PORT. */ declare readonly type: pulumi.Output<string>;
  /** EGRESS. */ declare readonly mode: pulumi.Output<string>;
  declare readonly valueList: pulumi.Output<string[]>;
  declare readonly comment: pulumi.Output<string | null>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly schemaName: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  declare readonly ownerRoleType: pulumi.Output<string>;
  declare readonly entriesInValuelist: pulumi.Output<number>;

  constructor(name: string, args: NetworkRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.NetworkRule, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "NetworkRule");
  }
}
