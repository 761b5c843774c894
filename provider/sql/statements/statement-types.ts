import type { ObjectName } from "./identifiers";
import type { SqlLiteral, SqlOption } from "./options";
import type { ShowFilters } from "./show-filters";
import type { SpecSource } from "./spec-source";

/**
 * One parsed SPCS statement: what the text says, names as written (resolved against the session only
 * when executed), options unvalidated. Parsing is pure; see parse-statement.ts.
 */
export type Statement =
  | { kind: "create-compute-pool"; name: ObjectName; ifNotExists: boolean; options: SqlOption[] }
  | { kind: "alter-compute-pool"; name: ObjectName; ifExists: boolean; action: AlterAction }
  | { kind: "drop-compute-pool"; name: ObjectName; ifExists: boolean }
  | { kind: "show-compute-pools"; filters: ShowFilters }
  | { kind: "describe-compute-pool"; name: ObjectName }
  | { kind: "create-image-repository"; name: ObjectName; orReplace: boolean; ifNotExists: boolean; options: SqlOption[] }
  | { kind: "alter-image-repository"; name: ObjectName; ifExists: boolean; action: AlterAction }
  | { kind: "drop-image-repository"; name: ObjectName; ifExists: boolean }
  | { kind: "show-image-repositories"; filters: ShowFilters }
  | { kind: "describe-image-repository"; name: ObjectName }
  | { kind: "show-images"; repository: ObjectName; filters: ShowFilters }
  | { kind: "create-service"; name: ObjectName; ifNotExists: boolean; computePool: ObjectName; source: SpecSource; options: SqlOption[] }
  | { kind: "alter-service"; name: ObjectName; ifExists: boolean; action: AlterAction | { kind: "spec"; source: SpecSource } | RestoreVolume }
  | { kind: "drop-service"; name: ObjectName; ifExists: boolean; force: boolean }
  | { kind: "show-services"; jobsOnly: boolean; excludeJobs: boolean; filters: ShowFilters }
  | { kind: "describe-service"; name: ObjectName }
  | { kind: "show-service-detail"; what: ServiceDetail; service: ObjectName; filters: ShowFilters }
  | { kind: "execute-job-service"; computePool: ObjectName; source: SpecSource; options: SqlOption[] }
  | { kind: "create-cre"; name: ObjectName; orReplace: boolean; ifNotExists: boolean; options: SqlOption[] }
  | { kind: "alter-cre"; name: ObjectName; ifExists: boolean; action: AlterAction }
  | { kind: "drop-cre"; name: ObjectName; ifExists: boolean }
  | { kind: "show-cres"; filters: ShowFilters }
  | { kind: "describe-cre"; name: ObjectName }
  | { kind: "show-account-parameters"; filters: ShowFilters }
  | { kind: "alter-account-parameters"; action: AlterAction }
  | { kind: "create-snapshot"; name: ObjectName; orReplace: boolean; ifNotExists: boolean; service: ObjectName; volume: string; instance: number; options: SqlOption[] }
  | { kind: "drop-snapshot"; name: ObjectName; ifExists: boolean }
  | { kind: "describe-snapshot"; name: ObjectName }
  | { kind: "show-snapshots"; filters: ShowFilters }
  | { kind: "create-service-function"; name: ObjectName; orReplace: boolean; ifNotExists: boolean; args: DeclaredArgument[]; returns: string; options: SqlOption[]; path: string }
  /** DROP / DESCRIBE FUNCTION name(types): answered here for service functions, by fakesnow for any other. */
  | { kind: "drop-function"; name: ObjectName; ifExists: boolean; argTypes: string[] }
  | { kind: "describe-function"; name: ObjectName; argTypes: string[] }
  | { kind: "function"; name: string; args: FunctionArg[]; column: string; form: "select" | "call" | "table"; target?: ObjectName };

/** ALTER SERVICE … RESTORE VOLUME "v" INSTANCES i[, …] FROM SNAPSHOT s. */
export interface RestoreVolume {
  kind: "restore";
  volume: string;
  instances: number[];
  snapshot: ObjectName;
}

/** One declared argument of CREATE FUNCTION: its name and its Snowflake type, upper-case (`NUMBER(38,0)`). */
export interface DeclaredArgument {
  name: string;
  type: string;
}

export type ServiceDetail = "instances" | "containers" | "endpoints" | "roles";

export type AlterAction =
  | { kind: "suspend" }
  | { kind: "resume" }
  | { kind: "stop-all" }
  | { kind: "set"; options: SqlOption[] }
  | { kind: "unset"; properties: string[] };

/** A function argument, positional or named (`RESULT_LIMIT => 10`). */
export interface FunctionArg {
  name?: string;
  value: SqlLiteral;
}

export type StatementKind = Statement["kind"];
