import { randomUUID } from "node:crypto";
import { SpcsError, doesNotExist } from "../../common/errors";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { batchBodies, batchHeaders, batchResults, DEFAULT_MAX_BATCH_ROWS, type ContextFunction } from "../../model/service-function-batches";
import { qualified } from "../../model/service-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { awaitServiceReady, DEFAULT_READY_TIMEOUT_SECONDS } from "../services/await-service-ready";
import { describeService } from "../services/describe-service";
import { resumeService } from "../services/service-lifecycle";
import { recordServiceActivity } from "../workloads/service-activity";
import { functionName, getServiceFunction, signatureOf, targetOf, type FunctionKey, type ServiceFunctionRow } from "./service-functions";

/** Who calls: the query and the session's context values (what CONTEXT_HEADERS may send). */
export interface FunctionCallContext {
  queryId: string;
  context: Partial<Record<ContextFunction, string>>;
}

/** Attempts per batch (SPCS's MAX_BATCH_RETRIES default is 3 retries) for a connection failure, 429 or 5xx. */
const ATTEMPTS = 4;
const RETRY_PAUSE_MS = 500;
/** Batches of one call in flight at once. */
const CONCURRENT_BATCHES = 4;
/** How long one batch may take (SPCS's BATCH_TIMEOUT_SECS). */
const BATCH_TIMEOUT_MS = 120_000;

/** Spreads batches over a service's READY instances, as SPCS's load balancer does. */
let nextInstance = 0;

/**
 * Calls a service function on argument rows (one per SQL row, in order) and returns one result per row.
 * The rows go to the service's endpoint in batches of at most MAX_BATCH_ROWS, each a POST of SPCS's
 * `{"data": [[rowIndex, args…]…]}` with the `sf-` headers, to a READY instance. A SUSPENDED service is
 * resumed first when its AUTO_RESUME is TRUE (the call waits for it); otherwise the call fails.
 */
export async function callServiceFunction(platform: Platform, key: FunctionKey, rows: unknown[][], call: FunctionCallContext): Promise<unknown[]> {
  const fn = getServiceFunction(platform, key);
  if (!fn) throw doesNotExist("Function", functionName(key));
  if (rows.length === 0) return [];
  const target = targetOf(fn);
  // A call is what SPCS counts as use of the service (AUTO_SUSPEND_SECS): recorded before each batch and at the end.
  const used = () => recordServiceActivity(platform.config.home, target);
  used();
  const addresses = await readyInstances(platform, fn, target);
  const port = readRuntimeSpec(platform.catalog.services.get(target)!).endpoints.find((e) => e.name === fn.endpoint)?.port;
  if (port === undefined) throw new SpcsError("invalid-function-target", `Endpoint '${fn.endpoint}' is no longer in service ${fn.service}'s specification; function ${functionName(key)} cannot be called.`, "CREATE OR REPLACE the function with an endpoint the service has");
  const bodies = batchBodies(rows, fn.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS);
  const results: unknown[][] = new Array(bodies.length);
  // Like Snowflake, several batches are in flight at once (a service must accept concurrent requests).
  let next = 0;
  const sender = async () => {
    for (let n = next++; n < bodies.length; n = next++) {
      const body = bodies[n];
      used();
      const headers = batchHeaders({
        name: fn.name, signature: signatureOf(fn), returns: fn.returns, queryId: call.queryId, batchId: randomUUID(),
        contextHeaders: fn.contextHeaders, context: call.context,
      });
      const values = batchResults(await postBatch(fn, addresses, port, body, headers), body.data.length);
      if (typeof values === "string") throw callFailed(fn, `its answer to a batch of ${body.data.length} rows is not in SPCS's format: ${values}`, 'answer {"data": [[rowIndex, result], …]} with one row per row sent');
      results[n] = values;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_BATCHES, bodies.length) }, sender)).finally(used);
  return results.flat();
}

/** The `ip` of every READY instance, resuming a suspended service (AUTO_RESUME) and waiting for one to be READY. */
async function readyInstances(platform: Platform, fn: ServiceFunctionRow, target: ServiceKey): Promise<string[]> {
  const svc = platform.catalog.services.get(target);
  if (!svc) throw doesNotExist("Service", fn.service, `create the service, or CREATE OR REPLACE function ${fn.name} with another one`);
  if (svc.status === "SUSPENDED" || svc.status === "SUSPENDING") {
    if (!svc.autoResume) {
      throw new SpcsError("service-suspended", `Service ${qualified(target)} is suspended and its AUTO_RESUME is FALSE: function ${fn.name} cannot be called.`, `resume it with ALTER SERVICE ${qualified(target)} RESUME, or set AUTO_RESUME = TRUE`);
    }
    await resumeService(platform, target);
  }
  let d = await describeService(platform, target);
  const ready = () => (d?.instances ?? []).filter((i) => i.status === "READY" && i.ipAddress).map((i) => i.ipAddress!);
  if (ready().length === 0) {
    d = await awaitServiceReady(platform, target, DEFAULT_READY_TIMEOUT_SECONDS);
  }
  if (ready().length === 0) throw new SpcsError("service-not-ready", `Service ${qualified(target)} has no READY instance to answer function ${fn.name}.`);
  return ready();
}

async function postBatch(fn: ServiceFunctionRow, addresses: string[], port: number, body: unknown, headers: Record<string, string>): Promise<unknown> {
  let last = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const ip = addresses[nextInstance++ % addresses.length];
    const url = `http://${ip}:${port}${fn.path}`;
    try {
      const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(BATCH_TIMEOUT_MS) });
      const text = await res.text();
      if (res.status === 200) {
        try {
          return JSON.parse(text);
        } catch {
          throw callFailed(fn, `its answer is not JSON: ${text.slice(0, 200)}`, 'answer {"data": [[rowIndex, result], …]} with Content-Type application/json');
        }
      }
      last = `HTTP ${res.status} from ${fn.endpoint} at ${fn.path}: ${text.slice(0, 300)}`;
      if (res.status !== 429 && res.status < 500) break;
    } catch (e) {
      if (e instanceof SpcsError) throw e;
      last = `no answer from ${fn.endpoint} at ${fn.path}: ${(e as Error).message}`;
    }
    if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS * attempt));
  }
  throw callFailed(fn, last, "see the service's logs with SYSTEM$GET_SERVICE_LOGS");
}

function callFailed(fn: ServiceFunctionRow, what: string, hint: string): SpcsError {
  return new SpcsError("service-function-failed", `Request to service function ${fn.databaseName}.${fn.schemaName}.${fn.name} failed (service ${fn.service}): ${what}`, hint);
}
