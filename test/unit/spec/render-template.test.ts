import assert from "node:assert/strict";
import { analyzeSpec, renderTemplate } from "../../../provider/spec";
import { isTemplate } from "../../../provider/spec/render-template";

const render = (text: string, using: Record<string, string>): string => {
  const r = renderTemplate(text, using);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
  return r.text!;
};

describe("renderTemplate", function () {
  it("substitutes {{ var }} with or without spaces, case-sensitively", function () {
    assert.equal(render("a: {{ x }}\nb: {{X}}\n", { x: "one", X: "two" }), "a: one\nb: two\n");
  });

  it("accepts alphanumeric values and JSON; JSON strings render as their content", function () {
    assert.equal(render("image: {{ image }}", { image: '"/db/schema/repo/img:latest"' }), "image: /db/schema/repo/img:latest");
    assert.equal(render("n: {{ n }}, f: {{ f }}, b: {{ b }}, z: {{ z }}", { n: "111", f: "-1.20", b: "true", z: "null" }), "n: 111, f: -1.20, b: true, z: null");
    assert.equal(render("quoted key: {{ k }}", { '"k"': "v1" }), "quoted key: v1");
  });

  it("substitutes JSON maps and lists as whole flow sub-trees, compacted onto one line", function () {
    assert.equal(render("env: {{ env }}\nargs: {{ args }}", { env: '{\n  "SERVER_PORT": 8000\n}', args: '["-n", 2]' }), 'env: {"SERVER_PORT":8000}\nargs: ["-n",2]');
  });

  it("applies default() only when there is no value, and default(x, true) also for falsy values", function () {
    const t = "a: {{ a | default('A') }} b: {{ b | default('B', true) }} c: {{ c | default(\"C\", true) }} d: {{ d | default(8) }} e: {{ e | default('E', false) }}";
    assert.equal(render(t, { b: "", c: "0", e: "" }), "a: A b: B c: C d: 8 e: \"\"");
    assert.equal(render(t, { a: "x", b: "y", c: "1", d: "9", e: "z" }), "a: x b: y c: 1 d: 9 e: z");
    assert.equal(render("x: {{ x | default('', true) }}", { x: "[]" }), 'x: ""');
  });

  it("names every variable that has neither value nor default, at its {{", function () {
    const r = renderTemplate("spec:\n  a: {{ one }}\n  b: {{ two }} {{ one }}\n", {});
    assert.equal(r.text, undefined);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.path, d.line, d.column, d.endLine, d.endColumn]),
      [
        ["template/missing-value", "using.one", 2, 6, 2, 15],
        ["template/missing-value", "using.two", 3, 6, 3, 15],
        ["template/missing-value", "using.one", 3, 16, 3, 25],
      ],
    );
    assert.match(r.diagnostics[0].message, /^Unable to render service spec from given template: variable 'one'/);
    assert.match(r.diagnostics[0].hint!, /--using one=<value>/);
  });

  it("rejects values that are neither alphanumeric nor JSON, and says how to quote them", function () {
    const r = renderTemplate("image: {{ image }}", { image: "/db/x:1" });
    assert.equal(r.text, undefined);
    assert.equal(r.diagnostics[0].code, "template/invalid-value");
    assert.equal(r.diagnostics[0].hint, `pass non-alphanumeric text as a JSON string: image => '"/db/x:1"'`);
    assert.deepEqual([r.diagnostics[0].line, r.diagnostics[0].column], [1, 8]);
    // also where a default would apply, and once at the top when the value is never used
    const d = renderTemplate("a: {{ x | default('y') }}", { x: "a b", z: "c:d" }).diagnostics.map((x) => [x.code, x.path, x.line, x.column]);
    assert.deepEqual(d, [["template/invalid-value", "using.z", 1, 1], ["template/invalid-value", "using.x", 1, 4]]);
  });

  it("reports malformed and unsupported template syntax", function () {
    const codes = (t: string): string[] => renderTemplate(t, { x: "1" }).diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    assert.deepEqual(codes("a: {{ x"), ["template/syntax"]);
    assert.deepEqual(codes("a: {{ x.y }}"), ["template/syntax"]);
    assert.deepEqual(codes("a: {{ x | default(a) }}"), ["template/syntax"]);
    assert.deepEqual(codes("a: {{ x | lower }}"), ["template/unsupported"]);
    assert.deepEqual(codes("{% for i in x %}a{% endfor %}"), ["template/unsupported", "template/unsupported"]);
    assert.deepEqual(codes("{# note #}a: {{ x }}"), ["template/unsupported"]);
  });

  it("warns about USING values the template never uses", function () {
    const r = renderTemplate("a: {{ x }}", { x: "1", y: "2" });
    assert.equal(r.text, "a: 1");
    assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.path]), [["warning", "template/unused-value", "using.y"]]);
  });

  it("treats text with {{, {% or {# as a template", function () {
    assert.equal(isTemplate("a: b"), false);
    assert.equal(isTemplate("a: {{ b }}"), true);
    assert.equal(isTemplate("{% x %}"), true);
  });
});

describe("positions after rendering", function () {
  const template = 'spec:\n  containers:\n  - { name: {{ name }}, image: {{ image }}, env: {{ env }} }\n  endpoints:\n  - { name: web, port: {{ port }}, public: nope }\n';

  it("map back to the template: columns after a placeholder shift by the size difference", function () {
    const r = analyzeSpec(template, { using: { name: "main", image: '"/db/s/r/img:1"', env: '{"A": 1}', port: "8080" } });
    assert.match(r.rendered!, /image: \/db\/s\/r\/img:1, env: \{"A":1\}/);
    const d = r.diagnostics.find((x) => x.path === "spec.endpoints[0].public")!;
    assert.deepEqual([d.code, d.line, d.column], ["spec/type", 5, 44]);
    assert.equal(template.split("\n")[4].slice(43, 47), "nope");
  });

  it("point at the placeholder when the problem is inside a substituted value", function () {
    const r = analyzeSpec(template, { using: { name: "Main", image: '"/db/s/r/img:1"', env: '{"A": null}', port: "8080" } });
    const at = (path: string): [string, number, number, number?, number?] => {
      const d = r.diagnostics.find((x) => x.path === path)!;
      return [d.code, d.line, d.column, d.endLine, d.endColumn];
    };
    assert.deepEqual(at("spec.containers[0].name"), ["spec/name-format", 3, 13, 3, 23]);
    assert.deepEqual(at("spec.containers[0].env.A"), ["spec/type", 3, 50, 3, 59]);
    assert.equal(template.split("\n")[2].slice(49, 58), "{{ env }}");
  });
});
