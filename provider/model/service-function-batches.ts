/**
 * SPCS's service function contract, pure (docs.snowflake.com: "Remote service input and output data
 * formats", "Service functions"): Snowflake POSTs a batch as `{"data": [[rowIndex, arg1, …], …]}`, row
 * indexes 0-based within the batch, and the service answers `{"data": [[rowIndex, result], …]}` with one
 * row per row sent, matched by index (the order of the answer does not matter).
 */

/** The context functions CONTEXT_HEADERS may name, each sent as `sf-context-<name with - for _>`. */
export const CONTEXT_FUNCTIONS = [
  "CURRENT_ACCOUNT", "CURRENT_CLIENT", "CURRENT_DATABASE", "CURRENT_DATE", "CURRENT_REGION", "CURRENT_ROLE", "CURRENT_SCHEMA",
  "CURRENT_SESSION", "CURRENT_STATEMENT", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURRENT_VERSION", "CURRENT_WAREHOUSE",
] as const;

export type ContextFunction = (typeof CONTEXT_FUNCTIONS)[number];

/**
 * Rows per batch when the function sets no MAX_BATCH_ROWS. Snowflake sizes batches itself; the engine
 * hands the platform at most 2,048 rows at a time, and one batch of those is what is sent.
 */
export const DEFAULT_MAX_BATCH_ROWS = 2048;

/** Splits the argument rows into request bodies of at most `max` rows, each indexed from 0. */
export function batchBodies(rows: readonly unknown[][], max: number): { data: unknown[][] }[] {
  const out: { data: unknown[][] }[] = [];
  for (let start = 0; start < rows.length; start += max) {
    out.push({ data: rows.slice(start, start + max).map((args, i) => [i, ...args]) });
  }
  return out;
}

/**
 * The results of one batch in row order, from the service's answer; a string saying what is wrong with
 * the answer otherwise (the caller words the error).
 */
export function batchResults(answer: unknown, sent: number): unknown[] | string {
  const data = typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>).data : undefined;
  if (!Array.isArray(data)) return 'the body is not a JSON object with a "data" array';
  if (data.length !== sent) return `it answered ${data.length} rows for the ${sent} rows sent`;
  const results: unknown[] = new Array(sent);
  const seen = new Set<number>();
  for (const row of data) {
    if (!Array.isArray(row) || row.length !== 2) return `a row of "data" is not [rowIndex, result]: ${JSON.stringify(row)?.slice(0, 100)}`;
    const [index, value] = row as [unknown, unknown];
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= sent || seen.has(index)) {
      return `row index ${JSON.stringify(index)} is not one of the batch's indexes 0…${sent - 1}, once each`;
    }
    seen.add(index);
    results[index] = value;
  }
  return results;
}

/** What the headers say about the call: the function, the query, the session. */
export interface CallHeadersInput {
  /** The function's name as declared, e.g. `ECHO`, and its signature `(A NUMBER, B VARCHAR)`. */
  name: string;
  signature: string;
  returns: string;
  queryId: string;
  batchId: string;
  contextHeaders: readonly string[];
  /** The values of the context functions this call knows (the caller's session). */
  context: Partial<Record<ContextFunction, string>>;
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/**
 * The headers of one batch request: the `sf-external-function-*` headers every remote-service call
 * carries, and one `sf-context-*` header per context function named in CONTEXT_HEADERS.
 */
export function batchHeaders(h: CallHeadersInput): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "sf-external-function-format": "json",
    "sf-external-function-format-version": "1.0",
    "sf-external-function-current-query-id": h.queryId,
    "sf-external-function-query-batch-id": h.batchId,
    "sf-external-function-name": h.name,
    "sf-external-function-name-base64": b64(h.name),
    "sf-external-function-signature": h.signature,
    "sf-external-function-signature-base64": b64(h.signature),
    "sf-external-function-return-type": h.returns,
    "sf-external-function-return-type-base64": b64(h.returns),
  };
  for (const fn of h.contextHeaders) {
    const value = h.context[fn as ContextFunction];
    // Header values must be ASCII without line breaks; anything else is sent base64-encoded, as Snowflake does for names.
    headers[contextHeaderName(fn)] = value === undefined ? "" : /^[\x20-\x7e]*$/.test(value) ? value : b64(value);
  }
  return headers;
}

/** `CURRENT_USER` → `sf-context-current-user`. */
export function contextHeaderName(fn: string): string {
  return `sf-context-${fn.toLowerCase().replace(/_/g, "-")}`;
}
