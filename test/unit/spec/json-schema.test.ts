import assert from "node:assert/strict";
import * as fs from "node:fs";
import Ajv from "ajv";
import { parse } from "yaml";
import { analyzeSpec, SPEC_JSON_SCHEMA } from "../../../provider/spec";
import { committedSchemaPath, generateJsonSchema, jsonSchemaText } from "../../../provider/spec/json-schema";
import { schemaReports } from "../../../provider/spec/zod-issues";
import { listFixtures, type Fixture } from "./fixtures";

const committedText = fs.readFileSync(committedSchemaPath(), "utf8");
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(committedText) as object);

/** The document as the schema sees it: rendered when it is a template, parsed, no normalisation. */
function documentOf(f: Fixture): unknown {
  const rendered = analyzeSpec(f.text, f.options).rendered ?? f.text;
  return parse(rendered) as unknown;
}

describe("published JSON Schema", function () {
  it("is exactly what the generator produces from the zod definition (regenerate: node dist/provider/spec/json-schema.js)", function () {
    assert.equal(committedText, jsonSchemaText(generateJsonSchema()));
    assert.deepStrictEqual(SPEC_JSON_SCHEMA, JSON.parse(committedText));
  });

  it("is draft-07 and strict about keys, so editors flag typos", function () {
    const s = SPEC_JSON_SCHEMA as { $schema: string; additionalProperties: boolean; definitions: Record<string, { additionalProperties: boolean }> };
    assert.equal(s.$schema, "http://json-schema.org/draft-07/schema#");
    assert.equal(s.additionalProperties, false);
    assert.deepEqual(Object.keys(s.definitions).sort(), ["Container", "Endpoint", "Volume"]);
    assert.equal(s.definitions.Container.additionalProperties, false);
  });

  it("accepts every valid fixture as written (singular spellings included)", function () {
    for (const f of listFixtures("valid")) {
      const ok = validate(documentOf(f));
      assert.ok(ok, `${f.name}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  it("agrees with the zod schema on every fixture: ajv rejects exactly what the schema stage rejects", function () {
    // The JSON Schema says one thing zod does not: exactly one of containers/container (oneOf). Every
    // other difference between "valid" and "schema-valid" is a cross-field rule (see docs/spec-language.md).
    for (const f of [...listFixtures("valid"), ...listFixtures("invalid")]) {
      const r = analyzeSpec(f.text, f.options);
      if (r.diagnostics.some((d) => d.code.startsWith("yaml/") || d.code.startsWith("template/")) || r.diagnostics.some((d) => d.message === "the specification is empty")) continue;
      const doc = documentOf(f);
      const spec = (doc as { spec?: Record<string, unknown> } | null)?.spec;
      const oneSpelling = typeof spec === "object" && spec !== null && ("containers" in spec) !== ("container" in spec);
      const zodOk = schemaReports(doc).reports.length === 0;
      assert.equal(validate(doc), zodOk && oneSpelling, `${f.name}: zod ${zodOk ? "accepts" : "rejects"}, ajv says ${ajv.errorsText(validate.errors)}`);
    }
  });

  it("can be checked by an editor through a yaml-language-server modeline", function () {
    const f = listFixtures("valid").find((x) => x.name === "modeline")!;
    assert.match(f.text, /^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/\.\.\/provider\/spec\/service-spec\.schema\.json$/m);
    assert.ok(validate(documentOf(f)));
  });
});
