import assert from "node:assert/strict";
import fc from "fast-check";
import { providers } from "../../../provider";
import type { CheckFailure } from "../../../provider/pulumi/provider-types";
import { RESOURCE_SCHEMAS } from "../../../provider/schema/package-schema";

const SPEC = "spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n";
const SECRET_SPEC = `${SPEC}    secrets:\n    - snowflakeSecret: mysecret\n      envVarName: PW\n      secretKeyRef: password\n`;
const SERVICE = { database: "DB", schema: "S", name: "SVC", computePool: "POOL1", spec: SPEC };
const JOB = { ...SERVICE, name: "JOB1" };
const POOL = { name: "POOL1", instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 1 };

async function failures(kind: string, news: unknown): Promise<CheckFailure[]> {
  const r = (await providers[kind].check({}, news as never)) as { failures?: CheckFailure[] };
  return r.failures ?? [];
}

/** One failure on `property`, whose reason names the resource and the field and gives a fix. */
async function failsOn(kind: string, news: unknown, property: string, reason?: RegExp): Promise<string> {
  const fs = await failures(kind, news);
  const f = fs.find((x) => x.property === property);
  assert.ok(f, `${kind} ${JSON.stringify(news).slice(0, 200)}: expected a failure on ${property}, got ${JSON.stringify(fs)}`);
  assert.match(f.reason, new RegExp(`^${kind} ${property}`));
  assert.match(f.reason, /Fix: /);
  if (reason) assert.match(f.reason, reason);
  return f.reason;
}

describe("check: every input is type-checked and bounded (issue 13, item 7)", function () {
  it("a numeric or null instanceFamily is a failure, not a TypeError (bad input 12)", async function () {
    await failsOn("ComputePool", { ...POOL, instanceFamily: 5 }, "instanceFamily", /expected a string, got a number \(5\)/);
    await failsOn("ComputePool", { ...POOL, instanceFamily: null }, "instanceFamily", /expected a string, got null/);
    await failsOn("ComputePool", { ...POOL, instanceFamily: ["CPU_X64_XS"] }, "instanceFamily");
    assert.deepEqual(await failures("ComputePool", POOL), []);
  });

  it("booleans given as strings are failures: suspended \"false\" no longer suspends", async function () {
    await failsOn("Service", { ...SERVICE, suspended: "false" }, "suspended", /expected true or false, got a string \("false"\)/);
    await failsOn("ComputePool", { ...POOL, suspended: "false" }, "suspended");
    await failsOn("JobService", { ...JOB, async: "false" }, "async");
    await failsOn("Service", { ...SERVICE, adopt: "yes" }, "adopt");
  });

  it("readyTimeoutSeconds \"abc\" is a failure, and every integer is bounded", async function () {
    await failsOn("Service", { ...SERVICE, readyTimeoutSeconds: "abc" }, "readyTimeoutSeconds", /expected a whole number/);
    await failsOn("Service", { ...SERVICE, readyTimeoutSeconds: 604_801 }, "readyTimeoutSeconds", /from 0 to 604800/);
    await failsOn("JobService", { ...JOB, replicas: 2 ** 53 }, "replicas", /at most 1000/);
    await failsOn("Service", { ...SERVICE, minInstances: 1, maxInstances: 1001 }, "maxInstances", /at most 1000/);
    await failsOn("Service", { ...SERVICE, maxInstances: 1.5 }, "maxInstances", /whole number/);
    await failsOn("ComputePool", { ...POOL, maxNodes: 151 }, "maxNodes", /at most 150/);
    await failsOn("ComputePool", { ...POOL, minNodes: 151, maxNodes: 151 }, "minNodes", /at most 150/);
    await failsOn("JobService", { ...JOB, timeoutSeconds: 10 ** 9 }, "timeoutSeconds");
    assert.deepEqual(await failures("Service", { ...SERVICE, minInstances: 1000, maxInstances: 1000, minReadyInstances: 1 }), []);
  });

  it("lists, maps and free text are typed and bounded", async function () {
    await failsOn("Service", { ...SERVICE, externalAccessIntegrations: 5 }, "externalAccessIntegrations", /expected a list/);
    await failsOn("Service", { ...SERVICE, externalAccessIntegrations: [null] }, "externalAccessIntegrations", /\[0\]: expected a string/);
    await failsOn("Service", { ...SERVICE, externalAccessIntegrations: Array.from({ length: 11 }, (_, i) => `E${i}`) }, "externalAccessIntegrations", /limit is 10/);
    await failsOn("Service", { ...SERVICE, queryWarehouse: 5 }, "queryWarehouse");
    await failsOn("Service", { ...SERVICE, comment: "x".repeat(16_385) }, "comment", /limit is 16384/);
    await failsOn("ImageRepository", { database: "DB", schema: "S", name: "R", comment: {} }, "comment");
    await failsOn("Service", { ...SERVICE, using: [1] }, "using", /expected a map/);
  });

  it("non-string secret values are failures that never show the value (bad input 13)", async function () {
    const news = { ...SERVICE, spec: SECRET_SPEC, secrets: { MYSECRET: { password: 123, username: { nested: "hunter2" } } } };
    const all = await failures("Service", news);
    assert.deepEqual([...new Set(all.map((f) => f.property))], ["secrets"]);
    assert.match(all.map((f) => f.reason).join("\n"), /Service secrets\.MYSECRET\.password: expected a string, got a number\. Fix:/);
    assert.doesNotMatch(JSON.stringify(all), /123|hunter2/);
    await failsOn("JobService", { ...JOB, spec: SECRET_SPEC, secrets: { MYSECRET: "pw" } }, "secrets", /expected an object with secretString/);
    await failsOn("Service", { ...SERVICE, secrets: { S: { pasword: "x" } } }, "secrets", /unknown field 'pasword'/);
    assert.deepEqual(await failures("Service", { ...news, secrets: { MYSECRET: { password: "pw" } } }), []);
  });

  it("names that are identifiers but cannot name containers or files fail in check (bad input 14)", async function () {
    const long = await failsOn("Service", { ...SERVICE, database: "D".repeat(255), schema: "S".repeat(255) }, "database", /over the file system's limit of 255/);
    assert.match(long, /shorten database, schema and name together/);
    await failsOn("Service", { ...SERVICE, database: "MY$DB" }, "database", /contains '\$', which Docker refuses/);
    await failsOn("JobService", { ...JOB, schema: "A$B" }, "schema");
    await failsOn("Service", { ...SERVICE, name: "_SVC" }, "name", /not a valid DNS label/);
    await failsOn("Service", { ...SERVICE, name: "S".repeat(64) }, "name", /not a valid DNS label/);
    await failsOn("ImageRepository", { database: "_DB", schema: "S", name: "R" }, "database", /OCI distribution grammar/);
    await failsOn("ImageRepository", { database: "DB", schema: "S", name: "R$1" }, "name", /OCI distribution grammar/);
    assert.deepEqual(await failures("ImageRepository", { database: "DB", schema: "S", name: "MY__REPO_1" }), []);
    // The longest names that fit still pass: 173 characters of db.schema.name.
    assert.deepEqual(await failures("Service", { ...SERVICE, database: "D".repeat(85), schema: "S".repeat(80), name: "N".repeat(6) }), []);
  });

  it("every failure is one line: a name with a newline cannot fake a second failure", async function () {
    const [f] = await failures("ImageRepository", { database: "DB", schema: "S", name: "R\nImageRepository name: fine" });
    const reason = f.reason;
    assert.doesNotMatch(reason, /\n/);
    assert.match(reason, /R\\nIMAGEREPOSITORY NAME: FINE/);
  });

  it("check of arbitrary JSON for every resource returns failures and never throws (property, seeded)", async function () {
    this.timeout(60_000);
    const base: Record<string, Record<string, unknown>> = {
      ComputePool: POOL,
      ImageRepository: { database: "DB", schema: "S", name: "R" },
      Image: { database: "DB", schema: "S", repository: "R", source: "/db/s/r/app:1" },
      Service: SERVICE,
      JobService: JOB,
      CustomRuntimeEnvironment: { imagePath: "/db/s/r/rt:1", baseImageType: "CPU" },
    };
    const json = fc.jsonValue({ maxDepth: 3 });
    for (const schema of RESOURCE_SCHEMAS) {
      const inputs = schema.properties.filter((p) => p.input).map((p) => p.name);
      const overrides = fc.dictionary(fc.constantFrom(...inputs, "__resourceName", "__creator"), json, { maxKeys: 4 });
      await fc.assert(
        fc.asyncProperty(overrides, fc.boolean(), async (over, fromBase) => {
          const news = fromBase ? { ...base[schema.kind], ...over } : over;
          const r = (await providers[schema.kind].check({}, news as never)) as { failures?: CheckFailure[] };
          for (const f of r.failures ?? []) {
            assert.equal(typeof f.reason, "string");
            assert.ok(f.reason.startsWith(schema.kind), f.reason);
            assert.doesNotMatch(f.reason, /TypeError|is not a function|\[object Object\]/);
          }
        }),
        { seed: 13, numRuns: 150 },
      );
      // Not even an object: a failure, not a throw.
      for (const news of [null, 5, "x", []]) assert.ok((await failures(schema.kind, news)).length > 0);
    }
  });
});
