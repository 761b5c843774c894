import { createPool } from "../provider/objects/compute-pools/compute-pools";
import { createService, dropService } from "../provider/statements/services";
import type { TestPlatform } from "../test/support/test-platform";

const POOL = "ANCHOR_POOL";
const KEY = { database: "BENCH_DB", schema: "PUBLIC", name: "ANCHOR" };

/**
 * Runs `fn` while one idle service keeps the platform in use. A platform home's networks exist while it
 * has a service and are removed with the last one, so without this every single create or job of a
 * benchmark would also create (and its drop remove) both networks: a cost of the first workload on an
 * empty platform, not of each one. The raw baselines likewise run on the existing network.
 */
export async function withAnchorService<T>(tp: TestPlatform, fn: () => Promise<T>): Promise<T> {
  if (!tp.platform.catalog.pools.get(POOL)) {
    createPool(tp.platform, { name: POOL, instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 1, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
  }
  const spec = { containers: [{ name: "idle", image: "/snowflake/images/snowflake_images/busybox:latest", command: ["sleep", "2147483647"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" }], endpoints: [], volumes: [] };
  await createService(tp.platform, { key: KEY, computePool: POOL, spec, specDigest: "anchor", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
  try {
    return await fn();
  } finally {
    await dropService(tp.platform, KEY, { ifExists: true });
  }
}
