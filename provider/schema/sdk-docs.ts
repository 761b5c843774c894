import type { PropertySpec, ResourceSchema } from "./resource-schema";

/**
 * The TypeScript SDK's `<Kind>Args` documentation, generated from the property tables so the SDK, schema.json
 * and docs/resources say the same thing of every input (`npm run docs` rewrites sdk/*.ts; a unit test fails
 * when they differ). Only the comment directly above each property of the Args interface is written.
 */
export function argsDoc(schema: ResourceSchema, p: PropertySpec): string {
  const noun = schema.kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const parts = [p.description.trim()];
  if (p.replaceOnChanges) parts.push(`Changing it replaces the ${noun}.`);
  const dflt = p.default !== undefined ? JSON.stringify(p.default) : p.defaultInfo;
  if (dflt !== undefined) parts.push(`@default ${dflt}`);
  return parts.join(" ").replace(/\*\//g, "*\\/");
}

/** `text` (an sdk/*.ts file) with every documented input of `<Kind>Args` carrying argsDoc. */
export function withArgsDocs(text: string, schema: ResourceSchema): string {
  const start = text.indexOf(`export interface ${schema.kind}Args {`);
  if (start < 0) throw new Error(`no interface ${schema.kind}Args`);
  const end = text.indexOf("\n}", start);
  const body = text.slice(start, end);
  const inputs = new Map(schema.properties.filter((p) => p.input).map((p) => [p.name, p]));
  // A property line, with the doc comment (one or several lines) that may stand above it.
  const rewritten = body.replace(/(?:\n {2}\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\n {2}(\w+)(\??):/g, (whole, name: string, optional: string) => {
    const p = inputs.get(name);
    return p ? `\n  /** ${argsDoc(schema, p)} */\n  ${name}${optional}:` : whole;
  });
  return text.slice(0, start) + rewritten + text.slice(end);
}
