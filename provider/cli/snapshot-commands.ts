import { likePattern } from "../common/sql-like";
import { createSnapshot, describeSnapshot, dropSnapshot, listSnapshots, type SnapshotRow } from "../statements/snapshots";
import { parseObjectRef } from "./arguments";
import type { CliContext } from "./cli-context";
import { repositoryScope } from "./image-repository-commands";
import { parseInstanceId, parseServiceRef } from "./service-commands";
import { UsageError } from "./usage-error";
import type { Verbs } from "./verbs";

type SnapshotOutput = SnapshotRow & { ownerRoleType: string };

/** SHOW SNAPSHOTS' columns: created_on first, then DESCRIBE SNAPSHOT's documented order. */
export const SHOW_SNAPSHOTS_COLUMNS = [
  "createdOn", "name", "state", "databaseName", "schemaName", "serviceName", "volumeName", "instance", "size", "comment", "owner", "ownerRoleType", "encryption",
] as const satisfies readonly (keyof SnapshotOutput)[];

/** What a table shows without `--wide`. */
export const SHOW_SNAPSHOTS_NARROW = ["name", "state", "serviceName", "volumeName", "instance", "size", "createdOn"] as const satisfies readonly (typeof SHOW_SNAPSHOTS_COLUMNS)[number][];

const snapshotRef = (ref: string) => parseObjectRef(ref, "snapshot");
const output = (s: SnapshotRow): SnapshotOutput => ({ ...s, ownerRoleType: "ROLE" });

/** CREATE / SHOW / DESCRIBE / DROP SNAPSHOT (RESTORE VOLUME is `spcs alter service S restore-volume`, service-commands.ts). */
export function registerSnapshotCommands(verbs: Verbs, ctx: CliContext): void {
  verbs.create
    .command("snapshot")
    .description('CREATE SNAPSHOT db.schema.name FROM SERVICE db.schema.svc VOLUME "v" INSTANCE i: a copy of one instance\'s block volume')
    .argument("<db.schema.name>", "the snapshot")
    .requiredOption("--service <db.schema.name>", "the service it is taken of")
    .requiredOption("--volume <name>", "the block volume, as the spec names it (case-sensitive)")
    .option("--instance <id>", "the instance (0 to MAX_INSTANCES - 1)", parseInstanceId, 0)
    .option("--comment <text>", "comment")
    .option("--or-replace", "replace a snapshot of that name", false)
    .option("--if-not-exists", "succeed without change when it exists", false)
    .action(async (ref: string, o: { service: string; volume: string; instance: number; comment?: string; orReplace: boolean; ifNotExists: boolean }) => {
      if (o.orReplace && o.ifNotExists) throw new UsageError("give --or-replace or --if-not-exists, not both");
      const key = snapshotRef(ref);
      const created = await createSnapshot(ctx.platform(), { key, service: parseServiceRef(o.service), volume: o.volume, instance: o.instance, comment: o.comment ?? null, orReplace: o.orReplace, ifNotExists: o.ifNotExists });
      ctx.output.status(created ? `Snapshot ${key.name} successfully created.` : `${key.name} already exists, statement succeeded.`);
    });

  verbs.show
    .command("snapshots")
    .description("SHOW SNAPSHOTS [LIKE pattern] [IN DATABASE db | IN SCHEMA db.schema]")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .option("--in-database <db>", "only snapshots in this database")
    .option("--in-schema <db.schema>", "only snapshots in this schema")
    .action((o: { like?: string; inDatabase?: string; inSchema?: string }) => {
      const scope = repositoryScope(o);
      const like = o.like === undefined ? undefined : likePattern(o.like);
      const rows = listSnapshots(ctx.platform()).filter((s) => (!scope.database || s.databaseName === scope.database) && (!scope.schema || s.schemaName === scope.schema) && (!like || like.test(s.name)));
      ctx.output.rows(rows.map(output), SHOW_SNAPSHOTS_COLUMNS, SHOW_SNAPSHOTS_NARROW);
    });

  verbs.describe
    .command("snapshot")
    .description("DESCRIBE SNAPSHOT db.schema.name")
    .argument("<db.schema.name>", "the snapshot")
    .action((ref: string) => {
      const { deleteAfter: _d, ...row } = output(describeSnapshot(ctx.platform(), snapshotRef(ref)));
      ctx.output.object(row);
    });

  verbs.drop
    .command("snapshot")
    .description("DROP SNAPSHOT [IF EXISTS] db.schema.name: the snapshot and its contents")
    .argument("<db.schema.name>", "the snapshot")
    .option("--if-exists", "succeed when there is no such snapshot", false)
    .action(async (ref: string, o: { ifExists: boolean }) => {
      const key = snapshotRef(ref);
      const dropped = await dropSnapshot(ctx.platform(), key, { ifExists: o.ifExists });
      ctx.output.status(dropped ? `${key.name} successfully dropped.` : `Drop statement executed successfully (${key.name} already dropped).`);
    });
}
