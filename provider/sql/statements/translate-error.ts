import { SqlError } from "../sql-types";
import { isSpcsError } from "./spcs-operations";
import { sqlError, type SqlCodeName } from "./sql-errors";

/** Platform error codes (provider/common/errors.ts) → Snowflake's. */
const BY_PLATFORM_CODE: Record<string, SqlCodeName> = {
  "does-not-exist": "doesNotExist",
  "already-exists": "alreadyExists",
  "invalid-identifier": "invalidIdentifier",
  "invalid-service-name": "invalidIdentifier",
  "invalid-property": "invalidValue",
  "invalid-value": "invalidValue",
  "invalid-image-path": "invalidValue",
};

/**
 * What a client sees for an error of the platform: the message SPCS gives (missing and duplicate objects
 * exactly as Snowflake words them, as a compilation error), and Snowflake's code for it. Other failures
 * keep the platform's message with its fix.
 */
export function toSqlError(e: unknown): SqlError {
  if (e instanceof SqlError) return e;
  if (isSpcsError(e)) {
    const kind = BY_PLATFORM_CODE[e.code] ?? "execution";
    // The platform's hints name `spcs` and Pulumi commands; for SQL the object message alone is what Snowflake says.
    const message = kind === "doesNotExist" || kind === "alreadyExists" ? `SQL compilation error:\n${e.reason}` : e.message;
    return sqlError(kind, message);
  }
  return sqlError("execution", `The local platform failed to run the statement: ${(e as Error)?.message ?? String(e)}`);
}
