import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESOURCE_SCHEMAS } from "../../../provider/schema/package-schema";
import { kebabCase, resourceDocs } from "../../../provider/schema/resource-docs";

const ROOT = path.resolve(__dirname, "../../../..");
const DOCS = path.join(ROOT, "docs/resources");
const EXAMPLES = path.join(DOCS, "examples");
const example = (kebabKind: string) => fs.readFileSync(path.join(EXAMPLES, `${kebabKind}.ts`), "utf8");

describe("docs/resources", function () {
  it("are exactly what the property tables and examples generate (run `npm run docs` after changing them)", function () {
    const generated = resourceDocs(example);
    for (const [file, text] of Object.entries(generated)) assert.equal(fs.readFileSync(path.join(DOCS, file), "utf8"), text, `docs/resources/${file} is stale`);
    const committed = fs.readdirSync(DOCS).filter((f) => f.endsWith(".md"));
    assert.deepEqual(committed.sort(), Object.keys(generated).sort(), "no page without a resource");
  });

  it("have one example per resource that creates that resource, and the deployed program includes every one", function () {
    const index = fs.readFileSync(path.join(EXAMPLES, "index.ts"), "utf8");
    for (const r of RESOURCE_SCHEMAS) {
      assert.match(example(kebabCase(r.kind)), new RegExp(`new spcs\\.${r.kind}\\(`), `${kebabCase(r.kind)}.ts creates a ${r.kind}`);
      assert.match(index, new RegExp(`from "\\./${kebabCase(r.kind)}";`), `index.ts includes ${kebabCase(r.kind)}.ts`);
    }
  });

  it("examples type-check against the SDK with strict TypeScript", function () {
    this.timeout(120_000);
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", path.join(EXAMPLES, "tsconfig.json")], { encoding: "utf8" });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
