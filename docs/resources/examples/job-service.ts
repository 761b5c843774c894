import * as spcs from "pulumi-spcs";

const pool = new spcs.ComputePool("jobs-pool", { name: "jobs_pool", instanceFamily: "CPU_X64_XS" });

// Two replicas run to completion; `pulumi up` returns when both exited 0 (DONE). Changing any input reruns it.
const job = new spcs.JobService("count", {
  database: "docs_db",
  schema: "public",
  name: "count_job",
  computePool: pool.name,
  replicas: 2,
  spec: `
spec:
  containers:
  - name: main
    image: /snowflake/images/snowflake_images/busybox:latest
    command: [sh, -c]
    args:
    - echo "replica $SNOWFLAKE_JOB_INDEX of $SNOWFLAKE_JOBS_COUNT done"
`,
});

export const jobStatus = job.status; // DONE
export const exitCodes = job.containers.apply((cs) => cs.map((c) => c.lastExitCode)); // [0, 0]
