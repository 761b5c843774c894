import { InvalidArgumentError } from "commander";
import { normalizeIdentifier } from "../common/identifiers";
import type { RepositoryKey } from "../statements/image-repositories";
import { UsageError } from "./usage-error";

/**
 * Parsers for option values and positional arguments. Option parsers throw commander's
 * InvalidArgumentError, so commander reports them (`option '--min-nodes <n>' argument 'x' is invalid`)
 * as usage errors; range checks stay with the platform, which words them as SPCS does.
 */

export function parseWholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError("Expected a whole number.");
  return Number(value);
}

export function parseBoolean(value: string): boolean {
  if (!/^(true|false)$/i.test(value.trim())) throw new InvalidArgumentError("Expected true or false.");
  return value.trim().toLowerCase() === "true";
}

/** `db.schema.repo` in any case → its upper-case parts; a wrong shape is a usage error, a bad name an SPCS one. */
export function parseRepositoryRef(ref: string): RepositoryKey {
  const parts = ref.split(".");
  if (parts.length !== 3) throw new UsageError(`expected an image repository as DB.SCHEMA.REPO, got '${ref}'`);
  const [database, schema, name] = parts.map((p, i) => normalizeIdentifier(p, ["database", "schema", "image repository"][i]));
  return { database, schema, name };
}

/** `db.schema.name` of any schema object (`kind` names it in the error) → its upper-case parts. */
export function parseObjectRef(ref: string, kind: string): { database: string; schema: string; name: string } {
  const parts = ref.split(".");
  if (parts.length !== 3) throw new UsageError(`expected a ${kind} as DB.SCHEMA.NAME, got '${ref}'`);
  const [database, schema, name] = parts.map((p, i) => normalizeIdentifier(p, ["database", "schema", kind][i]));
  return { database, schema, name };
}

/** `--in-schema db.schema` → its upper-case parts. There is no current database to fill in a bare schema. */
export function parseSchemaRef(ref: string): { database: string; schema: string } {
  const parts = ref.split(".");
  if (parts.length !== 2) throw new UsageError(`expected a schema as DB.SCHEMA, got '${ref}'`);
  return { database: normalizeIdentifier(parts[0], "database"), schema: normalizeIdentifier(parts[1], "schema") };
}
