import { LABEL_INSTANCE, LABEL_SERVICE, LABEL_SPEC_DIGEST, homeFilter } from "../../common/labels";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import { timed } from "../../common/phase-timings";
import type { Platform } from "../../platform/platform";
import { endpointsOf, rowColumns, type ContainerDescription, type InstanceDescription, type ServiceDescription } from "../workloads/describe-columns";
import { ingressAddresses, ingressDrift } from "./ingress";
import { containerName, netnsContainerName, platformNetworkName, qualified } from "../../model/service-naming";
import { deriveContainerStatus, deriveInstanceStatus, deriveServiceStatus, type ContainerStatus, type InstanceStatus } from "../../model/statuses";
import type { Drift } from "../../model/drift";
import { hasExited, isStopped, type ContainerInfo } from "../../runtime/container-runtime";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";

const PROBE_TIMEOUT_MS = 1000;

/** DESCRIBE SERVICE of a service (statements/services.ts sends job services to describeJob). Observes only. */
export async function describeService(platform: Platform, key: ServiceKey): Promise<ServiceDescription | undefined> {
  const svc = platform.catalog.services.get(key);
  return svc && !svc.isJob ? timed("service.describe", () => describeRow(platform, svc)) : undefined;
}

async function describeRow(platform: Platform, svc: ServiceRow): Promise<ServiceDescription> {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const spec = readRuntimeSpec(svc);
  const home = platform.config.home;
  const instances: InstanceDescription[] = [];
  const containers: ContainerDescription[] = [];
  const drift: Drift[] = [];
  // Recorded when the ingress was made: the same for the service's life, whatever its instances do.
  const ingress = ingressAddresses(home, key);
  // A suspended service has no instances (SHOW SERVICE INSTANCES / CONTAINERS list nothing).
  const live = svc.status === "SUSPENDED" ? [] : platform.catalog.services.instances(key);
  // Every container of every instance is inspected, and probed, at once: one round trip instead of one per container.
  const seen = await Promise.all(
    live.map(async (inst) => {
      const placed = inst.nodeId !== null;
      const [netns, ...infos] = await Promise.all([
        placed ? platform.docker.inspectContainer(netnsContainerName(home, key, inst.instanceId)) : undefined,
        ...spec.containers.map((c) => (placed ? platform.docker.inspectContainer(containerName(home, key, inst.instanceId, c.name)) : undefined)),
      ]);
      const address = netns ? netns.networkAddresses[platformNetworkName(home)] || netns.ipAddress : "";
      const probes = await Promise.all(spec.containers.map((c, i) => (infos[i]?.running && c.readinessProbe && address ? probe(`http://${address}:${c.readinessProbe.port}${c.readinessProbe.path}`) : undefined)));
      return { inst, placed, netns, address, infos, probes };
    }),
  );
  for (const { inst, placed, netns, address, infos, probes } of seen) {
    if (placed && !netns) drift.push({ kind: "network-container-missing", instanceId: inst.instanceId });
    const rows: Omit<ContainerDescription, "instanceStatus">[] = [];
    for (const [ci, c] of spec.containers.entries()) {
      const info = infos[ci];
      const probeOk = probes[ci];
      const derived = deriveContainerStatus(placed, info, c, probeOk);
      if (placed) drift.push(...containerDrift(inst.instanceId, c.name, info, svc.images[c.name]?.pullRef, inst.specDigest));
      const exited = info && (info.restartCount > 0 || hasExited(info));
      rows.push({
        instanceId: String(inst.instanceId),
        containerName: c.name,
        ...derived,
        imageName: c.image,
        imageDigest: svc.images[c.name]?.digest ?? "",
        restartCount: info?.restartCount ?? 0,
        startTime: info?.startedAt ?? null,
        lastExitCode: exited ? info!.exitCode : null,
        lastRestartTime: info && info.restartCount > 0 ? (info.startedAt ?? null) : null,
      });
    }
    const instStatus = deriveInstanceStatus(rows.map((r) => r.status));
    containers.push(...rows.map((r) => ({ ...r, instanceStatus: instStatus.status })));
    instances.push({
      instanceId: String(inst.instanceId), status: instStatus.status, message: instStatus.message, specDigest: inst.specDigest,
      creationTime: inst.creationTime, startTime: inst.startTime, ipAddress: address || null, nodeId: inst.nodeId,
    });
  }
  if (svc.status !== "SUSPENDED") {
    const [ingressDrifts, extra] = await Promise.all([ingressDrift(platform, svc, spec), extraInstances(platform, svc, live.map((i) => i.instanceId))]);
    drift.push(...ingressDrifts, ...extra);
  }
  return {
    ...rowColumns(svc),
    drift,
    status: deriveServiceStatus(svc.status, instances.map((i) => i.status), svc.minReadyInstances),
    currentInstances: instances.filter((i) => i.nodeId !== null).length,
    // The count the service is scaled to: MIN_INSTANCES at create, then wherever the autoscaler moved it.
    targetInstances: live.length,
    instances,
    containers,
    endpoints: endpointsOf(spec, ingress),
  };
}

/** A readiness probe: HTTP GET, and only 200 counts, as in SPCS. */
async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status === 200;
  } catch {
    return false;
  }
}

/** How one container differs from what was deployed. */
function containerDrift(instanceId: number, container: string, info: ContainerInfo | undefined, pullRef: string | undefined, specDigest: string): Drift[] {
  if (!info) return [{ kind: "container-removed", instanceId, container }];
  const out: Drift[] = [];
  // Exited and not restarting means stopped by hand: the restart policy restarts every other exit.
  if (isStopped(info)) out.push({ kind: "container-stopped", instanceId, container });
  if (pullRef && info.image !== pullRef) out.push({ kind: "image-changed", instanceId, container, image: info.image, pinned: pullRef });
  if (info.labels[LABEL_SPEC_DIGEST] !== specDigest) out.push({ kind: "spec-digest-changed", instanceId, container, found: info.labels[LABEL_SPEC_DIGEST], expected: specDigest });
  return out;
}

/** Containers labelled with this service but an instance id it does not have. */
async function extraInstances(platform: Platform, svc: ServiceRow, known: number[]): Promise<Drift[]> {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const found = await platform.docker.listContainers([...homeFilter(platform.config.home), `${LABEL_SERVICE}=${qualified(key)}`]);
  // The ingress carries the service's label but no instance's.
  const extra = new Set(found.filter((c) => c.labels[LABEL_INSTANCE] !== undefined).map((c) => Number(c.labels[LABEL_INSTANCE])).filter((id) => !known.includes(id)));
  return [...extra].sort((a, b) => a - b).map((instanceId) => ({ kind: "extra-instance", instanceId }));
}
