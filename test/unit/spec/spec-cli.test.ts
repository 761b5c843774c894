import assert from "node:assert/strict";
import { runSpecCli, SPEC_JSON_SCHEMA } from "../../../provider/spec";

const FILES: Record<string, string> = {
  "good.yaml": "spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:1\n    resources: { requests: { cpu: 0.5 } }\n",
  "bad.yaml": "spec:\n  containers:\n  - name: Main\n    image: /db/schema/repo/app:1\n    volumeMounts:\n    - { name: data, mountPath: /data }\n",
  "template.yaml": "spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:{{ tag }}\n",
  "job.yaml": "spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:1\n  endpoints:\n  - { name: ui, port: 80, public: true }\n",
};

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runSpecCli(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => {
      if (!(p in FILES)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return FILES[p];
    },
  });
  return { code, out, err };
}

describe("spcs spec CLI", function () {
  it("validate: exit 0 and an ok line with the digest when every file is valid", function () {
    const r = run("validate", "good.yaml");
    assert.equal(r.code, 0);
    assert.match(r.out, /^good\.yaml: ok \(specDigest sha256:[0-9a-f]{64}\)\n$/);
  });

  it("validate: exit 1 and one file:line:col: severity code: message (fix) line per problem", function () {
    const r = run("validate", "good.yaml", "bad.yaml");
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split("\n");
    assert.match(lines[0], /^good\.yaml: ok/);
    assert.equal(lines[1], "bad.yaml:3:11: error spec/name-format: spec.containers[0].name 'Main' is not a valid name: names may contain only lowercase letters, digits and '-', must start with a letter and end with a letter or digit (rename it, for example to 'main')");
    assert.equal(lines[2], "bad.yaml:6:15: error spec/undeclared-volume: volume 'data' is not declared in spec.volumes (declare it: volumes: [{ name: data, source: local }])");
    assert.equal(lines.length, 3);
  });

  it("validate: renders templates with --using first (both spellings of the flag)", function () {
    assert.equal(run("validate", "template.yaml").code, 1);
    assert.match(run("validate", "template.yaml").out, /^template\.yaml:4:32: error template\/missing-value: .*variable 'tag'/);
    assert.equal(run("validate", "template.yaml", "--using", "tag=v1").code, 0);
    assert.equal(run("validate", "--using=tag=v1", "template.yaml").code, 0);
  });

  it("validate --kind job applies the job rules", function () {
    assert.equal(run("validate", "job.yaml").code, 0);
    const r = run("validate", "job.yaml", "--kind", "job");
    assert.equal(r.code, 1);
    assert.match(r.out, /job\.yaml:6:35: error spec\/job-public-endpoint/);
  });

  it("validate --format json prints one machine-readable document", function () {
    const r = run("validate", "good.yaml", "bad.yaml", "--format", "json");
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out) as { ok: boolean; files: { file: string; ok: boolean; specDigest?: string; diagnostics: { code: string; line: number; column: number; path: string }[] }[] };
    assert.equal(j.ok, false);
    assert.deepEqual(j.files.map((f) => [f.file, f.ok, f.diagnostics.map((d) => `${d.code}@${d.path}:${d.line}:${d.column}`)]), [
      ["good.yaml", true, []],
      ["bad.yaml", false, ["spec/name-format@spec.containers[0].name:3:11", "spec/undeclared-volume@spec.containers[0].volumeMounts[0].name:6:15"]],
    ]);
    assert.match(j.files[0].specDigest!, /^[0-9a-f]{64}$/);
  });

  it("exit 2 on usage errors: no files, unknown flags, unreadable files, bad values", function () {
    for (const argv of [["validate"], ["validate", "good.yaml", "--strict"], ["validate", "missing.yaml"], ["validate", "good.yaml", "--format", "xml"], ["validate", "good.yaml", "--using", "novalue"], ["validate", "good.yaml", "--using"], ["frobnicate"], [], ["render", "good.yaml", "bad.yaml"]]) {
      const r = run(...argv);
      assert.equal(r.code, 2, argv.join(" "));
      assert.equal(r.out, "");
      assert.match(r.err, /^spcs spec: .+\n\nUsage: spcs spec <command>/, argv.join(" "));
    }
    assert.match(run("validate", "missing.yaml").err, /^spcs spec: cannot read missing\.yaml: ENOENT/);
  });

  it("render prints the rendered YAML, or the template errors with exit 1", function () {
    const ok = run("render", "template.yaml", "--using", "tag=v2");
    assert.deepEqual([ok.code, ok.out, ok.err], [0, FILES["template.yaml"].replace("{{ tag }}", "v2"), ""]);
    const bad = run("render", "template.yaml");
    assert.equal(bad.code, 1);
    assert.equal(bad.out, "");
    assert.match(bad.err, /^template\.yaml:4:32: error template\/missing-value/);
  });

  it("normalize prints the digest comment and the canonical YAML, or JSON", function () {
    const r = run("normalize", "good.yaml");
    assert.equal(r.code, 0);
    const [first, ...rest] = r.out.split("\n");
    assert.match(first, /^# specDigest: sha256:[0-9a-f]{64}$/);
    assert.match(rest.join("\n"), /cpu: 500m/);
    const j = JSON.parse(run("normalize", "good.yaml", "--format=json").out) as { specDigest: string; canonical: { spec: { containers: { resources: unknown }[] } } };
    assert.equal(`# specDigest: sha256:${j.specDigest}`, first);
    assert.deepEqual(j.canonical.spec.containers[0].resources, { requests: { cpu: "500m" } });
    assert.equal(run("normalize", "bad.yaml").code, 1);
  });

  it("schema prints the published JSON Schema; --help prints usage", function () {
    const s = run("schema");
    assert.equal(s.code, 0);
    assert.deepEqual(JSON.parse(s.out), SPEC_JSON_SCHEMA);
    const h = run("--help");
    assert.equal(h.code, 0);
    assert.match(h.out, /^Usage: spcs spec <command> \[options\]/);
    assert.equal(run("validate", "--help").code, 0);
  });
});
