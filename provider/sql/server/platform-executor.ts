import type { ServiceFunctionCaller, SpcsStatementExecutor } from "../sql-types";
import { callServiceFunctionOnPlatform, executeSpcsStatement } from "../statements";

/** The endpoint daemon answers SPCS statements through the statement executor; everything else goes to fakesnow. */
export const platformExecutor: SpcsStatementExecutor = executeSpcsStatement;

/** Service functions called from statements fakesnow runs are SPCS calls on the process's platform. */
export const platformFunctionCaller: ServiceFunctionCaller = callServiceFunctionOnPlatform;
