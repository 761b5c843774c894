import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StoredRuntimeSpec } from "../../../provider/catalog/service-store";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { RUNTIME_SPEC_FORMAT, readRuntimeSpec, writeRuntimeSpec } from "../../../provider/model/stored-runtime-spec";

const SPEC: RuntimeSpec = {
  containers: [
    {
      name: "web",
      image: "/app_db/public/images/web:1",
      env: { MODE: "prod" },
      readinessProbe: { port: 8080, path: "/ready", periodSeconds: 10, failureThreshold: 3 },
      resources: { requests: { cpuMilli: 500, memoryBytes: 512 * 2 ** 20 } },
      volumeMounts: [{ name: "data", mountPath: "/data" }],
      mountSessionToken: true,
      sessionTokenPath: "/snowflake/session/token",
      secrets: [{ objectName: "API_KEY", envVarName: "API_KEY", secretKeyRef: "secret_string" }],
    },
  ],
  endpoints: [{ name: "http", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [{ name: "data", source: "block", size: "10Gi" }],
};
const row = (spec: string) => ({ databaseName: "APP_DB", schemaName: "PUBLIC", name: "WEB", spec: spec as StoredRuntimeSpec });

describe("the stored runtime spec", function () {
  it("writes the current format version beside the spec's own keys, and reads it back unchanged", function () {
    const text = writeRuntimeSpec(SPEC);
    assert.equal(RUNTIME_SPEC_FORMAT, 1);
    assert.match(text, /^\{"v":1,"containers":/);
    assert.deepEqual(readRuntimeSpec(row(text)), SPEC);
  });

  it("reads a row written before the format had a version (plain JSON of the spec) as the same spec", function () {
    assert.deepEqual(readRuntimeSpec(row(JSON.stringify(SPEC))), SPEC);
  });

  it("leaves a previous release, which parses the column as plain JSON, its spec where it looks", function () {
    const asPreviousReleaseReadsIt = JSON.parse(writeRuntimeSpec(SPEC)) as RuntimeSpec;
    assert.deepEqual(asPreviousReleaseReadsIt.containers, SPEC.containers);
    assert.deepEqual(asPreviousReleaseReadsIt.endpoints, SPEC.endpoints);
  });

  it("refuses a format a newer release wrote, naming the service and saying what to do", function () {
    assert.throws(
      () => readRuntimeSpec(row(JSON.stringify({ v: 2, ...SPEC }))),
      (e: Error & { code?: string }) => e.code === "catalog-spec-format" && /APP_DB\.PUBLIC\.WEB is in format 2, written by a newer pulumi-spcs/.test(e.message) && /\n {2}fix: upgrade pulumi-spcs/.test(e.message),
    );
  });

  it("refuses a damaged column with a clear reason instead of a TypeError later", function () {
    const cases: [string, RegExp][] = [
      ["{not json", /APP_DB\.PUBLIC\.WEB cannot be read: it is not JSON/],
      ["[1,2]", /it is not a JSON object/],
      ['{"v":"1","containers":[],"endpoints":[],"volumes":[]}', /format version "1" is not a whole number/],
      ['{"v":1,"containers":[],"endpoints":[]}', /it has no volumes list/],
    ];
    for (const [text, message] of cases) assert.throws(() => readRuntimeSpec(row(text)), (e: Error & { code?: string }) => e.code === "catalog-spec-unreadable" && message.test(e.message), text);
  });

  it("is the only reader of the column: no JSON.parse of a row's spec anywhere else in provider/", function () {
    const provider = path.resolve(__dirname, "../../../../provider");
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const offenders = walk(provider).filter((f) => !f.endsWith("stored-runtime-spec.ts") && /JSON\.parse\(\s*\w+\.spec\s*\)/.test(fs.readFileSync(f, "utf8")));
    assert.deepEqual(offenders.map((f) => path.relative(provider, f)), []);
  });
});
