import type { SpcsStatementExecutor } from "../sql-types";
import type { FunctionCalls } from "./function-calls";
import type { QueryStore } from "./query-store";
import type { SessionStore } from "./session-store";
import type { Upstream } from "./upstream";

/** What every route handler shares: the stores, fakesnow, the executor and the timing knobs. */
export interface EndpointContext {
  sessions: SessionStore;
  queries: QueryStore;
  upstream: Upstream;
  executor: SpcsStatementExecutor;
  /** How long a query-request waits for its statement before answering "in progress" (333334). */
  syncWaitMs: number;
  /** How long one `GET /queries/{qid}/result` poll waits before answering "in progress" again. */
  pollWaitMs: number;
  log: (line: string) => void;
  /** The platform home, where services' session tokens are (OAuth logins); unset: OAuth is refused. */
  home?: string;
  /** Service function calls of forwarded statements (function-calls.ts). */
  functionCalls: FunctionCalls;
  /** `host:port` the endpoint listens on, once it does: where fakesnow's UDF calls back. */
  address: string;
}

/** `Authorization` for fakesnow: the upstream token of the caller's session. */
export function upstreamAuth(token: string): Record<string, string> {
  return { Authorization: `Snowflake Token="${token}"` };
}
