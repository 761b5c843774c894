import type { SpcsStatementExecutor } from "../sql-types";
import { executeStatement } from "./execute-statement";
import { serviceFunctionCaller } from "./exec-service-function";
import { parseSpcsStatement } from "./parse-statement";
import { currentPlatform, type Platform } from "./spcs-operations";
import { toSqlError } from "./translate-error";

export { parseSpcsStatement } from "./parse-statement";
export { serviceFunctionCaller } from "./exec-service-function";
export type { Statement } from "./statement-types";

/**
 * The SPCS statement executor on one platform: parses the text, returns undefined when it is not SPCS
 * SQL (the server hands it to fakesnow), otherwise runs it with the platform's own functions. Every
 * failure is an SqlError with Snowflake's code.
 */
export function spcsStatementExecutor(platform: Platform | (() => Platform)): SpcsStatementExecutor {
  const platformOf = typeof platform === "function" ? platform : () => platform;
  return async (sql, session) => {
    const statement = parseSpcsStatement(sql);
    if (!statement) return undefined;
    try {
      return await executeStatement({ platform: platformOf(), session }, statement);
    } catch (e) {
      throw toSqlError(e);
    }
  };
}

/** The executor on the process's platform (SPCS_HOME and friends, see provider/common/config.ts). */
export const executeSpcsStatement: SpcsStatementExecutor = spcsStatementExecutor(() => currentPlatform());

/** The service function caller on the process's platform. */
export const callServiceFunctionOnPlatform = serviceFunctionCaller(() => currentPlatform());
