import * as fs from "node:fs";
import { exportContainerLogs } from "../event-table/export-logs";
import * as os from "node:os";
import * as path from "node:path";
import { SpcsError } from "../../common/errors";
import { LABEL_CONTAINER, LABEL_INSTANCE, LABEL_POOL, LABEL_SERVICE, LABEL_SPEC_DIGEST, managedLabels } from "../../common/labels";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { ContainerSpec, Mount } from "../../runtime/container-runtime";
import { baseImageRepo } from "../../model/platform-images";
import type { InstanceFamily } from "../../model/instance-families";
import { resolveContainerResources } from "../../model/resources";
import { CONTAINER_MARKER_ENV, livenessSupervisorScript, needsLivenessSupervisor } from "./liveness-supervisor";
import { withPlatformNetworks } from "./platform-networks";
import { containerTokenMount } from "./session-token";
import { SNOWFLAKE_HOST, SNOWFLAKE_PORT, sessionTokenDir } from "../../model/snowflake-endpoint";
import { stageVolumeDir } from "./stage-volumes";
import { FIREWALL_MOUNTS, FIREWALL_TIMEOUT_MS, FIREWALL_TMPFS, firewallFailed, firewallPlan } from "./egress-firewall";
import { FIREWALL_APPLIED_LINE, netnsCommand } from "./netns-command";
import { firewallFileInContainer, firewallMount, removeFirewallFile, writeFirewallFile } from "./firewall-file";
import type { PlatformNetworks } from "./platform-networks";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { ownerOnlyDir } from "../../common/owner-only";
import { SECRET_KEYS, readServiceSecrets, secretFilesDir, type SecretValue } from "./secret-store";
import { fillFromSnapshot } from "../snapshots/snapshots";
import { resolveSnapshotName } from "../../model/snapshot-naming";
import { containerName, netnsContainerName, platformNetworkName, qualified, schemaDnsDomain, serviceAliases, volumeName } from "../../model/service-naming";
import { drainInstance } from "./instance-admission";
import { removeReadiness } from "./readiness-record";

/** SPCS stops containers with SIGTERM and kills them 30 seconds later. */
export const TERMINATION_GRACE_SECONDS = 30;
export { SNOWFLAKE_HOST } from "../../model/snowflake-endpoint";

/**
 * Starts one service instance the way SPCS lays it out: a small container that owns the instance's
 * network namespace (its IP, the service's DNS names), and every spec container
 * joined to it, so containers of an instance reach each other on localhost and share local volumes.
 * Containers restart whenever they exit (restart policy "always"), as SPCS restarts service containers.
 */
export async function startInstance(platform: Platform, svc: ServiceRow, spec: RuntimeSpec, instanceId: number, family: InstanceFamily): Promise<void> {
  const { home } = platform.config;
  const docker = platform.docker;
  const k: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const labels = (container: string) => ({
    ...managedLabels(home, svc.isJob ? "job-container" : "service-container", qualified(k)),
    [LABEL_SERVICE]: qualified(k),
    [LABEL_INSTANCE]: String(instanceId),
    [LABEL_CONTAINER]: container,
    [LABEL_POOL]: svc.computePool,
    [LABEL_SPEC_DIGEST]: svc.specDigest,
  });
  const netnsImage = `${baseImageRepo(platform.config)}:latest`;
  await docker.pullImage(netnsImage);
  // With liveness probes the network container also supervises the instance (liveness-supervisor.ts).
  const supervised = !svc.isJob && needsLivenessSupervisor(spec.containers);
  const gated = !svc.isJob && spec.containers.some((c) => c.readinessProbe);
  // The network container loads the instance's firewall itself before anything else (netns-command.ts):
  // NET_ADMIN and the host's iptables are its own, never a spec container's.
  const netnsName = netnsContainerName(home, k, instanceId);
  const netnsSpec = (networks: PlatformNetworks): ContainerSpec => ({
    name: netnsName,
    image: netnsImage,
    labels: labels("_netns"),
    cmd: netnsCommand(firewallFileInContainer(netnsName), supervised ? livenessSupervisorScript(spec.containers) : undefined),
    // Reading another user's /proc/<pid>/environ needs it when a spec container does not run as root.
    traceProcesses: supervised,
    networkAdmin: true,
    mounts: [...FIREWALL_MOUNTS, firewallMount(home)],
    tmpfs: FIREWALL_TMPFS,
    // With a readiness probe it starts on the network (an address the probe reaches) without the service's
    // DNS names, so no traffic reaches it before it is READY: the platform agent's readiness probing gives
    // them (services/readiness-monitor.ts). Without one, READY is running, and it carries them at once.
    network: { name: networks.internal, aliases: gated ? [] : serviceAliases(svc.dnsName) },
    // The bare service name resolves within the schema only (SPCS §6.1): through this search domain. A
    // name without a dot tries it first (ndots:1; Docker's own ndots:0 would try the bare name first and
    // wait out a lookup nobody answers on the internal network); `<name>.<hash>` and full names are aliases.
    dnsSearch: [schemaDnsDomain(svc.databaseName, svc.schemaName)],
    dnsOptions: ["ndots:1"],
    restart: "always",
    // SNOWFLAKE_HOST is the host's address on the internal network, where the SQL endpoint relays to itself.
    extraHosts: networks.internalGateway ? [`${SNOWFLAKE_HOST}:${networks.internalGateway}`] : undefined,
  });
  // A new block volume with initialContents.fromSnapshot starts as a copy of the snapshot, before any
  // container mounting it is created (creating one makes the volume, empty); one that exists (resume,
  // upgrade, repair) keeps what it holds, as SPCS re-attaches an instance's volumes.
  for (const v of spec.volumes) {
    const name = volumeName(home, k, instanceId, v.name);
    if (v.source === "block" && v.fromSnapshot && !(await docker.volumeExists(name))) await fillFromSnapshot(platform, resolveSnapshotName(v.fromSnapshot, k), name);
  }
  // Public endpoints are published by the service's ingress (ingress.ts), never by an instance. Egress:
  // the internal network has no route out; external access integrations add what their rules allow,
  // through the egress network, joined before the start so one pass of the firewall resolves the allowed
  // hosts there (Docker connects a created container); no spec container runs before the table is in.
  const { netns, allowed } = await withPlatformNetworks(platform, async (networks) => {
    const plan = firewallPlan(platform, svc, spec, networks);
    writeFirewallFile(home, netnsName, plan.script);
    return { netns: await docker.createContainer(netnsSpec(networks)), allowed: plan.allowed };
  });
  if (allowed.length) await withPlatformNetworks(platform, ({ egress }) => docker.connect(netns, egress, []));
  // Read only when a container uses secrets; then a store that cannot be read fails the instance (never empty values).
  const secretValues = spec.containers.some((c) => c.secrets?.length) ? readServiceSecrets(home, k) : {};
  const createSpecContainer = async (c: RuntimeSpec["containers"][number]): Promise<string> => {
    const pinned = svc.images[c.name];
    await docker.pullImage(pinned.pullRef);
    const { limits } = resolveContainerResources(c.resources, family);
    const mounts: Mount[] = [];
    const tmpfs: Record<string, string> = {};
    const token = c.mountSessionToken ? containerTokenMount(home, k, instanceId, platform.config.account, c) : undefined;
    if (token) mounts.push({ source: token.dir, target: c.sessionTokenPath, readOnly: true });
    for (const m of c.volumeMounts) {
      const vol = spec.volumes.find((v) => v.name === m.name);
      if (!vol) continue; // the spec validator rejects mounts of undeclared volumes
      if (vol.source === "memory") tmpfs[m.mountPath] = vol.size ? `size=${vol.size.replace(/i$/, "")}` : "";
      else if (vol.source === "stage") mounts.push({ source: stageVolumeDir(home, k, vol), target: m.mountPath });
      else mounts.push({ source: volumeName(home, k, instanceId, vol.name), target: m.mountPath });
    }
    const secretEnv: Record<string, string> = {};
    (c.secrets ?? []).forEach((s, index) => {
      const value = secretValues[s.objectName];
      if (!value) throw new SpcsError("secret-missing", `Service ${qualified(k)}: container ${c.name} uses Snowflake secret '${s.objectName}', which has no stored value.`, "give its value in the service's secrets and run pulumi up again");
      if (s.envVarName && s.secretKeyRef) secretEnv[s.envVarName] = value[SECRET_KEYS[s.secretKeyRef]] ?? "";
      if (s.directoryPath) mounts.push({ source: writeSecretFiles(home, k, instanceId, c.name, index, value), target: s.directoryPath, readOnly: true });
    });
    const id = await docker.createContainer({
      name: containerName(home, k, instanceId, c.name),
      image: pinned.pullRef,
      labels: labels(c.name),
      env: { ...injectedEnv(platform, k), ...(svc.isJob && jobEnv(svc, instanceId)), ...(supervised && { [CONTAINER_MARKER_ENV]: c.name }), ...token?.env, ...c.env, ...secretEnv },
      entrypoint: c.command,
      cmd: c.args,
      joinNetworkOf: netns,
      sharePidsWith: supervised ? netns : undefined,
      mounts,
      tmpfs,
      // Limits above what this machine has are capped to it, like limits above node capacity in SPCS.
      memoryBytes: Math.min(limits.memoryBytes, os.totalmem()),
      cpuMilli: Math.min(limits.cpuMilli, os.cpus().length * 1000),
      // SPCS restarts service containers whatever their exit code, and never restarts a job's.
      restart: svc.isJob ? "never" : "always",
    });
    return id;
  };
  // The spec containers are created while the network container starts: Docker checks the container
  // whose network and processes they join when they start, not when they are created. None starts
  // before the network container has printed that its table is loaded (exactly the egress the
  // integrations allow, and only the endpoints inbound); if its script fails the create fails with the
  // script's words. Every step is let finish before a failure is thrown, so the drop that follows finds all it made.
  const [ready, ...created] = await Promise.allSettled([
    (async () => {
      const started = await docker.startUntilLine(netns, FIREWALL_APPLIED_LINE, FIREWALL_TIMEOUT_MS);
      if (!started.seen) throw firewallFailed(svc, started);
    })(),
    ...spec.containers.map(createSpecContainer),
  ]);
  const failed = [ready, ...created].find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  for (const r of created) await docker.startContainer((r as PromiseFulfilledResult<string>).value);
}

/**
 * How long an instance that left the service's DNS names keeps serving before SIGTERM: connections that
 * resolved it a moment before it left, and requests in flight, finish. SPCS's own delay is not documented.
 */
export const DRAIN_MS = 1000;

/**
 * Stops (SIGTERM, then SIGKILL after the grace period) and removes an instance's containers and local
 * volumes. The instance leaves the service's DNS names first, so no new request reaches a terminating
 * instance. `drain` (an instance replaced or scaled away while the service keeps serving): it keeps its
 * address for DRAIN_MS, so requests already on their way to it are answered; without it (the whole
 * service stops) it leaves the network at once.
 */
export async function removeInstance(platform: Platform, k: ServiceKey, instanceId: number, spec: RuntimeSpec, opts: { keepBlockVolumes?: boolean; drain?: boolean; exited?: boolean } = {}): Promise<void> {
  const { home } = platform.config;
  const docker = platform.docker;
  const netns = netnsContainerName(home, k, instanceId);
  // `exited`: every spec container has ended (a finished job): nothing serves or runs, so there is no
  // name to leave first and nothing to stop; removing the network container takes its names with it.
  if (!opts.exited) {
    const network = await docker.networkId(platformNetworkName(home));
    if (network && opts.drain && (await docker.inspectContainer(netns))) {
      await drainInstance(platform, k, instanceId);
      await new Promise((r) => setTimeout(r, DRAIN_MS));
    } else if (network) {
      await docker.disconnect(netns, network);
    }
    await Promise.all(spec.containers.map((c) => docker.stopContainer(containerName(home, k, instanceId, c.name), TERMINATION_GRACE_SECONDS)));
  }
  // The containers' last lines go to the event table before their logs go with them (a job's end, a
  // drop, an upgrade). An export that fails must not keep an instance alive: the lines are lost then.
  const row = platform.catalog.services.get(k);
  if (row) await exportContainerLogs(platform, row, [instanceId], spec).catch(() => 0);
  await Promise.all(spec.containers.map((c) => docker.removeContainer(containerName(home, k, instanceId, c.name))));
  await docker.removeContainer(netns);
  removeFirewallFile(home, netns);
  for (const v of spec.volumes) {
    if (v.source === "local" || (v.source === "block" && !opts.keepBlockVolumes)) await docker.removeVolume(volumeName(home, k, instanceId, v.name));
  }
  removeReadiness(home, k, instanceId);
}

/** A directoryPath secret: one file per key (`username`, `password`, `secret_string`), as SPCS writes them. */
function writeSecretFiles(home: string, k: ServiceKey, instanceId: number, container: string, index: number, value: SecretValue): string {
  const dir = secretFilesDir(home, k, instanceId, container, index);
  fs.rmSync(dir, { recursive: true, force: true });
  ownerOnlyDir(path.join(home, "secrets"));
  ownerOnlyDir(dir);
  for (const [file, field] of Object.entries(SECRET_KEYS)) {
    const v = value[field];
    if (v !== undefined) fs.writeFileSync(path.join(dir, file), v, { mode: 0o600 });
  }
  return dir;
}

/** The environment SPCS injects into every service container. */
export function injectedEnv(platform: Platform, k: ServiceKey): Record<string, string> {
  return {
    SNOWFLAKE_ACCOUNT: platform.config.account,
    SNOWFLAKE_HOST: SNOWFLAKE_HOST,
    SNOWFLAKE_PORT: String(SNOWFLAKE_PORT),
    SNOWFLAKE_DATABASE: k.database,
    SNOWFLAKE_SCHEMA: k.schema,
    SNOWFLAKE_SERVICE_NAME: k.name,
  };
}

/** What SPCS adds for job replicas (reference §4.3); set for every job, REPLICAS or not (a documented choice). */
export function jobEnv(svc: Pick<ServiceRow, "minInstances">, instanceId: number): Record<string, string> {
  return { SNOWFLAKE_JOB_INDEX: String(instanceId), SNOWFLAKE_JOBS_COUNT: String(svc.minInstances) };
}

/** What a dropped service leaves under the home besides its secrets: its session token. Stage files are the stage's and stay. */
export function removeServiceFiles(home: string, k: ServiceKey): void {
  fs.rmSync(sessionTokenDir(home, qualified(k)), { recursive: true, force: true });
  removeReadiness(home, k);
}
