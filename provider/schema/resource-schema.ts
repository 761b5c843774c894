/**
 * One table per resource of every property users see: its type, description, default, whether it is an
 * input and/or an output, and whether changing it replaces the object. `schema.json`, the SDK classes'
 * declared outputs and the schema agreement tests all derive from these tables, so there is one place
 * to change a property.
 */
export type PropertyType = "string" | "integer" | "boolean" | "number" | { array: PropertyType | { ref: string } } | { map: PropertyType | { ref: string } } | { ref: string };

export interface PropertySpec {
  name: string;
  type: PropertyType;
  description: string;
  /** An input the user sets (else output only). */
  input?: boolean;
  /** Required input. */
  required?: boolean;
  /** Default applied by `check`, as a literal. */
  default?: string | number | boolean;
  /** Prose default where it is not a literal (e.g. "minNodes"). */
  defaultInfo?: string;
  /** Changing this input replaces the object. */
  replaceOnChanges?: boolean;
  /** Set when the value may be null in SPCS's output (e.g. an unset comment). */
  nullable?: boolean;
  /** Present only when the user sets it (e.g. one of two alternative inputs). */
  optional?: boolean;
  /** Enumerated values (stored upper-case). */
  enum?: readonly string[];
  /** Bounds `check` enforces (input-failures.ts): integers and numbers. */
  minimum?: number;
  maximum?: number;
  /** Longest string accepted, in characters (default INPUT_STRING_MAX_LENGTH). */
  maxLength?: number;
  /** Most entries of an array or map. */
  maxItems?: number;
}

export interface ResourceSchema {
  kind: string;
  description: string;
  properties: readonly PropertySpec[];
  /** Object types the properties reference, e.g. one row of SHOW IMAGES. */
  types?: Record<string, { description: string; properties: readonly PropertySpec[] }>;
}

/** Shorthands for the property tables: a property of one scalar type. */
const scalar = (type: "string" | "integer" | "boolean") => (name: string, description: string, extra: Partial<PropertySpec> = {}): PropertySpec => ({ name, type, description, ...extra });
export const stringProperty = scalar("string");
export const integerProperty = scalar("integer");
export const booleanProperty = scalar("boolean");

/** Every resource's `adopt` input (see pulumi/adoption.ts): create-time only, so it neither updates nor replaces. */
export const ADOPT_PROPERTY: PropertySpec = {
  name: "adopt",
  type: "boolean",
  input: true,
  default: false,
  description: "Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only.",
};

export const inputNames = (s: ResourceSchema) => s.properties.filter((p) => p.input).map((p) => p.name);
export const outputNames = (s: ResourceSchema) => s.properties.map((p) => p.name);
export const replaceOnChangeNames = (s: ResourceSchema) => s.properties.filter((p) => p.replaceOnChanges).map((p) => p.name);
