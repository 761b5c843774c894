/** SQL's LIKE pattern (`%` any run, `_` one character, case-insensitive as SHOW ... LIKE is) as a RegExp. */
export function likePattern(like: string): RegExp {
  const body = like.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${body}$`, "i");
}
