/**
 * The OCI distribution grammar for one repository path component (distribution/reference): lower-case
 * alphanumerics joined by one `.`, one or two `_`, or any number of `-`. An image repository lives at the
 * registry path `<db>/<schema>/<repo>`, lower-cased; a valid Snowflake identifier such as `_DB`, `A$B` or
 * `A__B_` is not always a valid component.
 */
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** distribution/reference: a repository name (host excluded here) of at most 255 characters. */
const NAME_TOTAL_MAX = 255;

/** Why `<db>/<schema>/<repo>` cannot be a registry path, naming the part at fault, or undefined. */
export function registryPathProblem(parts: Record<"database" | "schema" | "name", string>): { field: "database" | "schema" | "name"; problem: string; fix: string } | undefined {
  for (const field of ["database", "schema", "name"] as const) {
    const c = parts[field].toLowerCase();
    if (!COMPONENT.test(c)) {
      return { field, problem: `'${parts[field]}' gives the registry path component '${c}', which the OCI distribution grammar refuses`, fix: "start and end with a letter or digit and use '_' singly or in pairs, no '$'" };
    }
  }
  const full = `${parts.database}/${parts.schema}/${parts.name}`.toLowerCase();
  if (full.length > NAME_TOTAL_MAX) return { field: "name", problem: `the registry path '${full.slice(0, 40)}…' is ${full.length} characters long; the registry's limit is ${NAME_TOTAL_MAX}`, fix: "shorten database, schema and name together" };
  return undefined;
}
