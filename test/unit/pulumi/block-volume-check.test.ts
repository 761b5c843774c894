import assert from "node:assert/strict";
import { providers } from "../../../provider";
import type { CheckFailure } from "../../../provider/pulumi/provider-types";

const BLOCK_SPEC = "spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n  volumes:\n  - name: data\n    source: block\n    size: 10Gi\n";
const SERVICE = { database: "DB", schema: "S", name: "SVC", computePool: "POOL1", spec: BLOCK_SPEC };

async function failures(kind: string, news: unknown): Promise<CheckFailure[]> {
  const r = (await providers[kind].check({}, news as never)) as { failures?: CheckFailure[] };
  return r.failures ?? [];
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
