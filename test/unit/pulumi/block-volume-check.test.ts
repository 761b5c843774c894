import assert from "node:assert/strict";
import { providers } from "../../../provider";
import type { CheckFailure } from "../../../provider/pulumi/provider-types";

const BLOCK_SPEC = "spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n  volumes:\n  - name: data\n    source: block\n    size: 10Gi\n";
const SERVICE = { database: "DB", schema: "S", name: "SVC", computePool: "POOL1", spec: BLOCK_SPEC };

async function failures(kind: string, news: unknown, olds: unknown = {}): Promise<CheckFailure[]> {
  const r = (await providers[kind].check(olds as never, news as never)) as { failures?: CheckFailure[] };
  return r.failures ?? [];
}

/** The inputs an existing service was created with, as its check returned them. */
async function created(news: unknown): Promise<unknown> {
  return ((await providers.Service.check({}, news as never)) as { inputs: unknown }).inputs;
}

describe("check: block volumes (Service and Snapshot)", function () {
  it("a Service with block volumes and minInstances other than maxInstances fails at the volume's line and column, with the fix", async function () {
    const [f, ...rest] = await failures("Service", { ...SERVICE, minInstances: 1, maxInstances: 3 });
    assert.equal(rest.length, 0, JSON.stringify(rest));
    assert.equal(f.reason, "Service spec:7:13: error spec/block-instances: volume 'data' is a block volume, and a service with block volumes must have MIN_INSTANCES equal to MAX_INSTANCES (they are 1 and 3) (set maxInstances to 1 (MAX_INSTANCES = 1), or use a local or stage volume)");
    assert.deepEqual(await failures("Service", { ...SERVICE, minInstances: 2, maxInstances: 2 }), []);
    assert.deepEqual(await failures("Service", { ...SERVICE, minInstances: 2 }), [], "maxInstances defaults to minInstances");
  });

  it("a block size or iops outside SPCS's limits fails in check, naming the field", async function () {
    const [size] = await failures("Service", { ...SERVICE, spec: BLOCK_SPEC.replace("10Gi", "20000Gi") });
    assert.match(size.reason, /^Service spec:8:11: error spec\/block-size: volume 'data' size '20000Gi' must be a whole number of Gi from 1Gi to 16384Gi/);
    const [iops] = await failures("Service", { ...SERVICE, spec: `${BLOCK_SPEC}    blockConfig: { iops: 2000 }\n` });
    assert.match(iops.reason, /^Service spec:9:26: error spec\/range: spec\.volumes\[0\]\.blockConfig\.iops 2000 is out of range/);
  });

  it("an update of a Service with block volumes may not change its instance counts or its block volumes; a replacement may", async function () {
    const olds = await created({ ...SERVICE, minInstances: 2 });
    const [counts] = await failures("Service", { ...SERVICE, minInstances: 3 }, olds);
    assert.equal(counts.property, "minInstances");
    assert.equal(counts.reason, "Service minInstances: service DB.S.SVC has block volumes; its MIN_INSTANCES and MAX_INSTANCES (2) cannot be changed. Fix: keep minInstances and maxInstances at 2, or replace the service (a new name) with the counts you need.");
    assert.deepEqual(await failures("Service", { ...SERVICE, name: "SVC2", minInstances: 3 }, olds), [], "a new name is a new service");
    const bigger = BLOCK_SPEC.replace("10Gi", "20Gi") + "  - name: logs\n    source: block\n    size: 1Gi\n";
    const [spec] = await failures("Service", { ...SERVICE, minInstances: 2, spec: bigger }, olds);
    assert.equal(spec.property, "spec");
    assert.match(spec.reason, /^Service spec: The new specification of service DB\.S\.SVC adds block volume "logs" \(1Gi, SNOWFLAKE_SSE\); changes block volume "data" \(10Gi, SNOWFLAKE_SSE\) to "data" \(20Gi, SNOWFLAKE_SSE\); block volumes cannot be added, removed or resized after the service is created\. Fix: keep the block volumes as they are/);
    assert.deepEqual(await failures("Service", { ...SERVICE, minInstances: 2, spec: BLOCK_SPEC.replace("image: /db/s/r/app:1", "image: /db/s/r/app:2") }, olds), [], "other spec changes upgrade as before");
  });

  it("a Snapshot needs a service id, a volume and a non-negative instance", async function () {
    const ok = { database: "DB", schema: "S", name: "SNAP", service: "db.s.svc", volume: "data" };
    assert.deepEqual(await failures("Snapshot", ok), []);
    const reasons = (await failures("Snapshot", { ...ok, service: "svc", volume: "", instance: -1 })).map((f) => `${f.property}: ${f.reason}`);
    assert.deepEqual(reasons, [
      "service: Snapshot service 'SVC' is not DATABASE.SCHEMA.NAME. Fix: pass the Service's id (service: svc.id).",
      'volume: Snapshot volume is required. Fix: set volume to the block volume\'s name as the spec writes it, e.g. volume: "data".',
      "instance: Snapshot instance: invalid value '-1'. Fix: use an instance id from 0 to MAX_INSTANCES - 1.",
    ]);
  });
});
