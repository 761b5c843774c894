import type { SpcsStatementExecutor } from "../sql-types";

/**
 * THE WIRING POINT between the endpoint daemon and the SPCS statement executor. The executor
 * (`provider/sql/statements/index.ts`, `executeSpcsStatement`) is written in parallel and is not on this
 * branch yet; until it is, every statement goes to fakesnow. Wiring it is one line:
 *
 *   export const platformExecutor: SpcsStatementExecutor = executeSpcsStatement;
 */
export const platformExecutor: SpcsStatementExecutor = async () => undefined;
