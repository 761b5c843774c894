import assert from "node:assert/strict";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { analyzeSpec, canonicalJson, specDigest } from "../../../provider/spec";
import { listFixtures } from "./fixtures";

const digest = (text: string, kind?: "service" | "job"): string => {
  const r = analyzeSpec(text, { kind });
  assert.equal(r.ok, true, JSON.stringify(r.diagnostics, null, 1));
  return r.specDigest!;
};

const BASE = `
spec:
  containers:
  - name: app
    image: /db/schema/repo/app:1
    env:
      PORT: "8000"
      MODE: fast
    resources:
      requests:
        cpu: 500m
        memory: 1Gi
    readinessProbe:
      port: 8000
      path: /ready
    secrets:
    - snowflakeSecret:
        objectName: db.schema.s
      secretKeyRef: password
      envVarName: PW
  endpoints:
  - name: web
    port: 8000
    public: true
  volumes:
  - name: data
    source: block
    size: 10Gi
`;

describe("specDigest", function () {
  const base = digest(BASE);

  it("is a 64-hex sha256 of the canonical JSON", function () {
    const r = analyzeSpec(BASE);
    assert.match(r.specDigest!, /^[0-9a-f]{64}$/);
    assert.equal(r.specDigest, specDigest(r.spec!));
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
  });

  const equivalents: Record<string, string> = {
    "comments and blank lines": BASE.replace("spec:", "# a comment\nspec:  # trailing\n").replace("  volumes:", "\n  # volumes below\n  volumes:"),
    "key order": `
spec:
  volumes:
  - { size: 10Gi, source: block, name: data }
  endpoints:
  - { public: true, port: 8000, name: web }
  containers:
  - secrets:
    - { envVarName: PW, secretKeyRef: password, snowflakeSecret: { objectName: db.schema.s } }
    readinessProbe: { path: /ready, port: 8000 }
    resources: { requests: { memory: 1Gi, cpu: 500m } }
    env: { MODE: fast, PORT: "8000" }
    image: /db/schema/repo/app:1
    name: app
`,
    "quoting": BASE.replace("name: app", 'name: "app"').replace("image: /db/schema/repo/app:1", "image: '/db/schema/repo/app:1'").replace("MODE: fast", 'MODE: "fast"'),
    "unquoted env numbers": BASE.replace('PORT: "8000"', "PORT: 8000"),
    "singular list keys": BASE.replace("  containers:", "  container:").replace("  endpoints:", "  endpoint:").replace("  volumes:", "  volume:"),
    "equivalent quantities": BASE.replace("cpu: 500m", "cpu: 0.5").replace("memory: 1Gi", "memory: 1024Mi"),
    "defaults spelled out": BASE.replace("      path: /ready", "      path: /ready\n      periodSeconds: 5\n      failureThreshold: 3")
      .replace("    public: true", "    public: true\n    protocol: HTTP")
      .replace("    size: 10Gi", "    size: 10Gi\n    blockConfig: { snapshotOnDelete: true, snapshotDeleteAfter: 168h }")
      .replace("  endpoints:", "    mountSessionToken: true\n  endpoints:") + "capabilities:\n  securityContext:\n    executeAsCaller: false\n",
    "secret shorthand": BASE.replace("    - snowflakeSecret:\n        objectName: db.schema.s", "    - snowflakeSecret: db.schema.s"),
    "JSON form": JSON.stringify({
      spec: {
        containers: [{ name: "app", image: "/db/schema/repo/app:1", env: { PORT: 8000, MODE: "fast" }, resources: { requests: { cpu: 0.5, memory: "1Gi" } }, readinessProbe: { port: 8000, path: "/ready" }, secrets: [{ snowflakeSecret: "db.schema.s", secretKeyRef: "password", envVarName: "PW" }] }],
        endpoints: [{ name: "web", port: 8000, public: true }],
        volumes: [{ name: "data", source: "block", size: "10Gi" }],
      },
    }),
    "a template rendering to the same document": BASE.replace("image: /db/schema/repo/app:1", "image: /db/schema/repo/app:{{ tag | default('1') }}"),
  };
  for (const [what, text] of Object.entries(equivalents)) {
    it(`does not change with ${what}`, function () {
      assert.notEqual(text, BASE);
      assert.equal(digest(text), base);
    });
  }

  const differences: Record<string, string> = {
    "another image tag": BASE.replace("app:1", "app:2"),
    "another env value": BASE.replace("MODE: fast", "MODE: slow"),
    "a different memory request": BASE.replace("memory: 1Gi", "memory: 1G"),
    "a private endpoint": BASE.replace("public: true", "public: false"),
    "a probe period": BASE.replace("      path: /ready", "      path: /ready\n      periodSeconds: 6"),
    "container order": BASE.replace("  endpoints:", "  - name: side\n    image: /db/schema/repo/side:1\n  endpoints:"),
  };
  for (const [what, text] of Object.entries(differences)) {
    it(`changes with ${what}`, function () {
      assert.notEqual(digest(text), base);
    });
  }

  it("depends on the kind where defaults do (block snapshots on delete: services yes, jobs no)", function () {
    assert.notEqual(digest(BASE.replace("    public: true\n", ""), "job"), digest(BASE.replace("    public: true\n", ""), "service"));
    const noBlock = "spec:\n  containers:\n  - name: a\n    image: /db/schema/repo/a:1\n";
    assert.equal(digest(noBlock, "job"), digest(noBlock, "service"));
  });

  it("survives re-serialising any valid fixture with shuffled keys, another style and forced quoting (fast-check)", function () {
    const docs = listFixtures("valid").map((f) => {
      const r = analyzeSpec(f.text, f.options);
      // The canonical text, which leaves out the empty collections SPCS would reject.
      return { kind: f.options.kind, digest: r.specDigest!, doc: parse(r.canonicalYaml!) as unknown };
    });
    const shuffle = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x, i) => shuffle(x, seed + i));
      if (v === null || typeof v !== "object") return v;
      const keys = Object.keys(v);
      const rotated = keys.map((_, i) => keys[(i + seed) % keys.length]).reverse();
      return Object.fromEntries(rotated.map((k, i) => [k, shuffle((v as Record<string, unknown>)[k], seed * 7 + i)]));
    };
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.nat(1000), fc.constantFrom("block", "flow", "json", "quoted"), (i, seed, style) => {
        const doc = shuffle(docs[i].doc, seed);
        const text =
          style === "json" ? JSON.stringify(doc, null, seed % 3) : style === "flow" ? stringify(doc, { collectionStyle: "flow" }) : style === "quoted" ? stringify(doc, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" }) : stringify(doc, { indent: 4 });
        assert.equal(digest(text, docs[i].kind), docs[i].digest);
      }),
      { numRuns: 200 },
    );
  });
});
