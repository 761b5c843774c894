import assert from "node:assert/strict";
import { jobServiceProvider } from "../../../provider/pulumi/job-service-provider";
import { serviceProvider } from "../../../provider/pulumi/service-provider";
import { analyzeSpec } from "../../../provider/spec";
import { listFixtures, type Fixture } from "../../unit/spec/fixtures";

/**
 * Every invalid fixture through the Service provider's check, exactly as the engine calls it in
 * `pulumi preview`: one check failure per error, whose reason (printed verbatim by the engine, see
 * e2e/spec-preview.test.ts) carries the code, line and column the fixture expects. Every valid fixture
 * passes check. Template values go in as Pulumi values (JSON), so fixtures whose error is a USING value
 * that is neither alphanumeric nor JSON cannot be expressed and are left out. Job fixtures (`kind: job`) go
 * through the JobService provider's check, the same way.
 */
function inputsOf(f: Fixture): Record<string, unknown> {
  const using = f.options.using && Object.fromEntries(Object.entries(f.options.using).map(([k, v]) => [k, parseOrText(v)]));
  // `# instances: MIN MAX` fixtures are judged with those counts (the block-volume rule needs them); jobs have none.
  const counts = f.options.instances && !isJob(f) ? { minInstances: f.options.instances.min, maxInstances: f.options.instances.max } : {};
  return { database: "corpus", schema: "public", name: "s", computePool: "corpus_pool", __resourceName: f.name, secrets: secretsFor(f), ...counts, ...(using ? { specTemplate: f.text, using } : { spec: f.text }) };
}

/** A value for every Snowflake secret the fixture references, so only the spec itself is judged. */
export function secretsFor(f: Fixture): Record<string, object> {
  const model = analyzeSpec(f.text, f.options).spec;
  const names = (model?.spec.containers ?? []).flatMap((c) => c.secrets.map((s) => ("objectName" in s.snowflakeSecret ? s.snowflakeSecret.objectName : s.snowflakeSecret.objectReference)));
  return Object.fromEntries(names.map((n) => [n, { secretString: "x", username: "u", password: "p", accessToken: "t" }]));
}

function parseOrText(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const inScope = (f: Fixture) => !f.expect.some((e) => e.code === "template/invalid-value");
const isJob = (f: Fixture) => f.options.kind === "job";
const checkOf = (f: Fixture) => (isJob(f) ? jobServiceProvider : serviceProvider).check({}, inputsOf(f) as any);

describe("integration: the specification corpus through Service and JobService check", function () {
  it("rejects every invalid fixture with exactly its expected errors, located by line and column", async function () {
    const fixtures = listFixtures("invalid").filter(inScope);
    assert.ok(fixtures.length >= 100, `${fixtures.length} invalid fixtures in scope`);
    assert.ok(fixtures.filter(isJob).length >= 2, "job fixtures go through JobService check");
    const mismatches: string[] = [];
    for (const f of fixtures) {
      const { failures } = await checkOf(f);
      const actual = [...new Set((failures ?? []).map((x) => x.reason.match(/^(?:Job)?Service (?:spec|specTemplate):(\d+):(\d+): error (\S+):/)).filter(Boolean).map((m) => `${m![3]} ${m![1]}:${m![2]}`))].sort();
      const expected = [...new Set(f.expect.filter((e) => e.severity === "error").map((e) => `${e.code} ${e.line}:${e.column}`))].sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${f.name}: expected ${expected.join(", ")}; check said ${actual.join(", ") || "nothing"}`);
    }
    assert.deepEqual(mismatches, []);
  });

  it("accepts every valid fixture", async function () {
    const rejected: string[] = [];
    for (const f of listFixtures("valid").filter(inScope)) {
      const { failures } = await checkOf(f);
      if (failures?.length) rejected.push(`${f.name}: ${failures.map((x) => x.reason).join("; ")}`);
    }
    assert.deepEqual(rejected, []);
  });
});
