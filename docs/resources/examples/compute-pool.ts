import * as spcs from "pulumi-spcs";

// Two XS nodes at most; the pool suspends itself after ten idle minutes and resumes when work arrives.
const pool = new spcs.ComputePool("example-pool", {
  name: "example_pool",
  instanceFamily: "CPU_X64_XS",
  minNodes: 1,
  maxNodes: 2,
  autoSuspendSecs: 600,
  comment: "Runs the team's services",
});

export const poolName = pool.name; // EXAMPLE_POOL
export const poolState = pool.state; // IDLE until a service or job is placed on it
