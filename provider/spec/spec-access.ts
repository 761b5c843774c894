/**
 * Defensive access to the parsed document for the cross-field rules.
 *
 * Rules run even when the schema found problems elsewhere (so every problem is reported at once), so they
 * cannot trust types: these helpers hand them only the parts that have the expected shape, each with its
 * path as written in the document (singular or plural list spelling included).
 */
import type { PathSegment } from "./diagnostics";

export type Obj = Record<string, unknown>;

export interface Item {
  value: Obj;
  path: PathSegment[];
}

/** The singular spellings Snowflake's samples use for the three spec lists. */
export const LIST_ALIASES = { containers: "container", endpoints: "endpoint", volumes: "volume" } as const;
export type SpecList = keyof typeof LIST_ALIASES;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function has(o: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;
}

/** The mapping items of the list at `obj[key]`, with their paths. */
export function itemsAt(obj: unknown, key: string, base: PathSegment[]): Item[] {
  if (!isObj(obj) || !Array.isArray(obj[key])) return [];
  const out: Item[] = [];
  (obj[key] as unknown[]).forEach((v, i) => {
    if (isObj(v)) out.push({ value: v, path: [...base, key, i] });
  });
  return out;
}

/** The key a spec list is written under: the plural when present, else the singular alias. */
function listKey(spec: unknown, list: SpecList): string | undefined {
  if (!isObj(spec)) return undefined;
  if (has(spec, list)) return list;
  if (has(spec, LIST_ALIASES[list])) return LIST_ALIASES[list];
  return undefined;
}

export function specList(spec: unknown, list: SpecList): Item[] {
  const key = listKey(spec, list);
  return key ? itemsAt(spec, key, ["spec"]) : [];
}

/** Declared names of a list, in order, with the path of each `name`. */
export function namesOf(items: Item[]): { name: string; path: PathSegment[] }[] {
  return items.flatMap((it) => (typeof it.value.name === "string" ? [{ name: it.value.name, path: [...it.path, "name"] }] : []));
}
