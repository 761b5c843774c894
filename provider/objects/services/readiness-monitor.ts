import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { RuntimeContainer } from "../../model/runtime-spec";
import { netnsContainerName, platformNetworkName, qualified } from "../../model/service-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { applyReadiness } from "../workloads/instance-admission";
import { readReadiness } from "../workloads/readiness-record";

/** SPCS documents no probe timeout; Kubernetes' default is 1 s. */
const PROBE_TIMEOUT_MS = 1000;
/**
 * Until an instance's probe first passes it is probed this often (the agent's tick, or periodSeconds when
 * shorter): a new instance gets traffic within a quarter second of answering, not up to periodSeconds later.
 * SPCS probes every periodSeconds from the start; this only shortens the wait for the first READY.
 */
const STARTUP_PROBE_MS = 250;
const NOT_PROBED: readonly string[] = ["SUSPENDED", "SUSPENDING", "DELETING", "DELETED"];

interface ProbeState {
  /** Passing as SPCS counts it: a 200 since the instance started and fewer than failureThreshold failures since. */
  passing: boolean;
  everPassed: boolean;
  failures: number;
  nextAt: number;
}

interface InstanceState {
  netns: string;
  probes: Map<string, ProbeState>;
}

/**
 * Readiness as SPCS runs it, for every instance of every running service of one platform: each
 * container's readinessProbe is an HTTP GET every `periodSeconds` (only 200 passes); after
 * `failureThreshold` failures in a row the instance loses the service's DNS names, so neither the ingress
 * nor another service reaches it, until a probe passes again. The platform agent calls `tick` a few times
 * a second; an instance is looked at (one `inspect` of its network container, one GET per probe) only when
 * one of its probes is due. The counts live here; the verdict is recorded for DESCRIBE (readiness-record.ts).
 */
export class ReadinessMonitor {
  private readonly instances = new Map<string, InstanceState>();

  constructor(private readonly platform: Platform, private readonly log: (line: string) => void = () => undefined) {}

  async tick(now = Date.now()): Promise<void> {
    const seen = new Set<string>();
    const rounds: Promise<void>[] = [];
    for (const svc of this.platform.catalog.services.list()) {
      if (svc.isJob || NOT_PROBED.includes(svc.status)) continue;
      const probed = readRuntimeSpec(svc).containers.filter((c) => c.readinessProbe);
      if (probed.length === 0) continue;
      const key: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
      // An instance still running the previous spec (mid-upgrade) has that spec's probes, which the catalog
      // no longer holds: it is left as it is until the upgrade replaces it.
      for (const inst of this.platform.catalog.services.instances(key).filter((i) => i.nodeId && i.specDigest === svc.specDigest)) {
        const id = `${qualified(key)}/${inst.instanceId}`;
        seen.add(id);
        const state = this.instances.get(id);
        if (state && probed.every((c) => (state.probes.get(c.name)?.nextAt ?? 0) > now)) continue;
        rounds.push(this.round(svc, key, inst.instanceId, id, probed, now).catch((e) => this.log(`readiness of ${id}: ${(e as Error).message}`)));
      }
    }
    await Promise.all(rounds);
    for (const id of this.instances.keys()) if (!seen.has(id)) this.instances.delete(id);
  }

  /** Probes what is due on one instance and applies the verdict when it changed or the names disagree with it. */
  private async round(svc: ServiceRow, key: ServiceKey, instanceId: number, id: string, probed: RuntimeContainer[], now: number): Promise<void> {
    const { home } = this.platform.config;
    const netns = await this.platform.docker.inspectContainer(netnsContainerName(home, key, instanceId));
    const network = platformNetworkName(home);
    const address = netns?.networkAddresses[network];
    if (!netns?.running || !address) return; // starting, gone, or leaving the network
    const record = readReadiness(home, key, instanceId, netns.id);
    if (record?.terminating) return;
    const admitted = (netns.networkAliases[network] ?? []).includes(svc.dnsName);
    let state = this.instances.get(id);
    if (state?.netns !== netns.id) {
      // First sight of this instance (or of its replacement): it starts from what routing says now, so an
      // agent that restarts does not take a READY instance out of rotation before its threshold.
      const was = (c: string) => record?.ready[c] ?? admitted;
      state = { netns: netns.id, probes: new Map(probed.map((c) => [c.name, { passing: was(c.name), everPassed: was(c.name), failures: 0, nextAt: 0 }])) };
      this.instances.set(id, state);
    }
    const s = state;
    await Promise.all(probed.map(async (c) => {
      const p = s.probes.get(c.name)!;
      if (p.nextAt > now) return;
      const probe = c.readinessProbe!;
      if (await httpOk(`http://${address}:${probe.port}${probe.path}`)) {
        p.passing = p.everPassed = true;
        p.failures = 0;
      } else if (++p.failures >= probe.failureThreshold || !p.everPassed) {
        p.passing = false;
      }
      const period = probe.periodSeconds * 1000;
      p.nextAt = now + (p.everPassed ? period : Math.min(period, STARTUP_PROBE_MS));
    }));
    const ready = Object.fromEntries(probed.map((c) => [c.name, s.probes.get(c.name)!.passing]));
    const verdict = Object.values(ready).every(Boolean);
    if (JSON.stringify(ready) === JSON.stringify(record?.ready) && verdict === admitted) return;
    if (await applyReadiness(this.platform, key, svc.dnsName, instanceId, ready)) {
      this.log(`${id}: ${verdict ? "readiness probe passes: receives traffic" : "readiness probe is failing: out of rotation"}`);
    }
  }
}

/** A readiness probe: HTTP GET, and only 200 counts, as in SPCS. */
async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status === 200;
  } catch {
    return false;
  }
}
