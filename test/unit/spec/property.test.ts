import assert from "node:assert/strict";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { analyzeSpec, type SpecAnalysis } from "../../../provider/spec";
import { cpuTimed } from "./budget";
import { listFixtures } from "./fixtures";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Set SPEC_FC_SCALE=20 for a deeper search than the default run. */
const SCALE = Number(process.env.SPEC_FC_SCALE ?? 1);
const bases = listFixtures("valid").map((f) => ({ name: f.name, kind: f.options.kind, doc: parse(analyzeSpec(f.text, f.options).rendered ?? f.text) as Json }));

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) paths(v[k], [...at, k], out);
  return out;
}

function parentOf(doc: Json, path: Path): { parent: Json; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let v: Json = doc;
  for (const seg of path.slice(0, -1)) v = (v as Record<string | number, Json>)[seg];
  return { parent: v, key: path[path.length - 1] };
}

/** Paths of reference fields: volumeMounts[].name and serviceRoles[].endpoints[]. */
function referencePaths(doc: Json): Path[] {
  return paths(doc).filter((p) => (p.length >= 2 && p[p.length - 1] === "name" && p[p.length - 3] === "volumeMounts") || (p.length >= 3 && p[p.length - 2] === "endpoints" && p[0] === "serviceRoles"));
}

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "@stage", "block", "TCP", "0600", "512Mi", "/abs", "rel/path", "main", "-1", "{{ x }}", "null"),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

type Mutation =
  | { op: "delete"; pick: number }
  | { op: "retype"; pick: number; value: Json }
  | { op: "rename-ref"; pick: number; value: string }
  | { op: "add-key"; pick: number; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("retype" as const), pick: fc.nat(), value: anyValue }),
  fc.record({ op: fc.constant("rename-ref" as const), pick: fc.nat(), value: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("data", "cache", "ep1", "http", "missing")) }),
  fc.record({ op: fc.constant("add-key" as const), pick: fc.nat(), key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("name", "image", "volumes", "container", "public", "portRange", "size")), value: anyValue }),
);

function mutate(doc: Json, m: Mutation): void {
  const all = m.op === "rename-ref" ? referencePaths(doc) : paths(doc);
  if (all.length === 0) return;
  const path = all[m.pick % all.length];
  if (m.op === "add-key") {
    let v: Json = doc;
    for (const seg of path) v = (v as Record<string | number, Json>)[seg];
    if (v !== null && typeof v === "object" && !Array.isArray(v)) v[m.key] = m.value;
    return;
  }
  const at = parentOf(doc, path);
  if (!at || at.parent === null || typeof at.parent !== "object") return;
  if (m.op === "delete") {
    if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
    else delete (at.parent as Record<string, Json>)[at.key];
  } else (at.parent as Record<string | number, Json>)[at.key] = m.value;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.flatMap((x) => (obj(x) ? [obj(x)!] : [])) : []);

/** An independent oracle: does the document name a volume or endpoint it does not declare? */
function brokenReference(doc: Json): "spec/undeclared-volume" | "spec/undeclared-endpoint" | undefined {
  const spec = obj(obj(doc)?.spec);
  if (!spec) return undefined;
  const list = (plural: string, singular: string): Record<string, unknown>[] => objects(plural in spec && spec[plural] !== undefined ? spec[plural] : spec[singular]);
  const volumes = list("volumes", "volume").map((v) => v.name);
  for (const c of list("containers", "container")) {
    for (const m of objects(c.volumeMounts)) if (typeof m.name === "string" && !volumes.includes(m.name)) return "spec/undeclared-volume";
  }
  const endpoints = list("endpoints", "endpoint").map((e) => e.name);
  for (const r of objects(obj(doc)?.serviceRoles)) {
    if (Array.isArray(r.endpoints) && r.endpoints.some((e) => typeof e === "string" && !endpoints.includes(e))) return "spec/undeclared-endpoint";
  }
  return undefined;
}

/** CPU time, not wall time: the suite runs on shared machines whose load would make wall time flaky. */
function timedAnalyze(text: string, kind?: "service" | "job", using?: Record<string, string>): SpecAnalysis {
  const { value: r, ms } = cpuTimed(() => analyzeSpec(text, { kind, using }));
  assert.ok(ms < 250, `analysis took ${ms.toFixed(1)}ms of CPU`);
  return r;
}

function assertWellFormed(r: SpecAnalysis, text: string): void {
  assert.equal(r.diagnostics.filter((d) => d.code === "spec/internal").length, 0, JSON.stringify(r.diagnostics));
  const lines = text.split("\n").length;
  for (const d of r.diagnostics) {
    assert.ok(d.line >= 1 && d.line <= lines && d.column >= 1, `bad position ${d.line}:${d.column} for ${d.code}`);
    assert.ok(d.message && d.hint, `${d.code} without message or hint`);
  }
  assert.equal(r.ok, !r.diagnostics.some((d) => d.severity === "error"));
  if (r.ok) assert.match(r.specDigest!, /^[0-9a-f]{64}$/);
}

describe("spec validator under random mutation (fast-check)", function () {
  this.timeout(120_000);

  it("never throws, answers quickly and never accepts a broken reference", function () {
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (i, mutations, asJson) => {
        const doc = structuredClone(bases[i].doc);
        for (const m of mutations) mutate(doc, m);
        const text = asJson ? JSON.stringify(doc) : stringify(doc);
        const r = timedAnalyze(text, bases[i].kind);
        assertWellFormed(r, text);
        const broken = brokenReference(doc);
        if (broken) {
          assert.equal(r.ok, false, `accepted a broken reference:\n${text}`);
          // Validation only runs on text that renders and parses; otherwise those stages report first.
          const stoppedEarly = r.diagnostics.some((d) => d.code.startsWith("template/") || d.code.startsWith("yaml/"));
          if (!stoppedEarly) assert.ok(r.diagnostics.some((d) => d.code === broken), `${broken} not reported:\n${text}\n${JSON.stringify(r.diagnostics, null, 1)}`);
        }
      }),
      { numRuns: 600 * SCALE },
    );
  });

  it("renaming a reference to an undeclared name is always caught, whatever else is wrong", function () {
    const withRefs = bases.filter((b) => referencePaths(b.doc).length > 0);
    assert.ok(withRefs.length >= 5);
    fc.assert(
      fc.property(fc.nat(withRefs.length - 1), fc.nat(), fc.array(mutation, { maxLength: 3 }), (i, pick, noise) => {
        const doc = structuredClone(withRefs[i].doc);
        for (const m of noise) mutate(doc, m);
        mutate(doc, { op: "rename-ref", pick, value: "zz-undeclared" });
        const text = stringify(doc);
        const r = timedAnalyze(text, withRefs[i].kind);
        assertWellFormed(r, text);
        if (brokenReference(doc)) assert.equal(r.ok, false);
      }),
      { numRuns: 300 * SCALE },
    );
  });

  it("never throws on arbitrary text spliced into a valid spec", function () {
    const texts = listFixtures("valid").map((f) => ({ text: f.text, options: f.options }));
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), fc.nat(20), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("{{", "}}", "{%", ": ", "\t", "- ", "&a ", "*a", "---\n", "'", '"', "[", "]", "{", "}", "#", "\n  ")), (i, at, cut, junk) => {
        const t = texts[i].text;
        const pos = at % (t.length + 1);
        const text = t.slice(0, pos) + junk + t.slice(Math.min(t.length, pos + cut));
        const r = timedAnalyze(text, texts[i].options.kind, texts[i].options.using);
        assertWellFormed(r, text);
      }),
      { numRuns: 600 * SCALE },
    );
  });

  it("never throws on random templates and USING values", function () {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 10 }), fc.json({ maxDepth: 2 })), { maxKeys: 4 }), (body, using) => {
        const text = `spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:{{ tag }}\n    env: {{ env }}\n${body}`;
        const r = timedAnalyze(text, undefined, using);
        assertWellFormed(r, text);
      }),
      { numRuns: 400 * SCALE },
    );
  });
});
