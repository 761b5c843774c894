/** Timestamps are ISO-8601 UTC strings everywhere: in the catalog, in outputs and in the CLI. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** SHOW COMPUTE POOLS prints the Unix epoch in `resumed_on` for a pool that was never resumed. */
export const EPOCH_ISO = "1970-01-01T00:00:00.000Z";
