import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESOURCE_SCHEMAS } from "../../../provider/schema/package-schema";
import { withArgsDocs } from "../../../provider/schema/sdk-docs";

// Compiled to dist/test/unit/schema: the SDK sources are read from the checkout.
const SDK = path.resolve(__dirname, "../../../../sdk");
const kebab = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();

describe("the TypeScript SDK's argument docs", function () {
  for (const schema of RESOURCE_SCHEMAS) {
    it(`${schema.kind}Args documents every input as its property table does (regenerate: npm run docs)`, function () {
      const text = fs.readFileSync(path.join(SDK, `${kebab(schema.kind)}.ts`), "utf8");
      assert.equal(text, withArgsDocs(text, schema));
      for (const p of schema.properties.filter((q) => q.input)) assert.match(text, new RegExp(`\\n  /\\*\\* [^\\n]*\\*/\\n  ${p.name}\\??:`), `${schema.kind}Args has no documented ${p.name}`);
    });
  }
});
