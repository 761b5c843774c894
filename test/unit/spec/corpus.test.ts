import assert from "node:assert/strict";
import * as fs from "node:fs";
import { parse } from "yaml";
import { analyzeSpec, SPEC_CODES } from "../../../provider/spec";
import { asExpectation, canonicalFile, listFixtures, type Expectation } from "./fixtures";

const byPosition = (a: Expectation, b: Expectation): number => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
const sorted = (list: Expectation[]): Expectation[] => [...list].sort(byPosition);

const valid = listFixtures("valid");
const invalid = listFixtures("invalid");

describe("spec corpus", function () {
  it("has at least 40 valid and 80 invalid specifications", function () {
    assert.ok(valid.length >= 40, `only ${valid.length} valid fixtures`);
    assert.ok(invalid.length >= 80, `only ${invalid.length} invalid fixtures`);
  });

  it("exercises every diagnostic code at least once", function () {
    const seen = new Set([...valid, ...invalid].flatMap((f) => f.expect.map((e) => e.code)));
    const missing = Object.keys(SPEC_CODES).filter((c) => c !== "spec/internal" && !seen.has(c));
    assert.deepEqual(missing, []);
  });

  describe("valid specifications", function () {
    for (const f of valid) {
      it(`${f.name} is valid and normalises to ${f.name}.canonical.yaml`, function () {
        const r = analyzeSpec(f.text, f.options);
        assert.deepEqual(sorted(r.diagnostics.map(asExpectation)), sorted(f.expect), "diagnostics differ from the # expect-warning lines");
        assert.equal(r.ok, true);

        const expectedText = fs.readFileSync(canonicalFile(f), "utf8");
        const digestLine = expectedText.split("\n")[0];
        assert.equal(digestLine, `# specDigest: sha256:${r.specDigest}`, "specDigest changed: a normalisation change would redeploy every service");
        const expected = parse(expectedText) as unknown;
        assert.deepStrictEqual(parse(r.canonicalYaml!), expected);
        assert.equal(JSON.stringify(parse(r.canonicalYaml!)), JSON.stringify(expected), "canonical key order differs");
        // The canonical text leaves empty collections out (SPCS rejects them); reading it back gives the model.
        assert.deepStrictEqual(analyzeSpec(expectedText, { kind: f.options.kind }).canonical, r.canonical, "canonicalYaml does not say the same as canonical");
      });
    }

    it("canonical forms are fixed points: normalising one again gives the same form and digest", function () {
      for (const f of valid) {
        const first = analyzeSpec(f.text, f.options);
        const again = analyzeSpec(first.canonicalYaml!, { kind: f.options.kind });
        assert.equal(again.ok, true, `${f.name}: ${JSON.stringify(again.diagnostics)}`);
        assert.equal(again.specDigest, first.specDigest, f.name);
        assert.equal(again.canonicalYaml, first.canonicalYaml, f.name);
      }
    });
  });

  describe("invalid specifications", function () {
    for (const f of invalid) {
      it(`${f.name}: ${f.expect.map((e) => e.code).join(", ")}`, function () {
        const r = analyzeSpec(f.text, f.options);
        assert.equal(r.ok, false);
        assert.equal(r.spec, undefined);
        assert.equal(r.specDigest, undefined);
        assert.deepEqual(sorted(r.diagnostics.map(asExpectation)), sorted(f.expect));
        const lines = f.text.split("\n");
        for (const d of r.diagnostics) {
          assert.ok(d.message.length > 0 && (d.hint ?? "").length > 0, `${d.code} needs a message and a fix`);
          assert.ok(d.line >= 1 && d.line <= lines.length && d.column >= 1 && d.column <= lines[d.line - 1].length + 1, `${d.code} position ${d.line}:${d.column} is outside the text`);
          if (d.endLine !== undefined) assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn! >= d.column), `${d.code} ends before it starts`);
        }
      });
    }
  });
});
