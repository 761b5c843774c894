import { SqlError } from "../sql-types";

/** Snowflake's answer body: `success`, and either `data` or `code`/`message` with `data.errorCode/sqlState`. */
export interface Envelope {
  success: boolean;
  code?: string | null;
  message?: string | null;
  data?: Record<string, unknown> | null;
  [k: string]: unknown;
}

/** The code real Snowflake answers while a statement still runs; the client polls `getResultUrl`. */
export const IN_PROGRESS_CODE = "333334";
export const IN_PROGRESS_MESSAGE = "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.";

export function ok(data: Record<string, unknown> | null): Envelope {
  return { success: true, code: null, message: null, data };
}

export function failure(code: string, sqlState: string, message: string, queryId?: string): Envelope {
  return { success: false, code, message, data: { errorCode: code, sqlState, ...(queryId && { queryId }) } };
}

export function inProgress(queryId: string): Envelope {
  return { success: true, code: IN_PROGRESS_CODE, message: IN_PROGRESS_MESSAGE, data: { queryId, getResultUrl: `/queries/${queryId}/result` } };
}

/**
 * An executor failure as a Snowflake error. A thrown SqlError keeps its code; anything else is a bug
 * on our side, reported as Snowflake reports its own internal errors (SQL execution internal error).
 */
export function errorEnvelope(err: unknown, queryId: string): Envelope {
  if (err instanceof SqlError) return failure(err.code, err.sqlState, err.message, queryId);
  const text = err instanceof Error ? err.message : String(err);
  return failure("000603", "XX000", `SQL execution internal error: ${text}`, queryId);
}
