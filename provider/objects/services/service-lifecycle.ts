import { SpcsError, doesNotExist } from "../../common/errors";
import { faultPoint } from "../../common/fault-points";
import { nowIso } from "../../common/time";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { resumePool } from "../compute-pools/compute-pools";
import { ensureIngress, stopIngress } from "./ingress";
import { removeInstance } from "../workloads/instance-runner";
import { qualified } from "../../model/service-naming";
import { startPending } from "../workloads/capacity";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";

/**
 * ALTER SERVICE ... SUSPEND: SUSPENDING, then the ingress is stopped (unless AUTO_RESUME: a request to it
 * resumes the service, see agent/platform-agent.ts) and every container is stopped
 * (SIGTERM, 30 s grace) and removed, block volumes kept, the instances' capacity given back to the pool; then SUSPENDED.
 * Suspending a suspended service changes nothing.
 */
export async function suspendService(platform: Platform, key: ServiceKey): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  if (svc.isJob) throw new SpcsError("job-not-alterable", `Service ${qualified(key)} is a job service; job services cannot be altered.`);
  if (svc.status === "SUSPENDED") return;
  platform.catalog.write(() => platform.catalog.services.update(key, { status: "SUSPENDING", suspendedOn: nowIso(), updatedOn: nowIso() }));
  faultPoint("suspend:catalog-written");
  const spec = readRuntimeSpec(svc);
  const instances = platform.catalog.services.instances(key);
  // With AUTO_RESUME the ingress keeps listening: a request to it is what resumes the service.
  if (!svc.autoResume) await stopIngress(platform, key);
  await Promise.all(instances.filter((i) => i.nodeId).map((i) => removeInstance(platform, key, i.instanceId, spec, { keepBlockVolumes: true })));
  platform.catalog.write(() => {
    for (const i of instances) platform.catalog.services.setInstanceNode(key, i.instanceId, null, null);
    platform.catalog.services.update(key, { status: "SUSPENDED", updatedOn: nowIso() });
  });
  await startPending(platform, svc.computePool);
}

/**
 * ALTER SERVICE ... RESUME: PENDING, then the instances are placed and started again from the digests
 * pinned at create (a resume is not an upgrade). Resumes the pool first when it is suspended and the
 * service's pool allows auto-resume.
 */
export async function resumeService(platform: Platform, key: ServiceKey): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  if (svc.status !== "SUSPENDED" && svc.status !== "SUSPENDING") return;
  const pool = platform.catalog.pools.get(svc.computePool);
  if (pool?.state === "SUSPENDED" || pool?.state === "STOPPING") {
    if (!pool.autoResume) throw new SpcsError("pool-suspended", `Compute pool ${pool.name} is suspended and AUTO_RESUME is FALSE.`, `resume it first: spcs alter compute-pool ${pool.name} resume`);
    resumePool(platform, pool.name);
  }
  platform.catalog.write(() => platform.catalog.services.update(key, { status: "PENDING", resumedOn: nowIso(), updatedOn: nowIso() }));
  await startPending(platform, svc.computePool);
  await ensureIngress(platform, svc, readRuntimeSpec(svc)); // on the ports it had
}
