import { SpcsError } from "../../common/errors";
import { managedLabels } from "../../common/labels";
import type { ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { Mount } from "../../runtime/container-runtime";
import { baseImageRepo } from "../../model/platform-images";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { egressNetworkName, platformNetworkName, qualified } from "../../model/service-naming";
import { allowedEgress } from "../external-access-integrations/allowed-egress";
import type { HostPort } from "../network-rules/host-port";
import { egressFirewallScript } from "./egress-firewall-script";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { withPlatformNetworks, type PlatformNetworks } from "./platform-networks";
import { writeFirewallFile } from "./firewall-file";

/** How long an instance's firewall may take to load (its allowed hosts resolve within it). */
export const FIREWALL_TIMEOUT_MS = 30_000;

/**
 * What loading the table needs besides NET_ADMIN: the engine host's iptables, under /host, read-only;
 * iptables-legacy takes a lock under /run, so /host/run is the container's own, and the host's stays untouched.
 */
export const FIREWALL_MOUNTS: Mount[] = [{ source: "/", target: "/host", readOnly: true }];
export const FIREWALL_TMPFS: Record<string, string> = { "/host/run": "" };

/**
 * An instance's filter (SPCS §6.1 inbound, §6.3 egress; egress-firewall-script.ts), from what is known
 * before its network container starts: the platform network's subnet and gateway, the spec's endpoints,
 * the service's integrations. `allowed` empty: the instance stays off the egress network (no route out).
 */
export function firewallPlan(platform: Platform, svc: ServiceRow, spec: Pick<RuntimeSpec, "endpoints">, networks: PlatformNetworks): { script: string; allowed: HostPort[] } {
  const allowed = allowedEgress(platform, svc.externalAccessIntegrations);
  const ports = [...new Set(spec.endpoints.map((e) => (e.portRange ? e.portRange.replace("-", ":") : String(e.port))))];
  if (!networks.internalSubnet) throw new SpcsError("egress-firewall", `Service ${nameOf(svc)}: the platform network has no subnet to allow.`, "remove the platform's networks (spcs platform down, then up) so they are made again");
  return { allowed, script: egressFirewallScript(networks.internalSubnet, allowed, { platform: networks.internalGateway, ports }) };
}

/** The error of an instance whose table could not be loaded, with what the script said. */
export function firewallFailed(svc: ServiceRow, how: { exitCode?: number; timedOut: boolean; stdout: string; stderr: string }): SpcsError {
  const ended = how.timedOut ? `timed out after ${FIREWALL_TIMEOUT_MS / 1000}s` : `exit ${how.exitCode ?? "unknown"}`;
  return new SpcsError("egress-firewall", `Service ${nameOf(svc)}: the network rules (endpoints, egress) could not be applied to an instance (${ended}): ${(how.stderr || how.stdout).trim().slice(-500)}`, "the Docker engine's host needs iptables (Docker uses it too); check `docker info` for iptables warnings");
}

/**
 * Live re-application: ALTER SERVICE ... SET EXTERNAL_ACCESS_INTEGRATIONS, ALTER EXTERNAL ACCESS
 * INTEGRATION and ALTER NETWORK RULE give every running instance exactly what the integrations now allow,
 * without a restart (an instance gets its table at start from its own network container, instance-runner.ts).
 *
 * A short-lived helper container in the instance's namespace loads the table. Joining the egress network
 * happens after the new table is in (no moment of open egress) and the table is loaded again then, when the
 * allowed hosts resolve on the egress network. The instance's script file is rewritten first, so a later
 * restart of its network container loads the new table too (firewall-file.ts).
 */
export async function enforceEgress(platform: Platform, svc: ServiceRow, netnsContainer: string): Promise<void> {
  const { home } = platform.config;
  const netns = await platform.docker.inspectContainer(netnsContainer);
  if (!netns) return; // gone meanwhile: whoever starts it again gets the table then
  const joined = egressNetworkName(home) in netns.networkAddresses;
  const leave = () => withPlatformNetworks(platform, ({ egress }) => platform.docker.disconnect(netns.id, egress));
  if (!netns.networkAddresses[platformNetworkName(home)]) {
    if (joined && allowedEgress(platform, svc.externalAccessIntegrations).length === 0) await leave();
    return; // leaving the service (removeInstance): it never rejoins
  }
  const spec = readRuntimeSpec(svc);
  const { allowed, script } = await withPlatformNetworks(platform, async (networks) => {
    const plan = firewallPlan(platform, svc, spec, networks);
    // The file first: a restart of the network container from now on loads this table too.
    writeFirewallFile(home, netnsContainer, plan.script);
    await runFirewall(platform, svc, netns.id, plan.script);
    return plan;
  });
  if (allowed.length === 0) {
    if (joined) await leave();
    return;
  }
  if (joined) return;
  await withPlatformNetworks(platform, ({ egress }) => platform.docker.connect(netns.id, egress, []));
  // The same script again: its host names resolve on the egress network now.
  await runFirewall(platform, svc, netns.id, script);
}

async function runFirewall(platform: Platform, svc: ServiceRow, netnsId: string, script: string): Promise<void> {
  const result = await platform.docker.runToCompletion({
    image: `${baseImageRepo(platform.config)}:latest`,
    labels: managedLabels(platform.config.home, "egress-firewall", nameOf(svc)),
    entrypoint: [""],
    cmd: ["sh", "-c", script],
    joinNetworkOf: netnsId,
    networkAdmin: true,
    mounts: FIREWALL_MOUNTS,
    tmpfs: FIREWALL_TMPFS,
    timeoutMs: FIREWALL_TIMEOUT_MS,
  });
  if (result.exitCode !== 0) throw firewallFailed(svc, result);
}

const nameOf = (svc: ServiceRow) => qualified({ database: svc.databaseName, schema: svc.schemaName, name: svc.name });
