/**
 * The published JSON Schema, generated from the zod definition (spec-schema.ts), never edited by hand.
 * Draft-07 is the target because it is what editors' YAML tooling (yaml-language-server) and plain `ajv`
 * support best. Regenerate the committed file after changing the schema with:
 *
 *   npx tsc -p tsconfig.json && node dist/provider/spec/json-schema.js
 *
 * (a unit test fails while the committed file differs from what this produces).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { ServiceSpecSchema } from "./spec-schema";

export function generateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ServiceSpecSchema, { target: "draft-7", io: "input" });
  return {
    ...schema,
    description:
      "Service specification for Snowpark Container Services (emulated by pulumi-spcs). Rules that relate fields (references, source-specific volume fields, port/portRange, secrets, templates) are checked by `spcs spec validate`, not by this schema.",
  };
}

/** The committed file's text for `schema`: two-space JSON with a final newline. */
export function jsonSchemaText(schema: object = generateJsonSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Where the committed schema lives, from either the source tree or the compiled dist/ tree. */
export function committedSchemaPath(fromDir: string = __dirname): string {
  const inSource = path.join(fromDir, "service-spec.schema.json");
  return fromDir.split(path.sep).includes("dist") ? path.resolve(fromDir, "../../../provider/spec/service-spec.schema.json") : inSource;
}

if (require.main === module) {
  const target = process.argv[2] ?? committedSchemaPath();
  fs.writeFileSync(target, jsonSchemaText());
  process.stdout.write(`wrote ${target}\n`);
}
