/**
 * "Did you mean" suggestions for misspelt keys, enum values and references.
 *
 * Kept inside the spec module (rather than importing provider/common) so the spec language stays a
 * self-contained, dependency-free unit that the CLI, the providers and editors' tooling can all load.
 */

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, compared case-insensitively, if it is close enough to be a plausible
 * typo: at most a third of the word's length away (and at least 2 edits are always tolerated).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Bounded work: a spec may repeat a bad name thousands of times against thousands of candidates, or
  // use 10,000-character keys; no typo is worth quadratic time. Past these bounds, no suggestion.
  if (word.length > MAX_WORD) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Math.max(2, Math.ceil(word.length / 3)) + 1;
  let tried = 0;
  for (const c of candidates) {
    if (++tried > MAX_CANDIDATES) break;
    // The distance is at least the difference in length: skip what cannot win.
    if (Math.abs(c.length - word.length) >= bestScore) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return best;
}

const MAX_WORD = 64;
const MAX_CANDIDATES = 200;
const MAX_LISTED = 20;

/** `did you mean 'x'?` when there is a close candidate, otherwise the list of allowed values (the first 20). */
export function suggestion(word: string, candidates: readonly string[], noun = "allowed"): string {
  const near = closest(word, candidates);
  if (near !== undefined) return `did you mean '${near}'?`;
  if (candidates.length === 0) return "remove it";
  const listed = candidates.slice(0, MAX_LISTED).map((c) => `'${c.length > MAX_WORD ? `${c.slice(0, MAX_WORD)}…` : c}'`);
  return `${noun}: ${listed.join(", ")}${candidates.length > MAX_LISTED ? `, and ${candidates.length - MAX_LISTED} more` : ""}`;
}
