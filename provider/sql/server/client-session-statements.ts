import type { SqlResult } from "../sql-types";

/**
 * Session parameters that only steer the client's result format. fakesnow rejects them (009999 not
 * implemented), yet `snow spcs image-registry token` sends the first before asking for a token; the
 * endpoint chooses result formats itself, so accepting them changes nothing.
 */
const CLIENT_FORMAT_PARAMETERS = /^\s*alter\s+session\s+set\s+(python_connector_query_result_format|jdbc_query_result_format|odbc_query_result_format|client_result_chunk_size)\s*=\s*('[^']*'|\w+)\s*;?\s*$/i;

export function clientSessionStatement(sql: string): SqlResult | undefined {
  if (!CLIENT_FORMAT_PARAMETERS.test(sql)) return undefined;
  return { columns: [{ name: "status", type: "text" }], rows: [["Statement executed successfully."]], statementType: "ddl" };
}
