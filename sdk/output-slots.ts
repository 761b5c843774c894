/** `{ key: undefined }` for every output, which is how a dynamic resource declares the outputs it will have. */
export function outputSlots(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((k) => [k, undefined]));
}
