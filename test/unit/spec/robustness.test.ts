/**
 * Property tests for issue 13 (seeded and bounded, so the file runs in seconds): text mutations of every
 * valid fixture — characters and lines inserted, deleted and duplicated — never make the analyser throw,
 * never take more than the budget, and only ever report positions inside the text; whatever is accepted
 * has a canonical form that is a fixed point: it validates again with the same digest and the same text.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzeSpec, type SpecAnalysis } from "../../../provider/spec";
import { analyzeWithin, assertPositionsInside } from "./budget";
import { listFixtures } from "./fixtures";

const SEED = 13;
const valid = listFixtures("valid");

const JUNK = ["{{", "}}", "{%", "%}", ": ", "\t", "- ", "&a ", "*a", "---\n", "'", '"', "[", "]", "{", "}", "#", "\n  ", "!x ", "|\n", "\r", "\u0000", "é", "😀", "1e21", "0", ".."];

type Edit =
  | { op: "insert-chars"; at: number; text: string }
  | { op: "delete-chars"; at: number; n: number }
  | { op: "duplicate-chars"; at: number; n: number }
  | { op: "delete-lines"; at: number; n: number }
  | { op: "duplicate-lines"; at: number; n: number }
  | { op: "insert-line"; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("insert-chars" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant("delete-chars" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant("duplicate-chars" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("delete-lines" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant("duplicate-lines" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant("insert-line" as const), at: fc.nat(), text: fc.constantFrom(" :", "1", "  Y:", "  - x", "    env: {}", "    volumeMounts: []", "  x: [[[[", "&a [*a]", "- *a") }),
);

function apply(text: string, e: Edit): string {
  if (e.op === "insert-chars" || e.op === "delete-chars" || e.op === "duplicate-chars") {
    const at = e.at % (text.length + 1);
    if (e.op === "insert-chars") return text.slice(0, at) + e.text + text.slice(at);
    if (e.op === "delete-chars") return text.slice(0, at) + text.slice(at + e.n);
    return text.slice(0, at) + text.slice(at, at + e.n) + text.slice(at);
  }
  const lines = text.split("\n");
  const at = e.at % (lines.length + 1);
  if (e.op === "delete-lines") lines.splice(at, e.n);
  else if (e.op === "duplicate-lines") lines.splice(at, 0, ...lines.slice(at, at + e.n));
  else lines.splice(at, 0, e.text);
  return lines.join("\n");
}

/** An accepted spec's canonical form validates again, with the same digest and the same canonical text. */
function assertFixedPoint(r: SpecAnalysis, kind: "service" | "job" | undefined, what: string): void {
  const again = analyzeSpec(r.canonicalYaml!, { kind });
  assert.equal(again.ok, true, `${what}: the canonical form does not validate: ${JSON.stringify(again.diagnostics)}\n${r.canonicalYaml}`);
  assert.equal(again.specDigest, r.specDigest, `${what}: the canonical form has another digest`);
  assert.equal(again.canonicalYaml, r.canonicalYaml, `${what}: normalising is not idempotent`);
}

describe("spec analyser under text mutation (fast-check, issue 13)", function () {
  this.timeout(120_000);

  it("never throws, stays within budget, reports positions inside the text, and keeps canonical forms fixed points", function () {
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (i, edits) => {
        const f = valid[i];
        const text = edits.reduce(apply, f.text);
        const r = analyzeWithin(text, f.options);
        assert.ok(!r.diagnostics.some((d) => d.code === "spec/internal"), JSON.stringify(r.diagnostics));
        assert.equal(r.ok, !r.diagnostics.some((d) => d.severity === "error"));
        assertPositionsInside(r, text);
        if (r.ok) {
          accepted++;
          assertFixedPoint(r, f.options.kind, `${f.name} after ${JSON.stringify(edits)}`);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
    assert.ok(accepted > 20, `only ${accepted} mutated specs were accepted: the property says little about canonical forms`);
  });

  it("normalising is idempotent for quantities and durations at every scale, and out-of-range ones are diagnostics", function () {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,24}$/);
    const cpu = fc.oneof(fc.double({ min: 0, max: 1e30, noNaN: true }).map(String), digits.map((d) => `"${d}m"`), digits.map((d) => `"${d}.5"`));
    const memory = fc.tuple(digits, fc.constantFrom("", ".5", ".001"), fc.constantFrom("Ki", "Mi", "Gi", "k", "M", "G")).map(([d, f, u]) => `${d}${f}${u}`);
    const retention = fc.tuple(digits, fc.constantFrom("h", "d")).map(([d, u]) => `${d}${u}`);
    fc.assert(
      fc.property(cpu, memory, retention, (c, m, ret) => {
        const text = `spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n    resources:\n      requests:\n        cpu: ${c}\n        memory: ${m}\n  volumes:\n  - name: v\n    source: block\n    size: 10Gi\n    blockConfig:\n      snapshotDeleteAfter: ${ret}\n`;
        const r = analyzeWithin(text);
        assert.ok(r.diagnostics.every((d) => ["spec/quantity-range"].includes(d.code)), JSON.stringify(r.diagnostics));
        assertPositionsInside(r, text);
        if (r.ok) assertFixedPoint(r, undefined, text);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("every valid fixture's canonical form is a fixed point", function () {
    for (const f of valid) assertFixedPoint(analyzeSpec(f.text, f.options), f.options.kind, f.name);
  });
});
