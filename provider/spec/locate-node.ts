/**
 * Finds where a path (as zod and the rules report it) is in the parsed YAML document, so diagnostics can
 * point at the original text. The one place that walks the node tree; positions always come from node
 * ranges, never from re-serialised text.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { PathSegment } from "./diagnostics";

export interface Located {
  /** Offsets in the parsed text: [start, end). */
  start: number;
  end: number;
  /** True when every segment of the path exists in the document. */
  found: boolean;
  /** The node at the path (when found). */
  node?: unknown;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Each mapping's pairs by key text, built on first use: a linear search per lookup is quadratic for big maps. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    // The first pair with a key wins, as a linear search would find it.
    for (const p of map.items) if (!index.has(keyText(p.key))) index.set(keyText(p.key), p);
    pairIndex.set(map, index);
  }
  return index.get(key);
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/**
 * Locates `path`. With `target: "key"` a found path points at its key (for unknown or misplaced keys);
 * otherwise at its value (falling back to the key when the value is empty, e.g. `image:` with nothing
 * after it). A path that does not exist in full points at the deepest part that does: its key when it
 * has one, else the first key of the mapping, so "image is required" lands on the container's first line.
 */
export function locateNode(doc: Document, path: readonly PathSegment[], target: "key" | "value" = "value"): Located {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  let depth = 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = pairOf(node as YAMLMap, String(seg));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      keyNode = undefined;
      node = node.items[seg];
    } else break;
    depth++;
  }
  const found = depth === path.length;
  const keyRange = rangeOf(keyNode);
  let valueRange = rangeOf(node);
  if (valueRange && valueRange[0] === valueRange[1]) valueRange = undefined;

  let range: [number, number] | undefined;
  if (found) range = target === "key" ? (keyRange ?? valueRange) : (valueRange ?? keyRange);
  else if (keyRange) range = keyRange;
  else if (isMap(node) && node.items.length > 0) range = rangeOf(node.items[0].key) ?? valueRange;
  else range = valueRange;
  const [start, end] = range ?? [0, 0];
  return { start, end, found, node: found ? node : undefined };
}
