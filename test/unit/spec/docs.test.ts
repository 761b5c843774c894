import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { SPEC_CODES } from "../../../provider/spec";
import { listFixtures } from "./fixtures";

const doc = fs.readFileSync(path.resolve(__dirname, "../../../../docs/spec-language.md"), "utf8");

describe("docs/spec-language.md", function () {
  it("lists every diagnostic code with its severity and meaning, and no others", function () {
    const rows = [...doc.matchAll(/^\| `((?:spec|template)\/[a-z-]+)` \| (error|warning) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3].replace(/\\\|/g, "|")]);
    const expected = Object.entries(SPEC_CODES).map(([code, meaning]) => (meaning.startsWith("(warning) ") ? [code, "warning", meaning.slice(10)] : [code, "error", meaning]));
    assert.deepEqual(rows, expected);
  });

  it("names only fixtures that exist in the choices table", function () {
    const names = new Set([...listFixtures("valid").map((f) => `valid/${f.name}`), ...listFixtures("invalid").map((f) => `invalid/${f.name}`)]);
    const cited = [...doc.matchAll(/`((?:valid|invalid)\/[a-z0-9-]+)(\*)?`/g)];
    assert.ok(cited.length > 30);
    for (const [, name, star] of cited) {
      if (star) assert.ok([...names].some((n) => n.startsWith(name)), `${name}* matches no fixture`);
      else assert.ok(names.has(name), `${name} does not exist`);
    }
  });

  it("states the corpus sizes it claims", function () {
    assert.match(doc, new RegExp(`valid/\\*\\.yaml\` \\(${listFixtures("valid").length}\\)`));
    assert.match(doc, new RegExp(`invalid/\\*\\.yaml\` \\(${listFixtures("invalid").length}\\)`));
  });
});
