/**
 * Regressions for the spec-language classes of issue 13, each on its minimal input from
 * bad-input-findings.md §3 (inputs 01–07, 09–11) and the directed cases of §4.3.
 */
import assert from "node:assert/strict";
import { analyzeSpec } from "../../../provider/spec";
import { MAX_DIAGNOSTICS, MAX_SPEC_BYTES } from "../../../provider/spec/spec-limits";
import { analyzeWithin, assertPositionsInside } from "./budget";

const MINIMAL = "spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n";
const codes = (r: { diagnostics: { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);

describe("spec language under bad input (issue 13)", function () {
  this.timeout(60_000);

  describe("bounded work", function () {
    it("01: a placeholder with 60,000 spaces after a filter name is rejected at once, with a short message", function () {
      const text = MINIMAL.replace("app:1", `app:{{ x | d${" ".repeat(60_000)}y }}`);
      const r = analyzeWithin(text, {}, 200);
      assert.deepEqual(codes(r), ["template/syntax"]);
      assert.ok(r.diagnostics[0].message.length < 200, r.diagnostics[0].message);
      assert.doesNotMatch(r.diagnostics[0].message, /\n/);
    });

    it("02: 40,000 unclosed '{%' in a comment are one diagnostic, found in one pass", function () {
      const text = `# ${"{%".repeat(40_000)}\n${MINIMAL}`;
      const r = analyzeWithin(text, {}, 200);
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.column]), [["template/unsupported", 1, 3]]);
    });

    it("03: 20,000 aliases are rejected without a document walk per alias", function () {
      const text = `${MINIMAL}    args: [&a x, ${Array(20_000).fill("*a").join(", ")}]\n`;
      const r = analyzeWithin(text);
      assert.deepEqual(codes(r), ["yaml/excessive-aliases"]);
    });

    it("04: alias expansion is capped in bytes: 99 aliases of a 3 KB anchor are too much, however few the aliases", function () {
      const text = `${MINIMAL}    args: [&big ${"y".repeat(3000)}${", *big".repeat(99)}]\n`;
      const r = analyzeWithin(text);
      assert.deepEqual(codes(r), ["yaml/excessive-aliases"]);
      assert.match(r.diagnostics[0].message, /128 KiB/);
      // The same anchor used a few times is fine.
      assert.equal(analyzeWithin(`${MINIMAL}    args: [&big ${"y".repeat(3000)}${", *big".repeat(5)}]\n`).ok, true);
    });

    it("04: the 1 MB amplification input is over the size limit, and so is any text over 128 KiB, at once", function () {
      const amplification = `${MINIMAL}    args: [&big ${"y".repeat(1_048_576)}${", *big".repeat(99)}]\n`;
      for (const text of [amplification, "x".repeat(10_000_000), `${MINIMAL}# ${"é".repeat(MAX_SPEC_BYTES / 2)}\n`]) {
        const r = analyzeWithin(text, {}, 100);
        assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.column]), [["spec/too-large", 1, 1]]);
      }
      // Just under the limit (counted in UTF-8 bytes) is analysed.
      assert.equal(analyzeWithin(`${MINIMAL}# ${"y".repeat(MAX_SPEC_BYTES - MINIMAL.length - 3)}\n`).ok, true);
    });

    it("04: USING values cannot render a small template into more than 128 KiB", function () {
      const text = MINIMAL.replace("image: /db/s/r/app:1", `image: /db/s/r/app:1\n    args: [${Array(300).fill("{{ x }}").join(", ")}]`);
      const r = analyzeWithin(text, { using: { x: "y".repeat(1000) } });
      assert.deepEqual(codes(r), ["spec/too-large"]);
    });

    it("06: a flood of diagnostics is capped at 100, the last saying how many more, with no stack overflow", function () {
      const text = MINIMAL.replace("image: /db/s/r/app:1", `image: "${"{{ x }}".repeat(18_000)}"`);
      const r = analyzeWithin(text);
      assert.equal(r.diagnostics.length, MAX_DIAGNOSTICS);
      assert.ok(!codes(r).includes("spec/internal"));
      const last = r.diagnostics[MAX_DIAGNOSTICS - 1];
      assert.equal(last.code, "spec/too-many-diagnostics");
      assert.equal(last.severity, "error");
      assert.match(last.message, /^and 17901 more \(17901 errors, 0 warnings\)/);
    });

    it("a 125 KB specification of 5,500 env vars is analysed within the budget, warnings capped too", function () {
      let env = "    env:\n";
      for (let i = 0; env.length < 125_000; i++) env += `      VAR_${i}: ${i}.0\n`;
      const r = analyzeWithin(MINIMAL + env);
      assert.equal(r.ok, true);
      assert.equal(r.diagnostics.length, MAX_DIAGNOSTICS);
      assert.equal(r.diagnostics[MAX_DIAGNOSTICS - 1].severity, "warning");
    });

    it("nesting deeper than 100 levels is one diagnostic before any recursive walk, whatever the stack left", function () {
      for (const n of [101, 500]) {
        const r = analyzeWithin(`${MINIMAL}    args: ${"[".repeat(n)}${"]".repeat(n)}\n`);
        assert.deepEqual(r.diagnostics.map((d) => d.code), ["yaml/resource-exhaustion"]);
      }
    });

    it("19,000 broken nested brackets are refused before the YAML parser's error recovery, at the 101st bracket", function () {
      // Fuzz input #5274 of seed 14: the parser alone spent ~0.6 s recovering from 37,986 errors.
      const text = `${MINIMAL}x: ${"[".repeat(19_000)}\n y: ${"]".repeat(19_000)}\n`;
      const r = analyzeWithin(text, {}, 100);
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.column]), [["yaml/resource-exhaustion", 5, 104]]);
      // Brackets in quotes, plain scalars and comments are not nesting.
      assert.equal(analyzeWithin(`${MINIMAL}    args: ["${"[".repeat(500)}", 'it''s ${"[".repeat(500)}']\n    # - ${"[".repeat(500)}\n`).ok, true);
    });

    it("10,000 duplicate keys are found in one pass", function () {
      const r = analyzeWithin(`${MINIMAL}    env:\n${"      A: x\n".repeat(10_000)}`);
      assert.equal(r.diagnostics[0].code, "yaml/duplicate-key");
      assert.equal(r.diagnostics.length, MAX_DIAGNOSTICS);
    });
  });

  describe("exact positions", function () {
    it("07: an error after a multi-line scalar is on its own line and column, not the parser's", function () {
      const text = " :\n1\n  Y:";
      const r = analyzeSpec(text);
      assertPositionsInside(r, text);
      const colon = r.diagnostics.find((d) => d.message.includes("map-value-ind"));
      assert.ok(colon, JSON.stringify(r.diagnostics));
      assert.deepEqual([colon.line, colon.column], [3, 4]);
      assert.equal(text.split("\n")[colon.line - 1][colon.column - 1], ":");
    });
  });

  describe("canonical means canonical", function () {
    it("05: memory of 2^53 bytes or more is a range diagnostic at the value, not an internal error", function () {
      const text = `${MINIMAL}    resources:\n      requests:\n        memory: 99999999999999999Gi\n`;
      const r = analyzeSpec(text);
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.column]), [["spec/quantity-range", 7, 17]]);
    });

    it("10: cpu 1e21 and a 400-digit retention are rejected instead of normalising to '1e+24m' and 'Infinityh'", function () {
      const text = `${MINIMAL}    resources:\n      requests:\n        cpu: 1e21\n  volumes:\n  - name: v\n    source: block\n    size: 10Gi\n    blockConfig:\n      snapshotDeleteAfter: ${"9".repeat(400)}d\n`;
      const r = analyzeSpec(text);
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [["spec/quantity-range", 7], ["spec/quantity-range", 13]]);
      assert.ok(r.diagnostics.every((d) => d.message.length < 200));
    });

    it("the largest exact quantities still normalise to a canonical form that validates with the same digest", function () {
      const text = `${MINIMAL}    resources:\n      requests:\n        cpu: "9007199254740991m"\n        memory: 9007199254740k\n`;
      const r = analyzeSpec(text);
      assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
      const again = analyzeSpec(r.canonicalYaml!);
      assert.equal(again.ok, true, JSON.stringify(again.diagnostics));
      assert.equal(again.specDigest, r.specDigest);
      assert.equal(again.canonicalYaml, r.canonicalYaml);
    });
  });

  describe("what the runtime cannot honour", function () {
    it("09: limits of 0 (Docker: no limit) and below Docker's minimums are rejected, worded like SPCS", function () {
      const text = `${MINIMAL}    resources:\n      limits:\n        cpu: 0\n        memory: 0Mi\n`;
      const r = analyzeSpec(text);
      assert.deepEqual(codes(r), ["spec/resource-minimum", "spec/resource-minimum"]);
      assert.match(r.diagnostics[0].message, /^Invalid spec: invalid 'resources\.limits\.cpu' of container 'main'\. Value 0 is below the minimum cpu limit of 10m/);
      assert.equal(analyzeSpec(`${MINIMAL}    resources:\n      limits:\n        cpu: 10m\n        memory: 6Mi\n`).ok, true);
    });

    it("an env var named __proto__ is rejected, not dropped from the model and the digest", function () {
      const r = analyzeSpec(`${MINIMAL}    env:\n      __proto__: x\n`);
      assert.deepEqual(r.diagnostics.map((d) => [d.code, d.path]), [["spec/env-name", "spec.containers[0].env.__proto__"]]);
    });

    it("an image path with '..' never reaches the registry, which would resolve it to another repository", function () {
      const r = analyzeSpec(MINIMAL.replace("/db/s/r/app:1", "/db/s/r/../../../other/app:1"));
      assert.deepEqual(codes(r), ["spec/image-path"]);
      assert.equal(analyzeSpec(MINIMAL.replace("/db/s/r/app:1", "/db/s/r/app..x:1.0")).ok, true, "dots inside a segment are fine");
    });

    it("'volumeMounts: []' gets SPCS's own message", function () {
      const r = analyzeSpec(`${MINIMAL}    volumeMounts: []\n`);
      assert.deepEqual(r.diagnostics.map((d) => d.message), ["Invalid spec: invalid 'volumeMounts'. Value is empty"]);
    });
  });

  describe("11: USING values arrive exactly as given", function () {
    // What the Pulumi resources pass: every value JSON-encoded (usingStrings).
    const template = `${MINIMAL}    env:\n      PW: {{ pw }}\n      TAG: {{ tag }}\n      HEX: {{ hex }}\n      LIST: [{{ hex }}, {{ tag }}]\n      PART: /x/{{ pw }}\n`;
    const using = { pw: JSON.stringify("hunter2 #1"), tag: JSON.stringify("!x"), hex: JSON.stringify("0x1F") };

    it("as whole scalars they are quoted, so YAML reads the same string back", function () {
      const r = analyzeSpec(template.replace("      LIST: [{{ hex }}, {{ tag }}]\n", "").replace("      PART: /x/{{ pw }}\n", ""), { using });
      assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(r.spec!.spec.containers[0].env, { HEX: "0x1F", PW: "hunter2 #1", TAG: "!x" });
    });

    it("in flow items too, and positions still point at the placeholders", function () {
      const text = `${MINIMAL}    args: [{{ hex }}, {{ tag }}, "{{ hex }}"]\n    env:\n      N: {{ n }}\n`;
      const r = analyzeSpec(text, { using: { hex: JSON.stringify("0x1F"), tag: JSON.stringify("!x"), n: "8080" } });
      assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
      assert.deepEqual(r.spec!.spec.containers[0].args, ["0x1F", "!x", "0x1F"]);
      assert.deepEqual(r.spec!.spec.containers[0].env, { N: "8080" }, "a JSON number is still a number");
    });

    it("inside a longer scalar they are text, as Jinja pastes them", function () {
      const r = analyzeSpec(`${MINIMAL}    env:\n      PART: /x/{{ v }}\n`, { using: { v: JSON.stringify("a-b.c") } });
      assert.deepEqual(r.spec!.spec.containers[0].env, { PART: "/x/a-b.c" });
    });
  });
});
