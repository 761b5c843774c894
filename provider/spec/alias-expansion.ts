/**
 * What the document's aliases do, found in one walk of the tree: the first alias without an anchor, and
 * how big the document is once every alias is expanded. eemeli/yaml resolves an alias by walking the
 * document up to it, once per alias, and caps expansion by alias count, not size; both let a small text
 * cost minutes or a 100 MB model. Here each anchor's size is computed once (memoised), so the walk is
 * linear, and the expansion is capped in bytes before anything is materialised.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from "yaml";

export interface AliasReport {
  /** The first alias, in document order, that names no anchor defined before it. */
  unresolved?: { source: string; range: [number, number] };
  /** Approximate size of the expanded document in characters, or Infinity when over `max` or cyclic. */
  expandedSize: number;
}

export function aliasReport(doc: Document.Parsed, max: number): AliasReport {
  const anchors = new Map<string, Node>();
  const target = new Map<Node, Node>();
  let unresolved: AliasReport["unresolved"];
  let aliases = 0;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        aliases++;
        const found = anchors.get(node.source);
        if (found) target.set(node, found);
        else if (!unresolved) unresolved = { source: node.source, range: node.range ? [node.range[0], node.range[1]] : [0, 0] };
        return undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  // Without aliases the expanded document is the text itself, which the caller has already bounded.
  if (aliases === 0 || unresolved) return { unresolved, expandedSize: 0 };

  const memo = new Map<unknown, number>();
  const busy = new Set<unknown>();
  let total = 0;
  const size = (node: unknown): number => {
    if (total > max) return Infinity;
    if (node === null || node === undefined) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (busy.has(node)) return Infinity; // an alias inside its own anchor: infinite expansion
    busy.add(node);
    let n: number;
    if (isAlias(node)) n = size(target.get(node as Node));
    else if (isScalar(node)) n = String(node.value).length + 1;
    else if (isMap(node) || isSeq(node)) {
      n = 2;
      for (const item of node.items as unknown[]) {
        n += isPair(item) ? size(item.key) + size(item.value) + 2 : size(item) + 1;
        if (n > max) break;
      }
    } else n = 1;
    busy.delete(node);
    memo.set(node, n);
    return n;
  };
  total = size(doc.contents);
  return { expandedSize: total > max ? Infinity : total };
}
