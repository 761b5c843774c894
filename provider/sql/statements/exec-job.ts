import { randomUUID } from "node:crypto";
import type { SqlResult } from "../sql-types";
import { accountObjectName, schemaObjectName, STATEMENT_OK, type ExecContext } from "./exec-context";
import { Options } from "./options";
import { statusResult } from "./result-sets";
import { resolveSpec } from "./spec-text";
import { integrationsOf } from "./exec-service";
import { awaitJobEnd, cancelJob, DEFAULT_JOB_TIMEOUT_SECONDS, executeJobService, jobFailureMessage, JobTimeout } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

/** NAME's default: `JOB_<query id>`, as SPCS names a job without NAME. */
export const defaultJobName = () => `JOB_${randomUUID().replace(/-/g, "_").toUpperCase()}`;

/**
 * EXECUTE JOB SERVICE. With ASYNC = TRUE it returns once the job is submitted; otherwise it returns when
 * every container has exited: DONE answers `Job NAME completed successfully with status: DONE.`, a failed
 * or cancelled job is an error with the failing container's exit code and last log lines. At the statement
 * timeout the job is cancelled, as SPCS does.
 */
export async function executeJobStatement(ctx: ExecContext, st: Of<"execute-job-service">): Promise<SqlResult> {
  const o = new Options(st.options, "SERVICE").allowOnly(["NAME", "ASYNC", "REPLICAS", "QUERY_WAREHOUSE", "COMMENT", "EXTERNAL_ACCESS_INTEGRATIONS", "TAG"]);
  const key = schemaObjectName(o.name("NAME") ?? [defaultJobName()], ctx.session, "EXECUTE JOB SERVICE", "job service");
  const computePool = accountObjectName(st.computePool, "compute pool");
  const replicas = o.integer("REPLICAS", 1) ?? 1;
  const async = o.boolean("ASYNC") ?? false;
  const { spec, specDigest } = resolveSpec(st.source, "job");
  await executeJobService(ctx.platform, {
    key, computePool, spec, specDigest, replicas, async,
    externalAccessIntegrations: integrationsOf(o) ?? null,
    queryWarehouse: o.name("QUERY_WAREHOUSE")?.slice(-1)[0] ?? null,
    comment: o.string("COMMENT") ?? null,
    runtimeEnvironment: null,
  });
  if (async) return statusResult(STATEMENT_OK);
  let d;
  try {
    d = await awaitJobEnd(ctx.platform, key, DEFAULT_JOB_TIMEOUT_SECONDS);
  } catch (e) {
    if (!(e instanceof JobTimeout)) throw e;
    await cancelJob(ctx.platform, key);
    throw sqlError("execution", e.message);
  }
  if (d.status !== "DONE") throw sqlError("execution", jobFailureMessage(ctx.platform, key, d));
  return statusResult(`Job ${key.name} completed successfully with status: DONE.`);
}
