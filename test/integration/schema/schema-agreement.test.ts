import assert from "node:assert/strict";
import { providers } from "../../../provider";
import { configurePlatform } from "../../../provider/platform/current-platform";
import { RESOURCE_SCHEMAS } from "../../../provider/schema/package-schema";
import { inputNames, outputNames, replaceOnChangeNames, type PropertySpec } from "../../../provider/schema/resource-schema";
import { pushAs, runtimeImage } from "../../support/runtime-images";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** A valid value for every input, and a different valid one, per property. */
const SAMPLES: Record<string, Record<string, [unknown, unknown]>> = {
  ComputePool: {
    adopt: [false, true],
    name: ["AGREE_POOL", "AGREE_POOL_2"], instanceFamily: ["CPU_X64_XS", "CPU_X64_S"], minNodes: [1, 2], maxNodes: [2, 3],
    autoResume: [true, false], autoSuspendSecs: [600, 0], initiallySuspended: [false, true], comment: ["a", "b"], suspended: [false, true],
  },
  ImageRepository: {
    adopt: [false, true],
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], name: ["REPO", "REPO2"], comment: ["a", "b"], encryption: ["SNOWFLAKE_FULL", "SNOWFLAKE_SSE"],
  },
  Image: {
    adopt: [false, true],
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], repository: ["AGREE_REPO", "AGREE_REPO2"], name: ["app", "app2"], tag: ["v1", "v2"],
    source: ["/snowflake/images/snowflake_images/busybox:latest", "/snowflake/images/snowflake_images/busybox:other"],
    localImage: ["agree-local:1", "agree-local:2"],
  },
  Service: {
    adopt: [false, true],
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], name: ["AGREE_SVC", "AGREE_SVC2"], computePool: ["AGREE_SVC_POOL", "AGREE_SVC_POOL2"],
    spec: [svcSpec("main"), svcSpec("other")],
    specTemplate: [svcSpec("{{ c }}"), svcSpec("x{{ c }}")],
    using: [{ c: "main" }, { c: "other" }],
    minInstances: [1, 2], maxInstances: [2, 3], minReadyInstances: [1, 2], autoResume: [true, false],
    externalAccessIntegrations: [["EAI_A"], ["EAI_B"]], queryWarehouse: ["WH", "WH2"], comment: ["a", "b"], readyTimeoutSeconds: [60, 120], suspended: [false, true],
    autoSuspendSecs: [0, 3600],
    secrets: [{ API: { secretString: "a" } }, { API: { secretString: "b" } }],
  },
  JobService: {
    adopt: [false, true],
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], name: ["AGREE_JOB", "AGREE_JOB2"], computePool: ["AGREE_SVC_POOL", "AGREE_SVC_POOL2"],
    spec: [jobSpec("main"), jobSpec("other")],
    specTemplate: [jobSpec("{{ c }}"), jobSpec("x{{ c }}")],
    using: [{ c: "main" }, { c: "other" }],
    replicas: [1, 2], async: [false, true], externalAccessIntegrations: [["EAI_A"], ["EAI_B"]], queryWarehouse: ["WH", "WH2"], comment: ["a", "b"],
    secrets: [{ API: { secretString: "a" } }, { API: { secretString: "b" } }],
    // The CRE itself is covered by the CustomRuntimeEnvironment tests; a job without one runs here.
    runtimeEnvironment: [null, "cre@OTHER_CRE"],
    timeoutSeconds: [60, 120],
  },
  CustomRuntimeEnvironment: {
    adopt: [false, true],
    name: ["AGREE_CRE", "AGREE_CRE_2"], imagePath: ["/agree_db/public/cre_images/runtime:1", "/agree_db/public/cre_images/runtime:2"],
    baseImageType: ["CPU", "GPU"], creStatus: ["RESOLVED", "DEPRECATED"], comment: ["a", "b"],
  },
  Snapshot: {
    adopt: [false, true],
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], name: ["AGREE_SNAP", "AGREE_SNAP2"],
    service: ["AGREE_DB.PUBLIC.AGREE_BLOCK_SVC", "AGREE_DB.PUBLIC.AGREE_BLOCK_SVC2"], volume: ["data", "data2"], instance: [0, 1], comment: ["a", "b"],
  },
  NetworkRule: {
    adopt: [false, true],
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], name: ["AGREE_NEW_RULE", "AGREE_NEW_RULE2"], valueList: [["a.example.com"], ["b.example.com:8443"]], comment: ["a", "b"],
  },
  ExternalAccessIntegration: {
    adopt: [false, true],
    name: ["AGREE_EAI", "AGREE_EAI2"], allowedNetworkRules: [["AGREE_DB.PUBLIC.AGREE_RULE"], ["AGREE_DB.PUBLIC.AGREE_RULE2"]], enabled: [true, false], comment: ["a", "b"],
  },
};

function jobSpec(container: string): string {
  return `spec:\n  containers:\n  - name: ${container}\n    image: /snowflake/images/snowflake_images/busybox:latest\n    args: [sh, -c, "echo done"]\n`;
}

function blockSpec(): string {
  return `spec:\n  containers:\n  - name: main\n    image: /snowflake/images/snowflake_images/busybox:latest\n    args: [sleep, "3600"]\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    source: block\n    size: 1Gi\n`;
}

function svcSpec(container: string): string {
  return `spec:\n  containers:\n  - name: ${container}\n    image: /snowflake/images/snowflake_images/busybox:latest\n    args: [sleep, "3600"]\n`;
}

/** Inputs that are alternatives to others: tested on their own, not together with the first set. */
const ALTERNATIVES: Record<string, { replaces: string[]; with: string[] }> = {
  Service: { replaces: ["spec"], with: ["specTemplate", "using"] },
  JobService: { replaces: ["spec"], with: ["specTemplate", "using"] },
  Image: { replaces: ["source"], with: ["localImage"] },
};

/** The schema, the SDK classes and the providers describe the same resources. */
describe("integration: schema, SDK and providers agree", function () {
  let tp: TestPlatform;
  before(async function () {
    tp = await startTestPlatform("it-schema", { runtimeImage: true });
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry })[k]);
    const { createPool } = await import("../../../provider/objects/compute-pools/compute-pools");
    const { createRepository } = await import("../../../provider/objects/image-repositories/image-repositories");
    createRepository(tp.platform, { database: "AGREE_DB", schema: "PUBLIC", name: "AGREE_REPO" });
    createPool(tp.platform, { name: "AGREE_SVC_POOL", instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 2, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
    await pushAs(tp, runtimeImage(tp), "/agree_db/public/cre_images/runtime:1"); // the image CustomRuntimeEnvironment validates
    // What ExternalAccessIntegration lists, and the integrations Service and JobService name.
    const { createNetworkRule } = await import("../../../provider/objects/network-rules/network-rules");
    const { createIntegration } = await import("../../../provider/objects/external-access-integrations/external-access-integrations");
    for (const rule of ["AGREE_RULE", "AGREE_RULE2"]) createNetworkRule(tp.platform, { database: "AGREE_DB", schema: "PUBLIC", name: rule }, { valueList: ["192.0.2.1:443"] }); // an address: nothing is looked up outside
    for (const eai of ["EAI_A", "EAI_B"]) createIntegration(tp.platform, eai, { allowedNetworkRules: ["AGREE_DB.PUBLIC.AGREE_RULE"], enabled: true });
    // The service whose block volume the Snapshot samples name.
    const svc = await providers.Service.check({}, { database: "AGREE_DB", schema: "PUBLIC", name: "AGREE_BLOCK_SVC", computePool: "AGREE_SVC_POOL", spec: blockSpec(), __resourceName: "block" });
    assert.deepEqual(svc.failures, []);
    await providers.Service.create(svc.inputs);
  });
  after(async () => tp?.dispose());

  for (const schema of RESOURCE_SCHEMAS) {
    describe(schema.kind, function () {
      const provider = providers[schema.kind];
      const samples = SAMPLES[schema.kind];
      const alt = ALTERNATIVES[schema.kind];
      const primary = () => inputNames(schema).filter((n) => !alt?.with.includes(n));
      const first = () => Object.fromEntries(primary().map((n) => [n, samples[n][0]]));
      const alternative = () => ({ ...Object.fromEntries(Object.entries(first()).filter(([n]) => !alt!.replaces.includes(n))), ...Object.fromEntries(alt!.with.map((n) => [n, samples[n][0]])) });

      it("has a sample for every schema input, and nothing else", function () {
        assert.deepEqual(Object.keys(samples).sort(), inputNames(schema).sort());
      });

      it("check accepts every schema input and returns each one", async function () {
        const { inputs, failures } = await provider.check({}, { ...first(), __resourceName: "agree" });
        assert.deepEqual(failures, []);
        for (const n of primary()) assert.deepEqual(inputs[n], samples[n][0], n);
        if (alt) {
          const other = await provider.check({}, { ...alternative(), __resourceName: "agree" });
          assert.deepEqual(other.failures, []);
          for (const n of alt.with) assert.deepEqual(other.inputs[n], samples[n][0], n);
        }
        for (const p of schema.properties.filter((x: PropertySpec) => x.default !== undefined)) {
          const { [p.name]: _omit, ...rest } = first();
          const defaulted = await provider.check({}, { ...rest, __resourceName: "agree" });
          assert.deepEqual(defaulted.inputs[p.name], p.default, `default of ${p.name}`);
        }
      });

      it("create and read return every schema output", async function () {
        const { inputs } = await provider.check({}, { ...first(), __resourceName: "agree" });
        const created = await provider.create(inputs);
        try {
          const always = schema.properties.filter((p) => !p.optional).map((p) => p.name);
          for (const n of always) assert.ok(n in created.outs, `create returns ${n}`);
          const read = await provider.read(created.id, created.outs);
          for (const n of always) assert.ok(n in read.props, `read returns ${n}`);
          for (const n of primary()) assert.ok(n in read.inputs, `read returns input ${n}`);
        } finally {
          await provider.delete(created.id, created.outs);
        }
      });

      it("every replace-on-change input replaces, and no other input does", async function () {
        const { inputs } = await provider.check({}, { ...first(), __resourceName: "agree" });
        const olds = { ...inputs };
        for (const n of primary()) {
          const { inputs: news } = await provider.check(olds, { ...first(), [n]: samples[n][1], __resourceName: "agree" });
          const diff = await provider.diff("id", olds, news);
          const replaces = replaceOnChangeNames(schema).includes(n);
          if (n === "initiallySuspended" || n === "adopt") assert.equal(diff.changes, false, `${n} is create-time only`);
          else assert.equal(diff.changes, true, `${n} is a change`);
          assert.deepEqual(diff.replaces ?? [], replaces ? [n] : [], `${n} ${replaces ? "replaces" : "updates in place"}`);
        }
      });
    });
  }

});
