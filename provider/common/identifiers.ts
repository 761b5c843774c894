import { SpcsError } from "./errors";

/**
 * Snowflake unquoted identifiers: a letter or underscore, then letters, digits, `_` or `$`, at most 255
 * characters. They are case-insensitive and stored upper-case, which is what SHOW commands print.
 * Quoted identifiers are not supported for SPCS objects, so we never produce them.
 */
const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const MAX_IDENTIFIER_LENGTH = 255;

/** Returns why `value` is not a valid unquoted identifier, or undefined when it is. */
export function identifierProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0) return "must be a non-empty string";
  if (value.length > MAX_IDENTIFIER_LENGTH) return `is ${value.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}`;
  if (!UNQUOTED.test(value)) {
    return `'${value}' is not an unquoted identifier: start with a letter or '_' and use only letters, digits, '_' and '$'`;
  }
  return undefined;
}

/** Upper-cases a valid unquoted identifier, or throws naming the field. */
export function normalizeIdentifier(value: string, field: string): string {
  const problem = identifierProblem(value);
  if (problem) throw new SpcsError("invalid-identifier", `${field} ${problem}.`);
  return value.toUpperCase();
}

/**
 * Turns a Pulumi resource name plus a random suffix into a valid identifier, the way Pulumi auto-names
 * physical resources (`name-1a2b3c4`), but with `_` since `-` is not allowed in unquoted identifiers.
 */
export function autoName(resourceName: string, suffix: string): string {
  let base = resourceName.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  return `${base.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length - 1)}_${suffix}`.toUpperCase();
}

/** `DB.SCHEMA.NAME` for schema-level objects. */
export function qualifiedName(database: string, schema: string, name: string): string {
  return `${database}.${schema}.${name}`;
}
