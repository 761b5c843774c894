import { performance } from "node:perf_hooks";
import { managedLabels } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import { platformNetworkName } from "../../provider/model/service-naming";
import { createPool } from "../../provider/objects/compute-pools/compute-pools";
import { awaitServiceReady } from "../../provider/objects/services/await-service-ready";
import { createService, dropService } from "../../provider/statements/services";
import type { TestPlatform } from "../../test/support/test-platform";

const POOL = "RAW_POOL";

/** One sample: the provider's CREATE SERVICE, and the Engine API calls it makes, by hand. */
export interface CreateSample {
  /** createService: pin, schedule, both containers created and started, the ingress step. */
  providerMs: number;
  /** The same, and then the wait until RUNNING (which `pulumi up` also does). */
  providerReadyMs: number;
  rawMs: number;
}

/** The provider's create of one service (without the Pulumi engine) against the Docker calls it makes. */
export async function providerVsRaw(tp: TestPlatform, round: number): Promise<CreateSample> {
  if (!tp.platform.catalog.pools.get(POOL)) {
    createPool(tp.platform, { name: POOL, instanceFamily: "CPU_X64_S", minNodes: 1, maxNodes: 1, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
  }
  const key = { database: "BENCH_DB", schema: "PUBLIC", name: `ONE_${round}` };
  const spec = { containers: [{ name: "web", image: "/snowflake/images/snowflake_images/busybox:latest", command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session" }], endpoints: [], volumes: [] };
  let t = performance.now();
  await createService(tp.platform, { key, computePool: POOL, spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
  const providerMs = performance.now() - t;
  await awaitServiceReady(tp.platform, key, 60);
  const providerReadyMs = performance.now() - t;
  await dropService(tp.platform, key);

  // The same Engine API calls by hand, on the platform network (withAnchorService keeps it): network
  // container, app container, both started.
  const docker = tp.platform.docker;
  const image = `${baseImageRepo(tp.config)}:latest`;
  const labels = managedLabels(tp.config.home, "service-container", "raw-bench");
  const network = platformNetworkName(tp.config.home);
  t = performance.now();
  const netns = await docker.createContainer({ name: `raw-bench-netns-${round}-${Date.now()}`, image, labels, cmd: ["sleep", "2147483647"], network: { name: network, aliases: ["one"] } });
  await docker.startContainer(netns);
  const app = await docker.createContainer({ name: `raw-bench-app-${round}-${Date.now()}`, image, labels, cmd: ["httpd", "-f", "-p", "8080", "-h", "/tmp"], joinNetworkOf: netns });
  await docker.startContainer(app);
  const rawMs = performance.now() - t;
  for (const id of [app, netns]) await docker.removeContainer(id);
  return { providerMs, providerReadyMs, rawMs };
}
