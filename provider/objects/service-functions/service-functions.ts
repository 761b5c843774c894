import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { nowIso } from "../../common/time";
import type { ServiceKey } from "../../catalog/service-store";
import type { FunctionArgument, ServiceFunctionRow } from "../../catalog/service-function-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { CONTEXT_FUNCTIONS } from "../../model/service-function-batches";
import { qualified } from "../../model/service-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";

export type { FunctionArgument, ServiceFunctionRow } from "../../catalog/service-function-store";

/** A function's key: its database, schema and name, upper-case as unquoted identifiers are. */
export interface FunctionKey {
  database: string;
  schema: string;
  name: string;
}

/** What CREATE FUNCTION … SERVICE= … says, names resolved against the session. */
export interface ServiceFunctionDefinition extends FunctionKey {
  arguments: FunctionArgument[];
  returns: string;
  service: ServiceKey;
  endpoint: string;
  path: string;
  maxBatchRows?: number;
  contextHeaders: string[];
  comment?: string;
}

/** SPCS limits MAX_BATCH_ROWS to a positive integer; the platform takes what one engine chunk can hold and more. */
const MAX_BATCH_ROWS_LIMIT = 1_000_000;

export const functionName = (k: FunctionKey) => `${k.database}.${k.schema}.${k.name}`;

/**
 * CREATE [OR REPLACE] FUNCTION … SERVICE=s ENDPOINT=e AS '/path': the service must exist and not be a
 * job, the endpoint must be one of its spec's endpoints (names compared as SPCS does, ignoring case) and
 * speak HTTP. Returns the row, or undefined when IF NOT EXISTS found one already.
 */
export function createServiceFunction(platform: Platform, def: ServiceFunctionDefinition, opts: { orReplace?: boolean; ifNotExists?: boolean } = {}): ServiceFunctionRow | undefined {
  const existing = platform.catalog.serviceFunctions.get(def.database, def.schema, def.name);
  if (existing && opts.ifNotExists) return undefined;
  if (existing && !opts.orReplace) throw alreadyExists(def.name, "use CREATE OR REPLACE FUNCTION to change it, or DROP FUNCTION first");
  const svc = platform.catalog.services.get(def.service);
  if (!svc) throw doesNotExist("Service", qualified(def.service));
  if (svc.isJob) throw new SpcsError("invalid-function-target", `Service ${qualified(def.service)} is a job service; a service function must target a long-running service.`, "name a service created with CREATE SERVICE");
  const endpoints = readRuntimeSpec(svc).endpoints;
  const endpoint = endpoints.find((e) => e.name.toUpperCase() === def.endpoint.toUpperCase());
  if (!endpoint) {
    const names = endpoints.map((e) => e.name).join(", ") || "none";
    throw new SpcsError("invalid-function-target", `Endpoint '${def.endpoint}' does not exist in service ${qualified(def.service)} (its endpoints: ${names}).`, "name one of the endpoints of the service's specification");
  }
  if (endpoint.protocol === "TCP" || endpoint.port === undefined) {
    throw new SpcsError("invalid-function-target", `Endpoint '${endpoint.name}' of service ${qualified(def.service)} is a TCP endpoint; a service function needs an HTTP endpoint with a port.`, "declare the endpoint with protocol: HTTP and a port");
  }
  if (!def.path.startsWith("/")) throw new SpcsError("invalid-value", `Invalid function body '${def.path}': a service function's AS is the HTTP path of its handler, starting with '/'.`, "write it as AS '/echo'");
  if (def.maxBatchRows !== undefined && (!Number.isInteger(def.maxBatchRows) || def.maxBatchRows < 1 || def.maxBatchRows > MAX_BATCH_ROWS_LIMIT)) {
    throw new SpcsError("invalid-value", `Invalid value ${def.maxBatchRows} for MAX_BATCH_ROWS: it must be an integer from 1 to ${MAX_BATCH_ROWS_LIMIT}.`, "give MAX_BATCH_ROWS a positive integer");
  }
  for (const h of def.contextHeaders) {
    if (!(CONTEXT_FUNCTIONS as readonly string[]).includes(h)) {
      throw new SpcsError("invalid-value", `Invalid context function '${h}' in CONTEXT_HEADERS.`, `use some of ${CONTEXT_FUNCTIONS.join(", ")}`);
    }
  }
  const row: ServiceFunctionRow = {
    databaseName: def.database, schemaName: def.schema, name: def.name, arguments: def.arguments, returns: def.returns,
    service: qualified(def.service), endpoint: endpoint.name, path: def.path, maxBatchRows: def.maxBatchRows ?? null,
    contextHeaders: def.contextHeaders, comment: def.comment ?? null, createdOn: existing?.createdOn ?? nowIso(), owner: OWNER_ROLE,
  };
  platform.catalog.write(() => platform.catalog.serviceFunctions.put(row));
  return row;
}

/** Puts back a function row as it was (the undo of a CREATE OR REPLACE whose fakesnow half failed). */
export function restoreServiceFunction(platform: Platform, row: ServiceFunctionRow): void {
  platform.catalog.write(() => platform.catalog.serviceFunctions.put(row));
}

/** DROP FUNCTION of a service function; false when there is none of that name (the caller decides what that means). */
export function dropServiceFunction(platform: Platform, key: FunctionKey): boolean {
  return platform.catalog.write(() => platform.catalog.serviceFunctions.delete(key.database, key.schema, key.name));
}

export function getServiceFunction(platform: Platform, key: FunctionKey): ServiceFunctionRow | undefined {
  return platform.catalog.serviceFunctions.get(key.database, key.schema, key.name);
}

export function listServiceFunctions(platform: Platform): ServiceFunctionRow[] {
  return platform.catalog.serviceFunctions.list();
}

/** `(A NUMBER, B VARCHAR)`: the signature SPCS prints and sends in `sf-external-function-signature`. */
export function signatureOf(row: Pick<ServiceFunctionRow, "arguments">): string {
  return `(${row.arguments.map((a) => `${a.name} ${a.type}`).join(", ")})`;
}

/** The service a function row names. */
export function targetOf(row: ServiceFunctionRow): ServiceKey {
  const [database, schema, name] = row.service.split(".");
  return { database, schema, name };
}
