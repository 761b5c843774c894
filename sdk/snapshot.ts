import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { SNAPSHOT_SCHEMA } from "../provider/schema/tables/snapshot-schema";

/**
 * Arguments of a {@link Snapshot}, after CREATE SNAPSHOT.
 * @see https://docs.snowflake.com/en/sql-reference/sql/create-snapshot
 */
export interface SnapshotArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Database, an unquoted identifier. Changing it replaces the snapshot. */
  database: pulumi.Input<string>;
  /** Schema, an unquoted identifier. Changing it replaces the snapshot. */
  schema: pulumi.Input<string>;
  /** Snapshot name, an unquoted identifier, stored upper-case. Changing it replaces the snapshot. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** The service it is taken of, DATABASE.SCHEMA.NAME (a Service's id). Changing it replaces the snapshot. */
  service: pulumi.Input<string>;
  /** The block volume, exactly as the spec names it (volume names are case-sensitive). Changing it replaces the snapshot. */
  volume: pulumi.Input<string>;
  /** The service instance, from 0 to MAX_INSTANCES - 1. Changing it replaces the snapshot. @default 0 */
  instance?: pulumi.Input<number>;
  /** Free-text comment. Changing it replaces the snapshot. */
  comment?: pulumi.Input<string>;
}

const OUTPUTS = outputNames(SNAPSHOT_SCHEMA);

/**
 * A snapshot of one service instance's block volume. Its `id` is `DATABASE.SCHEMA.NAME`; a block volume's
 * `blockConfig.initialContents.fromSnapshot` names it to start new volumes with its contents.
 */
export class Snapshot extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly database: pulumi.Output<string>;
  declare readonly schema: pulumi.Output<string>;
  /** Snapshot name, upper-case. */ declare readonly name: pulumi.Output<string>;
  declare readonly service: pulumi.Output<string>;
  declare readonly volume: pulumi.Output<string>;
  declare readonly instance: pulumi.Output<number>;
  declare readonly comment: pulumi.Output<string | null>;
  /** CREATED once it can fill a volume. */ declare readonly state: pulumi.Output<string>;
  declare readonly serviceName: pulumi.Output<string>;
  declare readonly volumeName: pulumi.Output<string>;
  /** GB. */ declare readonly size: pulumi.Output<number>;
  declare readonly encryption: pulumi.Output<string>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly schemaName: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  declare readonly ownerRoleType: pulumi.Output<string>;

  constructor(name: string, args: SnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.Snapshot, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "Snapshot");
  }
}
