import { InvalidArgumentError } from "commander";
import { doesNotExist } from "../common/errors";
import { normalizeIdentifier } from "../common/identifiers";
import type { ServiceKey, ServiceRow } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import { likePattern } from "../common/sql-like";
import { DEFAULT_READY_TIMEOUT_SECONDS, alterService, describeService, dropService, type ContainerDescription, type EndpointDescription, type InstanceDescription, type ServiceDescription } from "../statements/services";
import { qualified } from "../model/service-naming";
import { restoreVolume } from "../statements/snapshots";
import { driftLine } from "../model/drift";
import { parseSchemaRef } from "./arguments";
import type { CliContext } from "./cli-context";
import { UsageError } from "./usage-error";
import type { Verbs } from "./verbs";

/** SHOW SERVICES' columns, in SPCS's order (managing_object_domain / _name are for Snowflake-managed services). */
export const SHOW_SERVICES_COLUMNS = [
  "name", "status", "databaseName", "schemaName", "owner", "computePool", "dnsName", "currentInstances", "targetInstances",
  "minReadyInstances", "minInstances", "maxInstances", "autoResume", "externalAccessIntegrations", "createdOn", "updatedOn",
  "resumedOn", "suspendedOn", "autoSuspendSecs", "comment", "ownerRoleType", "queryWarehouse", "isJob", "isAsyncJob", "specDigest", "isUpgrading",
] as const satisfies readonly (keyof ServiceDescription)[];

/** The columns SHOW SERVICE INSTANCES / CONTAINERS put in front of each row: which service, and its status. */
interface ServiceColumns {
  databaseName: string;
  schemaName: string;
  serviceName: string;
  serviceStatus: string;
}

export type InstanceRow = ServiceColumns & InstanceDescription;
export type ContainerRow = ServiceColumns & ContainerDescription;
/** SHOW ENDPOINTS' row: the description's, plus the privatelink URL only Business Critical accounts fill in. */
export type EndpointRow = EndpointDescription & { privatelinkIngressUrl: string | null };

/** SHOW SERVICE INSTANCES IN SERVICE's columns (JSON rows also carry `message` and `nodeId`). */
export const SHOW_SERVICE_INSTANCES_COLUMNS = [
  "databaseName", "schemaName", "serviceName", "serviceStatus", "instanceId", "status", "specDigest", "creationTime", "startTime", "ipAddress",
] as const satisfies readonly (keyof InstanceRow)[];

/** SHOW SERVICE CONTAINERS IN SERVICE's columns. */
export const SHOW_SERVICE_CONTAINERS_COLUMNS = [
  "databaseName", "schemaName", "serviceName", "serviceStatus", "instanceId", "instanceStatus", "containerName", "status", "message",
  "imageName", "imageDigest", "restartCount", "startTime", "lastExitCode", "lastRestartTime",
] as const satisfies readonly (keyof ContainerRow)[];

/** SHOW ENDPOINTS IN SERVICE's columns. */
export const SHOW_ENDPOINTS_COLUMNS = ["name", "port", "portRange", "protocol", "isPublic", "ingressUrl", "privatelinkIngressUrl"] as const satisfies readonly (keyof EndpointRow)[];

/** What a table shows without `--wide`: the columns people read first. */
export const SHOW_SERVICES_NARROW = ["name", "status", "databaseName", "schemaName", "computePool", "currentInstances", "targetInstances", "dnsName"] as const satisfies readonly (typeof SHOW_SERVICES_COLUMNS)[number][];
export const SHOW_SERVICE_INSTANCES_NARROW = ["serviceName", "instanceId", "status", "startTime", "ipAddress"] as const satisfies readonly (typeof SHOW_SERVICE_INSTANCES_COLUMNS)[number][];
export const SHOW_SERVICE_CONTAINERS_NARROW = ["serviceName", "instanceId", "containerName", "status", "message", "restartCount"] as const satisfies readonly (typeof SHOW_SERVICE_CONTAINERS_COLUMNS)[number][];
export const SHOW_ENDPOINTS_NARROW = ["name", "port", "protocol", "isPublic", "ingressUrl"] as const satisfies readonly (typeof SHOW_ENDPOINTS_COLUMNS)[number][];

/** `db.schema.service` in any case → its upper-case parts; a wrong shape is a usage error, a bad name an SPCS one. */
export function parseServiceRef(ref: string): ServiceKey {
  const parts = ref.split(".");
  if (parts.length !== 3) throw new UsageError(`expected a service as DB.SCHEMA.NAME, got '${ref}'`);
  const [database, schema, name] = parts.map((p, i) => normalizeIdentifier(p, ["database", "schema", "service"][i]));
  return { database, schema, name };
}

/** SHOW SERVICES' one IN clause: nothing (the account), a database, a schema or a compute pool. */
export type ServiceScope = { database?: string; schema?: string; computePool?: string };

/**
 * The IN clause of `show services`, from the words `in compute-pool P` / `in database DB` / `in schema
 * DB.SCHEMA` / `in account`, or from one of --in-compute-pool, --in-database, --in-schema. SQL takes one
 * IN, so two scopes are a usage error.
 */
export function servicesScope(words: readonly string[], o: { inComputePool?: string; inDatabase?: string; inSchema?: string }): ServiceScope {
  const usage = "usage: spcs show services [--like P] [in account | in database DB | in schema DB.SCHEMA | in compute-pool P]";
  const given: [string, string][] = [];
  if (o.inComputePool !== undefined) given.push(["compute-pool", o.inComputePool]);
  if (o.inDatabase !== undefined) given.push(["database", o.inDatabase]);
  if (o.inSchema !== undefined) given.push(["schema", o.inSchema]);
  if (words.length) {
    const kind = words[1]?.toLowerCase();
    if (words[0].toLowerCase() !== "in" || !kind) throw new UsageError(`unexpected words '${words.join(" ")}'`, usage);
    if (kind === "account") {
      if (words.length !== 2) throw new UsageError(`unexpected words '${words.join(" ")}'`, usage);
    } else {
      if (!["compute-pool", "database", "schema"].includes(kind) || words.length !== 3) throw new UsageError(`unexpected words '${words.join(" ")}'`, usage);
      given.push([kind, words[2]]);
    }
  }
  if (given.length > 1) throw new UsageError(`give one IN scope, not ${given.map(([k]) => k).join(" and ")}`, usage);
  const [scope] = given;
  if (!scope) return {};
  if (scope[0] === "compute-pool") return { computePool: normalizeIdentifier(scope[1], "compute pool") };
  if (scope[0] === "database") return { database: normalizeIdentifier(scope[1], "database") };
  return parseSchemaRef(scope[1]);
}

/**
 * The service of `show service instances|containers` and `show endpoints`: the SQL words `in service
 * DB.SCHEMA.NAME`, or `--in REF`.
 */
export function serviceTarget(command: string, words: readonly string[], inOption: string | undefined): ServiceKey {
  const usage = `usage: spcs ${command} in service DB.SCHEMA.NAME (or: spcs ${command} --in DB.SCHEMA.NAME)`;
  if (inOption !== undefined) {
    if (words.length) throw new UsageError(`give the service once, with --in or with 'in service', not both`, usage);
    return parseServiceRef(inOption);
  }
  if (words.length !== 3 || words[0].toLowerCase() !== "in" || words[1].toLowerCase() !== "service") {
    throw new UsageError(words.length ? `unexpected words '${words.join(" ")}'` : "which service?", usage);
  }
  return parseServiceRef(words[2]);
}

const ALTER_ACTIONS = ["suspend", "resume", "restore-volume"] as const;
type AlterAction = (typeof ALTER_ACTIONS)[number];

/** An instance id on the command line: 0, 1, … */
export function parseInstanceId(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`An instance id is a whole number from 0, got '${value}'.`);
  return Number(value);
}

export function parseServiceAlterAction(value: string): AlterAction {
  const action = value.toLowerCase() as AlterAction;
  if (!ALTER_ACTIONS.includes(action)) throw new InvalidArgumentError(`Use ${ALTER_ACTIONS.join(" or ")}.`);
  return action;
}

/** SHOW SERVICES: the catalog's services in scope, each described live (status and instances come from the engine). */
export async function showServices(platform: Platform, o: { like?: string } & ServiceScope): Promise<ServiceDescription[]> {
  if (o.computePool && !platform.catalog.pools.get(o.computePool)) throw doesNotExist("Compute pool", o.computePool);
  const re = o.like ? likePattern(o.like) : undefined;
  const inScope = (s: ServiceRow) =>
    (!re || re.test(s.name)) &&
    (!o.computePool || s.computePool === o.computePool) &&
    (!o.database || s.databaseName === o.database) &&
    (!o.schema || s.schemaName === o.schema);
  const rows = platform.catalog.services.list().filter(inScope);
  const described = await Promise.all(rows.map((s) => describeService(platform, { database: s.databaseName, schema: s.schemaName, name: s.name })));
  // A service dropped between the listing and its description is simply no longer there.
  return described.filter((d): d is ServiceDescription => d !== undefined);
}

/** DESCRIBE SERVICE, or SPCS's error for a missing service. */
export async function requireService(platform: Platform, key: ServiceKey): Promise<ServiceDescription> {
  const d = await describeService(platform, key);
  if (!d) throw doesNotExist("Service", qualified(key));
  return d;
}

const pick = <K extends string>(obj: Record<K, unknown>, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, obj[k]]));
const serviceColumns = (d: ServiceDescription): ServiceColumns => ({ databaseName: d.databaseName, schemaName: d.schemaName, serviceName: d.name, serviceStatus: d.status });

export function instanceRows(d: ServiceDescription): InstanceRow[] {
  return d.instances.map((i) => ({ ...serviceColumns(d), ...i }));
}

export function containerRows(d: ServiceDescription): ContainerRow[] {
  return d.containers.map((c) => ({ ...serviceColumns(d), ...c }));
}

export function endpointRows(d: ServiceDescription): EndpointRow[] {
  return d.endpoints.map((e) => ({ ...e, privatelinkIngressUrl: null }));
}

export function registerServiceCommands(verbs: Verbs, ctx: CliContext): void {
  verbs.show
    .command("services")
    .description("SHOW SERVICES [LIKE pattern] [IN ACCOUNT | DATABASE db | SCHEMA db.schema | COMPUTE POOL pool]")
    .usage("[--like <pattern>] [in account | in database DB | in schema DB.SCHEMA | in compute-pool POOL]")
    .argument("[words...]", "in compute-pool POOL, in database DB, in schema DB.SCHEMA or in account")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .option("--in-compute-pool <pool>", "only services in this compute pool")
    .option("--in-database <db>", "only services in this database")
    .option("--in-schema <db.schema>", "only services in this schema")
    .action(async (words: string[], o: { like?: string; inComputePool?: string; inDatabase?: string; inSchema?: string }) => {
      const scope = servicesScope(words, o); // before opening the platform: a usage error must not create a catalog
      const services = await showServices(ctx.platform(), { like: o.like, ...scope });
      // JSON rows are the SHOW columns; `describe service` gives the whole description.
      ctx.output.rows(services.map((d) => pick(d, SHOW_SERVICES_COLUMNS)), SHOW_SERVICES_COLUMNS, SHOW_SERVICES_NARROW);
    });

  verbs.describe
    .command("service")
    .description("DESCRIBE SERVICE db.schema.name (JSON: the whole description, with instances, containers, endpoints and drift)")
    .argument("<db.schema.name>", "the service (case-insensitive)")
    .action(async (ref: string) => {
      const key = parseServiceRef(ref);
      const d = await requireService(ctx.platform(), key);
      // DESCRIBE's `spec` column is not shown: the catalog keeps the runtime form, not SPCS's normalised YAML.
      ctx.output.object({ ...d, drift: d.drift.map(driftLine) }, [...SHOW_SERVICES_COLUMNS, ...(d.drift.length ? ["drift"] : [])]);
    });

  const showService = verbs.show.command("service").description("SHOW SERVICE INSTANCES | CONTAINERS IN SERVICE db.schema.name");
  showService
    .command("instances")
    .description("SHOW SERVICE INSTANCES IN SERVICE db.schema.name")
    .usage("in service DB.SCHEMA.NAME")
    .argument("[words...]", "in service DB.SCHEMA.NAME")
    .option("--in <db.schema.name>", "the service, instead of the words 'in service'")
    .action(async (words: string[], o: { in?: string }) => {
      const key = serviceTarget("show service instances", words, o.in);
      ctx.output.rows(instanceRows(await requireService(ctx.platform(), key)), SHOW_SERVICE_INSTANCES_COLUMNS, SHOW_SERVICE_INSTANCES_NARROW);
    });
  showService
    .command("containers")
    .description("SHOW SERVICE CONTAINERS IN SERVICE db.schema.name")
    .usage("in service DB.SCHEMA.NAME")
    .argument("[words...]", "in service DB.SCHEMA.NAME")
    .option("--in <db.schema.name>", "the service, instead of the words 'in service'")
    .action(async (words: string[], o: { in?: string }) => {
      const key = serviceTarget("show service containers", words, o.in);
      ctx.output.rows(containerRows(await requireService(ctx.platform(), key)), SHOW_SERVICE_CONTAINERS_COLUMNS, SHOW_SERVICE_CONTAINERS_NARROW);
    });

  verbs.show
    .command("endpoints")
    .description("SHOW ENDPOINTS IN SERVICE db.schema.name (ingress_url: 127.0.0.1:<port> of a public endpoint)")
    .usage("in service DB.SCHEMA.NAME")
    .argument("[words...]", "in service DB.SCHEMA.NAME")
    .option("--in <db.schema.name>", "the service, instead of the words 'in service'")
    .action(async (words: string[], o: { in?: string }) => {
      const key = serviceTarget("show endpoints", words, o.in);
      ctx.output.rows(endpointRows(await requireService(ctx.platform(), key)), SHOW_ENDPOINTS_COLUMNS, SHOW_ENDPOINTS_NARROW);
    });

  verbs.alter
    .command("service")
    .description('ALTER SERVICE db.schema.name SUSPEND | RESUME | RESTORE VOLUME "v" INSTANCES i[,i...] FROM SNAPSHOT s (resume returns at once; the service is PENDING, then RUNNING; restore needs a suspended service, and resumes it)')
    .argument("<db.schema.name>", "the service (case-insensitive)")
    .argument("<action>", "suspend, resume or restore-volume", parseServiceAlterAction)
    .option("--volume <name>", "restore-volume: the block volume, as the spec names it (case-sensitive)")
    .option("--instances <ids>", "restore-volume: instance ids, comma-separated", (v: string) => v.split(",").map((x) => parseInstanceId(x.trim())))
    .option("--from-snapshot <name>", "restore-volume: the snapshot, NAME (in the service's schema), SCHEMA.NAME or DB.SCHEMA.NAME")
    .action(async (ref: string, action: AlterAction, o: { volume?: string; instances?: number[]; fromSnapshot?: string }) => {
      const key = parseServiceRef(ref);
      if (action === "restore-volume") {
        if (o.volume === undefined || o.instances === undefined || o.fromSnapshot === undefined) throw new UsageError("restore-volume needs --volume, --instances and --from-snapshot");
        await restoreVolume(ctx.platform(), key, o.volume, o.instances, o.fromSnapshot);
      } else {
        await alterService(ctx.platform(), key, { suspended: action === "suspend", readyTimeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS });
      }
      ctx.output.status("Statement executed successfully.");
    });

  verbs.drop
    .command("service")
    .description("DROP SERVICE [IF EXISTS] db.schema.name [FORCE]: stops and removes its containers; a service with block volumes needs --force, which deletes them (after snapshotOnDelete's SYS_BACKUP_ON_DELETE snapshots)")
    .argument("<db.schema.name>", "the service (case-insensitive)")
    .option("--if-exists", "succeed when there is no such service", false)
    .option("--force", "FORCE: drop a service with block volumes, deleting them", false)
    .action(async (ref: string, o: { ifExists: boolean; force: boolean }) => {
      const key = parseServiceRef(ref);
      const dropped = await dropService(ctx.platform(), key, { ifExists: o.ifExists, force: o.force });
      ctx.output.status(dropped ? `${key.name} successfully dropped.` : `Drop statement executed successfully (${key.name} already dropped).`);
    });
}
