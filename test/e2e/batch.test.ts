import assert from "node:assert/strict";
import * as fs from "node:fs";
import { baseImageRepo } from "../../provider/model/platform-images";
import { parseStageLocation, stageHostPath } from "../../provider/model/stage-location";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const JOB = { database: "ML_DB", schema: "PUBLIC", name: "SCORE_SHARDS" };

/**
 * examples/batch through the real `pulumi` CLI: the ML runtime image copied into the team's repository, a
 * Custom Runtime Environment validated and digest-pinned, and a 3-replica job on it. Then the CRE's
 * guarantees: a DEPRECATED CRE refuses new jobs, and a tag moved after registration is rejected.
 */
describe("e2e: examples/batch, jobs on a Custom Runtime Environment", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  const up = (config: Record<string, string>) => {
    for (const [k, v] of Object.entries(config)) program.must(["config", "set", k, v]);
    const r = program.run(["up", "--yes", "--skip-preview"]);
    return { ...r, text: r.stdout + r.stderr };
  };

  before(async function () {
    tp = await startTestPlatform("e2e-batch", { runtimeImage: true });
    program = PulumiProgram.create("batch", tp);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("validates the runtime, records its digest, and runs every replica on exactly that digest to DONE", function () {
    const r = up({});
    assert.equal(r.code, 0, r.text);
    const out = program.outputs();
    assert.equal(out.checks, "20 of 20 checks passed");
    assert.equal(out.jobStatus, "DONE");
    assert.deepEqual(out.jobDigests, [out.creDigest], "every container ran the CRE's recorded digest");
    const dir = stageHostPath(tp.config.home, parseStageLocation("@ml_db.public.results/scores", {}));
    const expected = [0, 1, 2].map((i) => Array.from({ length: 1000 }, (_, x) => x).filter((x) => x % 3 === i).reduce((s, x) => s + x * x, 0));
    assert.deepEqual([0, 1, 2].map((i) => Number(fs.readFileSync(`${dir}/shard-${i}.txt`, "utf8"))), expected);
    const logs = spcsCli(tp, ["logs", "ml_db.public.score_shards", "--instance", "1"]);
    assert.equal(logs.stdout, `shard 1 of 3: 333 rows, score ${expected[1]}\n`);
    program.must(["preview", "--expect-no-changes"]);
  });

  it("a DEPRECATED runtime refuses new jobs, by name; RESOLVED again, the job reruns", function () {
    const deprecated = up({ creStatus: "DEPRECATED", run: "run 2" });
    assert.notEqual(deprecated.code, 0);
    assert.match(deprecated.text, /Custom runtime environment 'SCORING_RUNTIME' is DEPRECATED and can no longer be used for new jobs\./);
    const resolved = up({ creStatus: "RESOLVED", run: "run 3" });
    assert.equal(resolved.code, 0, resolved.text);
    assert.equal(program.outputs().jobStatus, "DONE");
  });

  it("a tag moved after registration is rejected at submission: the CRE must be recreated", async function () {
    // Somebody pushes another image under the registered tag.
    const repo = `${tp.config.registry}/ml_db/public/ml_images/scoring-runtime`;
    await tp.platform.docker.tagImage(`${baseImageRepo(tp.config)}:latest`, repo, "v1");
    await tp.platform.docker.pushImage(repo, "v1");
    const r = up({ run: "run 4" });
    assert.notEqual(r.code, 0);
    assert.match(r.text, /Job submission rejected: the image '\/ml_db\/public\/ml_images\/scoring-runtime:v1' of custom runtime environment 'SCORING_RUNTIME' was modified after the custom runtime environment was registered/);
    assert.equal(tp.platform.catalog.services.get(JOB), undefined, "the rejected job created nothing");
  });
});
