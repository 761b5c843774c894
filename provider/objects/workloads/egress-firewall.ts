import { SpcsError } from "../../common/errors";
import { managedLabels } from "../../common/labels";
import type { ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { baseImageRepo } from "../../model/platform-images";
import { egressNetworkName, platformNetworkName, qualified } from "../../model/service-naming";
import { allowedEgress } from "../external-access-integrations/allowed-egress";
import type { HostPort } from "../network-rules/host-port";
import { egressFirewallScript, type InboundRules } from "./egress-firewall-script";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { platformNetworks, withPlatformNetworks } from "./platform-networks";

const FIREWALL_TIMEOUT_MS = 30_000;

/**
 * Gives one running instance exactly the egress its service's integrations allow (SPCS §6.3), and lets
 * connections in only on its spec's endpoints (§6.1; egress-firewall-script.ts).
 *
 * An instance with nothing allowed stays off the egress network: the internal network has no route out.
 * Otherwise the instance's namespace gets a default-drop filter allowing only the rules' host:port pairs
 * (egress-firewall-script.ts) and joins the egress network. The filter goes in before the instance joins,
 * so there is no moment of open egress, and again after, when the hosts resolve on the egress network.
 * Called at instance start and again, live, when the service's integrations, an integration or a rule
 * change: nothing restarts.
 */
export async function enforceEgress(platform: Platform, svc: ServiceRow, netnsContainer: string): Promise<void> {
  const { home } = platform.config;
  const allowed = allowedEgress(platform, svc.externalAccessIntegrations);
  const netns = await platform.docker.inspectContainer(netnsContainer);
  if (!netns) return; // gone meanwhile: whoever starts it again enforces egress then
  const joined = egressNetworkName(home) in netns.networkAddresses;
  const leave = () => withPlatformNetworks(platform, ({ egress }) => platform.docker.disconnect(netns.id, egress));
  const internal = netns.networkAddresses[platformNetworkName(home)];
  if (!internal) {
    if (allowed.length === 0 && joined) await leave();
    return; // leaving the service (removeInstance): it never rejoins
  }
  // Every instance gets the table, for its inbound half: only the spec's endpoints accept connections.
  const inbound = await inboundRules(platform, svc);
  await runFirewall(platform, svc, netns.id, internal, allowed, inbound);
  if (allowed.length === 0) {
    if (joined) await leave();
    return;
  }
  if (joined) return;
  await withPlatformNetworks(platform, ({ egress }) => platform.docker.connect(netns.id, egress, []));
  await runFirewall(platform, svc, netns.id, internal, allowed, inbound);
}

/** The spec's endpoint ports (SPCS admits only those) and the platform network's gateway, the prober. */
async function inboundRules(platform: Platform, svc: ServiceRow): Promise<InboundRules> {
  const ports = readRuntimeSpec(svc).endpoints.map((e) => (e.portRange ? e.portRange.replace("-", ":") : String(e.port)));
  return { platform: (await platformNetworks(platform)).internalGateway, ports: [...new Set(ports)] };
}

async function runFirewall(platform: Platform, svc: ServiceRow, netnsId: string, internal: string, allowed: HostPort[], inbound: InboundRules): Promise<void> {
  const name = qualified({ database: svc.databaseName, schema: svc.schemaName, name: svc.name });
  const result = await platform.docker.runToCompletion({
    image: `${baseImageRepo(platform.config)}:latest`,
    labels: managedLabels(platform.config.home, "egress-firewall", name),
    entrypoint: [""],
    cmd: ["sh", "-c", egressFirewallScript(internal, allowed, inbound)],
    joinNetworkOf: netnsId,
    networkAdmin: true,
    mounts: [{ source: "/", target: "/host", readOnly: true }],
    // iptables-legacy takes a lock under /run; the host's own stays untouched.
    tmpfs: { "/host/run": "" },
    timeoutMs: FIREWALL_TIMEOUT_MS,
  });
  if (result.exitCode !== 0) {
    throw new SpcsError("egress-firewall", `Service ${name}: the network rules (endpoints, egress) could not be applied to an instance (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(-500)}`, "the Docker engine's host needs iptables (Docker uses it too); check `docker info` for iptables warnings");
  }
}
