import * as pulumi from "@pulumi/pulumi";

/** `{ key: undefined }` for every output, which is how a dynamic resource declares the outputs it will have. */
export function outputSlots(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((k) => [k, undefined]));
}

/**
 * Inputs every resource passes without the user writing them (`__` keys are not displayed): the resource
 * name, for auto-naming, and who creates the object (`<project>/<stack>/<name>`), so the provider can tell
 * an object a killed `pulumi up` of this very resource left behind from somebody else's.
 */
export function hiddenInputs(name: string): { __resourceName: string; __creator: string } {
  return { __resourceName: name, __creator: `${pulumi.getProject()}/${pulumi.getStack()}/${name}` };
}
