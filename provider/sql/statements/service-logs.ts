import type { ExecContext } from "./exec-context";
import type { QualifiedName } from "./identifiers";
import { serviceLogsOf } from "./spcs-operations";

/** SYSTEM$GET_SERVICE_LOGS: the statement layer's serviceLogs (provider/statements/service-logs.ts), shared with `spcs logs`. */
export async function serviceLogs(ctx: ExecContext, key: QualifiedName, instanceId: number, container: string, tail: number, previous: boolean): Promise<string> {
  return serviceLogsOf(ctx.platform, key, { instance: instanceId, container, tail, previous });
}
