import type { SpcsStatementExecutor } from "../sql-types";
import { executeSpcsStatement } from "../statements";

/** The endpoint daemon answers SPCS statements through the statement executor; everything else goes to fakesnow. */
export const platformExecutor: SpcsStatementExecutor = executeSpcsStatement;
