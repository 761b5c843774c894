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

  it("list every input with its required, default and replace flags, and every output and nested type, as the schema has them", function () {
    const pages = resourceDocs(example);
    const rows = (page: string, section: string) =>
      page.split(`## ${section}\n`)[1].split("\n## ")[0].split("\n").filter((l) => l.startsWith("| `")).map((l) => l.split(" | ").map((c) => c.replace(/^\| /, "")));
    for (const r of RESOURCE_SCHEMAS) {
      const page = pages[`${kebabCase(r.kind)}.md`];
      const inputs = rows(page, "Inputs");
      assert.deepEqual(inputs.map((c) => c[0]), r.properties.filter((p) => p.input).map((p) => `\`${p.name}\``), r.kind);
      for (const [i, p] of r.properties.filter((p) => p.input).entries()) {
        assert.equal(inputs[i][2], p.required ? "yes" : "no", `${r.kind}.${p.name} required`);
        assert.equal(inputs[i][4], p.replaceOnChanges ? "yes" : "no", `${r.kind}.${p.name} replaces`);
        if (p.default !== undefined) assert.equal(inputs[i][3], `\`${JSON.stringify(p.default)}\``, `${r.kind}.${p.name} default`);
      }
      assert.deepEqual(rows(page, "Outputs").map((c) => c[0]), r.properties.filter((p) => !p.input).map((p) => `\`${p.name}\``), r.kind);
      for (const ref of page.matchAll(/\]\(#(\w+)\)/g)) assert.match(page, new RegExp(`^### ${ref[1]}$`, "im"), `${r.kind} documents ${ref[1]}`);
    }
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
