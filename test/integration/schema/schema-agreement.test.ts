import assert from "node:assert/strict";
import { providers } from "../../../provider";
import { configurePlatform } from "../../../provider/platform/current-platform";
import { RESOURCE_SCHEMAS } from "../../../provider/schema/package-schema";
import { inputNames, outputNames, replaceOnChangeNames, type PropertySpec } from "../../../provider/schema/resource-schema";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** A valid value for every input, and a different valid one, per property. */
const SAMPLES: Record<string, Record<string, [unknown, unknown]>> = {
  ComputePool: {
    name: ["AGREE_POOL", "AGREE_POOL_2"], instanceFamily: ["CPU_X64_XS", "CPU_X64_S"], minNodes: [1, 2], maxNodes: [2, 3],
    autoResume: [true, false], autoSuspendSecs: [600, 0], initiallySuspended: [false, true], comment: ["a", "b"], suspended: [false, true],
  },
  ImageRepository: {
    database: ["AGREE_DB", "AGREE_DB2"], schema: ["PUBLIC", "OTHER"], name: ["REPO", "REPO2"], comment: ["a", "b"], encryption: ["SNOWFLAKE_FULL", "SNOWFLAKE_SSE"],
  },
};

/** The schema, the SDK classes and the providers describe the same resources. */
describe("integration: schema, SDK and providers agree", function () {
  let tp: TestPlatform;
  before(async function () {
    tp = await startTestPlatform("it-schema");
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry })[k]);
  });
  after(async () => tp?.dispose());

  for (const schema of RESOURCE_SCHEMAS) {
    describe(schema.kind, function () {
      const provider = providers[schema.kind];
      const samples = SAMPLES[schema.kind];
      const first = () => Object.fromEntries(inputNames(schema).map((n) => [n, samples[n][0]]));

      it("has a sample for every schema input, and nothing else", function () {
        assert.deepEqual(Object.keys(samples).sort(), inputNames(schema).sort());
      });

      it("check accepts every schema input and returns each one", async function () {
        const { inputs, failures } = await provider.check({}, { ...first(), __resourceName: "agree" });
        assert.deepEqual(failures, []);
        for (const n of inputNames(schema)) assert.deepEqual(inputs[n], samples[n][0], n);
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
          for (const n of outputNames(schema)) assert.ok(n in created.outs, `create returns ${n}`);
          const read = await provider.read(created.id, created.outs);
          for (const n of outputNames(schema)) assert.ok(n in read.props, `read returns ${n}`);
          for (const n of inputNames(schema)) assert.ok(n in read.inputs, `read returns input ${n}`);
        } finally {
          await provider.delete(created.id, created.outs);
        }
      });

      it("every replace-on-change input replaces, and no other input does", async function () {
        const { inputs } = await provider.check({}, { ...first(), __resourceName: "agree" });
        const olds = { ...inputs };
        for (const n of inputNames(schema)) {
          const { inputs: news } = await provider.check(olds, { ...first(), [n]: samples[n][1], __resourceName: "agree" });
          const diff = await provider.diff("id", olds, news);
          const replaces = replaceOnChangeNames(schema).includes(n);
          if (n === "initiallySuspended") assert.equal(diff.changes, false, "initiallySuspended is create-time only");
          else assert.equal(diff.changes, true, `${n} is a change`);
          assert.deepEqual(diff.replaces ?? [], replaces ? [n] : [], `${n} ${replaces ? "replaces" : "updates in place"}`);
        }
      });
    });
  }

});
