import assert from "node:assert/strict";
import { parseDocument } from "yaml";
import { analyzeSpec, formatDiagnostic, type SpecDiagnostic } from "../../../provider/spec";
import { formatPath } from "../../../provider/spec/diagnostics";
import { locateNode } from "../../../provider/spec/locate-node";
import { SourcePositions } from "../../../provider/spec/source-positions";

describe("diagnostics", function () {
  const d: SpecDiagnostic = { code: "spec/undeclared-volume", severity: "error", message: "volume 'dta' is not declared in spec.volumes", hint: "did you mean 'data'?", path: "spec.containers[0].volumeMounts[0].name", line: 9, column: 15 };

  it("format as file:line:col: severity code: message (hint)", function () {
    assert.equal(formatDiagnostic(d, "svc.yaml"), "svc.yaml:9:15: error spec/undeclared-volume: volume 'dta' is not declared in spec.volumes (did you mean 'data'?)");
    assert.equal(formatDiagnostic({ ...d, hint: undefined, severity: "warning" }), "<spec>:9:15: warning spec/undeclared-volume: volume 'dta' is not declared in spec.volumes");
  });

  it("write paths with indexes and quote keys that a dotted path would garble", function () {
    assert.equal(formatPath(["spec", "containers", 1, "env", "PORT"]), "spec.containers[1].env.PORT");
    assert.equal(formatPath(["spec", "containers", 0, "resources", "limits", "nvidia.com/gpu"]), 'spec.containers[0].resources.limits["nvidia.com/gpu"]');
    assert.equal(formatPath(["corsSettings", "Access-Control-Allow-Origin", 0]), "corsSettings.Access-Control-Allow-Origin[0]");
    assert.equal(formatPath([]), "");
  });

  it("are all reported in one run, sorted by position", function () {
    const r = analyzeSpec("spec:\n  containers:\n  - name: B\n    image: ''\n    bad: 1\n  volumes:\n  - name: v\n    source: nope\n");
    assert.deepEqual(
      r.diagnostics.map((x) => `${x.line}:${x.column} ${x.code}`),
      ["3:11 spec/name-format", "4:12 spec/image", "5:5 spec/unknown-key", "8:13 spec/volume-source"],
    );
  });
});

describe("locateNode", function () {
  const text = "spec:\n  containers:\n  - name: main\n    image:\n    env: { A: 1 }\n";
  const doc = parseDocument(text);
  const pos = new SourcePositions(text);
  const at = (path: (string | number)[], target?: "key" | "value"): string => {
    const l = locateNode(doc, path, target);
    const a = pos.position(l.start);
    return `${a.line}:${a.column}${l.found ? "" : " (parent)"}`;
  };

  it("points at values by default and at keys on request", function () {
    assert.equal(at(["spec", "containers", 0, "env", "A"]), "5:15");
    assert.equal(at(["spec", "containers", 0, "env", "A"], "key"), "5:12");
  });

  it("points at the key of an empty value", function () {
    assert.equal(at(["spec", "containers", 0, "image"]), "4:5");
  });

  it("falls back to the nearest existing part of a missing path", function () {
    assert.equal(at(["spec", "containers", 0, "resources", "limits"]), "3:5 (parent)");
    assert.equal(at(["spec", "volumes", 0]), "1:1 (parent)");
    assert.equal(at(["spec", "containers", 7]), "2:3 (parent)");
  });
});

describe("analyzeSpec robustness", function () {
  it("never throws: odd inputs become diagnostics", function () {
    assert.equal(analyzeSpec(undefined as unknown as string).diagnostics[0].code, "spec/type");
    assert.equal(analyzeSpec("").diagnostics[0].code, "spec/required");
    assert.deepEqual(analyzeSpec("spec:\n  a: *x").diagnostics.map((x) => [x.code, x.line, x.column, x.message]), [["yaml/bad-alias", 2, 6, "the alias *x refers to no anchor"]]);
    const hostile = Object.defineProperty({}, "kind", { get: () => { throw new Error("boom"); } });
    const r = analyzeSpec("spec: {}", hostile);
    assert.deepEqual(r.diagnostics.map((x) => [x.code, x.line, x.column]), [["spec/internal", 1, 1]]);
    assert.equal(r.ok, false);
  });

  it("stops alias expansion bombs", function () {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    const r = analyzeSpec(lines.join("\n"));
    assert.deepEqual(r.diagnostics.map((x) => x.code), ["yaml/excessive-aliases"]);
  });

  it("reports duplicate keys of any depth as YAML errors with their position", function () {
    const r = analyzeSpec("spec:\n  containers: []\n  containers: []\n");
    assert.deepEqual(r.diagnostics.map((x) => [x.code, x.line, x.column]), [["yaml/duplicate-key", 3, 3]]);
  });

  it("gives editors a range: end positions follow the value", function () {
    const r = analyzeSpec("spec:\n  containers:\n  - name: Bad_Name\n    image: /db/schema/repo/app:1\n");
    const x = r.diagnostics[0];
    assert.deepEqual([x.line, x.column, x.endLine, x.endColumn], [3, 11, 3, 19]);
  });

  it("is fast: no per-call schema compilation", function () {
    const text = "spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:1\n";
    analyzeSpec(text);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) analyzeSpec(text);
    const msEach = Number(process.hrtime.bigint() - start) / 1e6 / 200;
    assert.ok(msEach < 5, `${msEach.toFixed(2)}ms per analysis`);
  });
});

describe("formatDiagnostic on one line", function () {
  it("escapes a newline quoted from the spec, so it cannot forge a second diagnostic line", function () {
    const line = formatDiagnostic({ code: "spec/unknown-key", severity: "error", message: "unknown field 'x\nspec:1:1: error spec/forged: gotcha'", line: 2, column: 3, path: [] } as never, "f.yaml");
    assert.equal(line.split("\n").length, 1);
    assert.match(line, /^f\.yaml:2:3: error spec\/unknown-key: unknown field 'x\\nspec:1:1: error spec\/forged: gotcha'$/);
  });
});
