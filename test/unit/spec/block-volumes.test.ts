import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzeSpec, formatDiagnostic } from "../../../provider/spec";

/** A service spec with one block volume; `extra` lines go under blockConfig. */
const spec = (size: string, extra = "") =>
  `spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:1\n  volumes:\n  - name: data\n    source: block\n    size: ${size}\n${extra ? `    blockConfig:\n${extra}` : ""}`;
const errors = (text: string, opts = {}) => analyzeSpec(text, opts).diagnostics.filter((d) => d.severity === "error");

describe("block volume limits (SPCS on AWS: size 1–16384Gi, iops 3000–16000, throughput 125–1000)", function () {
  it("accept a size exactly when it is a whole number of Gi from 1 to 16384", function () {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), (gi) => {
        const found = errors(spec(`${gi}Gi`)).map((d) => d.code);
        assert.deepEqual(found, gi >= 1 && gi <= 16384 ? [] : ["spec/block-size"], `${gi}Gi`);
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });

  it("accept iops exactly from 3000 to 16000 and throughput exactly from 125 to 1000", function () {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200000 }), fc.integer({ min: 0, max: 3000 }), (iops, throughput) => {
        const found = errors(spec("10Gi", `      iops: ${iops}\n      throughput: ${throughput}\n`)).map((d) => d.path);
        const expected = [...(iops >= 3000 && iops <= 16000 ? [] : ["spec.volumes[0].blockConfig.iops"]), ...(throughput >= 125 && throughput <= 1000 ? [] : ["spec.volumes[0].blockConfig.throughput"])];
        assert.deepEqual(found, expected, `iops ${iops}, throughput ${throughput}`);
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });

  it("name the field, line and column and the allowed range in the message and the fix", function () {
    const [d] = errors(spec("20000Gi"));
    assert.equal(formatDiagnostic(d, "svc.yaml"), "svc.yaml:8:11: error spec/block-size: volume 'data' size '20000Gi' must be a whole number of Gi from 1Gi to 16384Gi (write the size in Gi, at most 16384Gi, e.g. 10Gi)");
    const [i] = errors(spec("10Gi", "      iops: 20000\n"));
    assert.match(formatDiagnostic(i, "svc.yaml"), /^svc\.yaml:10:13: error spec\/range: .*20000.* out of range: it must be .*3000.*16000/);
  });
});

describe("MIN_INSTANCES = MAX_INSTANCES with block volumes", function () {
  it("refuses a service whose counts differ, at the block volume's source, with the fix", function () {
    const [d, ...rest] = errors(spec("10Gi"), { instances: { min: 1, max: 3 } });
    assert.equal(rest.length, 0);
    assert.equal(formatDiagnostic(d, "svc.yaml"), "svc.yaml:7:13: error spec/block-instances: volume 'data' is a block volume, and a service with block volumes must have MIN_INSTANCES equal to MAX_INSTANCES (they are 1 and 3) (set maxInstances to 1 (MAX_INSTANCES = 1), or use a local or stage volume)");
  });

  it("accepts equal counts, unknown counts, jobs, and services without block volumes", function () {
    assert.deepEqual(errors(spec("10Gi"), { instances: { min: 2, max: 2 } }), []);
    assert.deepEqual(errors(spec("10Gi")), []);
    assert.deepEqual(errors(spec("10Gi"), { kind: "job", instances: { min: 1, max: 3 } }), []);
    const local = "spec:\n  containers:\n  - name: main\n    image: /db/schema/repo/app:1\n  volumes:\n  - name: data\n    source: local\n";
    assert.deepEqual(errors(local, { instances: { min: 1, max: 3 } }), []);
  });
});
