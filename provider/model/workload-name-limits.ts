import { isSpcsError } from "../common/errors";
import type { ServiceKey } from "../catalog/service-store";
import { containerName, dnsLabel, ingressContainerName, qualified, volumeName } from "./service-naming";

/** Docker's rule for container and volume names (daemon/names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`). */
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** NAME_MAX of Linux file systems: one path component, in bytes. Volumes are directories of the engine. */
const NAME_MAX = 255;
/** SPCS: container and volume names of a spec are at most 63 characters. */
const SPEC_NAME_MAX = 63;

/**
 * Why a valid Snowflake identifier still cannot name this service or job on the platform, or undefined.
 * Checked in `check` so the problem shows in preview rather than after the catalog row exists:
 * - the name must be a DNS label (SPCS's own rule, `dnsLabel`);
 * - the container and volume names built from `db.schema.name` must satisfy Docker (`$` is an identifier
 *   character Docker refuses) and fit one path component, for the largest instance id and the longest
 *   spec container or volume name;
 * - the files of the platform home named after the service (`secrets/<db.schema.name>.json`,
 *   `session-tokens/<db.schema.name>`) must fit one path component.
 */
export function workloadNameProblem(k: ServiceKey, maxInstances: number): { field: keyof ServiceKey; problem: string; fix: string } | undefined {
  try {
    dnsLabel(k.name);
  } catch (e) {
    if (!isSpcsError(e)) throw e;
    return { field: "name", problem: e.reason, fix: "use letters, digits and '_', start with a letter, end with a letter or digit, at most 63 characters" };
  }
  const longest = "x".repeat(SPEC_NAME_MAX);
  const names = [containerName("", k, maxInstances - 1, longest), volumeName("", k, maxInstances - 1, longest), ingressContainerName("", k)];
  for (const field of ["database", "schema", "name"] as const) {
    if (k[field].includes("$")) {
      return { field, problem: `'${k[field]}' contains '$', which Docker refuses in the container names made from it (${names[0]})`, fix: `use only letters, digits and '_' in ${field}` };
    }
  }
  const bad = names.find((n) => !DOCKER_NAME.test(n));
  if (bad) return { field: "name", problem: `the container name ${bad} is not one Docker accepts`, fix: "use only letters, digits and '_'" };
  const files = [...names, `${qualified(k).toLowerCase()}.json`];
  const tooLong = files.find((n) => Buffer.byteLength(n) > NAME_MAX);
  if (tooLong) {
    const over = Buffer.byteLength(tooLong) - NAME_MAX;
    const field = (["database", "schema", "name"] as const).reduce((a, b) => (k[b].length > k[a].length ? b : a));
    return {
      field,
      problem: `'${k.database}.${k.schema}.${k.name}' is too long for the platform: it makes a container, volume or file name of ${Buffer.byteLength(tooLong)} bytes, over the file system's limit of ${NAME_MAX}`,
      fix: `shorten database, schema and name together by at least ${over} characters`,
    };
  }
  return undefined;
}
