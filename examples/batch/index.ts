import * as pulumi from "@pulumi/pulumi";
import * as spcs from "pulumi-spcs";

// A regulated team runs batch work only on a pre-validated, digest-pinned image:
//  1. the platform's ML runtime image (what `FROM .../container_runtime/cpu_x86_64` gives you) is placed in
//     the team's repository, copied by digest;
//  2. a Custom Runtime Environment registers it: creation validates the image (entrypoint, DASHBOARD_PORT,
//     the mandatory Python packages, `pip check`) and records its digest;
//  3. a job service runs on it (`cre@NAME`): 3 replicas, each scoring its shard with the image's own Python
//     and writing the result to a stage; `pulumi up` returns when every replica is DONE.
const config = new pulumi.Config();

const pool = new spcs.ComputePool("batch", { name: "batch_pool", instanceFamily: "CPU_X64_S", maxNodes: 2 });
const repository = new spcs.ImageRepository("ml", { database: "ml_db", schema: "public", name: "ml_images" });
const image = new spcs.Image("runtime", {
  database: "ml_db",
  schema: "public",
  repository: repository.name,
  name: "scoring-runtime",
  tag: "v1",
  source: "/snowflake/images/snowflake_images/container_runtime/cpu_x86_64:2.7.2",
});

const runtime = new spcs.CustomRuntimeEnvironment("scoring", {
  name: "scoring_runtime",
  imagePath: image.taggedImageRef,
  baseImageType: "CPU",
  creStatus: (config.get("creStatus") as "RESOLVED" | "DEPRECATED" | undefined) ?? "RESOLVED",
});

const job = new spcs.JobService("score", {
  database: "ml_db",
  schema: "public",
  name: "score_shards",
  computePool: pool.name,
  replicas: 3,
  runtimeEnvironment: pulumi.interpolate`cre@${runtime.name}`,
  // Any input change is a new run; the comment is a convenient one to change.
  comment: config.get("run") ?? "run 1",
  spec: pulumi.interpolate`
spec:
  containers:
  - name: main
    image: ${runtime.imagePath}
    command: [python3, -c]
    args:
    - |
      import os, pathlib
      index, count = int(os.environ["SNOWFLAKE_JOB_INDEX"]), int(os.environ["SNOWFLAKE_JOBS_COUNT"])
      shard = range(index, 1000, count)
      score = sum(x * x for x in shard)
      pathlib.Path(f"/results/shard-{index}.txt").write_text(f"{score}\\n")
      print(f"shard {index} of {count}: {len(shard)} rows, score {score}")
    volumeMounts:
    - { name: results, mountPath: /results }
  volumes:
  - name: results
    source: stage
    stageConfig: { name: "@ml_db.public.results/scores" }
`,
});

export const creDigest = runtime.digest;
export const checks = runtime.validationReport.apply((r) => `${r.filter((c) => c.passed).length} of ${r.length} checks passed`);
export const jobStatus = job.status;
export const jobDigests = job.containers.apply((cs) => [...new Set(cs.map((c) => c.imageDigest))]);
