import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { SpcsError } from "../../common/errors";
import { poll } from "../../common/poll";
import { LABEL_CONTAINER, LABEL_INGRESS_CONFIG, LABEL_INGRESS_PORTS, LABEL_POOL, LABEL_SERVICE, managedLabels } from "../../common/labels";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { wakeDir } from "../../common/home-layout";
import { INGRESS_LISTENING, WAKE_MOUNT } from "./ingress-proxy/ingress-proxy-config";
import { CONFIG_MOUNT, haproxySetup, type HaproxySetup } from "./ingress-proxy/haproxy-config";
import { ensureIngressImage } from "./ingress-image";
import { ingressProxyConfig, ingressConfigDigest } from "./ingress-settings";
import { withPlatformNetworks } from "../workloads/platform-networks";
import type { RuntimeSpec } from "../../model/runtime-spec";
import type { Drift } from "../../model/drift";
import { isStopped } from "../../runtime/container-runtime";
import { isRuntimeError } from "../../runtime/runtime-error";
import { ingressContainerName, qualified } from "../../model/service-naming";

/** Endpoint port -> host port on 127.0.0.1. */
export type IngressPorts = Record<number, number>;

const LISTEN_TIMEOUT_MS = 15_000;
/** Attempts at publishing when a host port turns out to be taken (by a process that grabbed it meanwhile). */
const PUBLISH_ATTEMPTS = 3;

/**
 * The service's load-balanced ingress, SPCS's public endpoint: one platform-owned container per service
 * with public endpoints, running haproxy from Debian's packages (image from ingress-image.ts, configuration
 * from ingress-proxy/haproxy-config.ts, mounted from the platform home). It publishes each public
 * endpoint's port on 127.0.0.1 and sends every HTTP request to an instance under the service's DNS name,
 * which haproxy's resolver follows on Docker's DNS every 200 ms, so requests spread over the instances
 * that are READY (only those carry the name) and none goes to an instance that is leaving. It adds SPCS's
 * ingress headers, applies `corsSettings` and closes idle connections (ingress-settings.ts); with no
 * instance it asks for a resume and holds the request (ingress-proxy/ingress-lua.ts).
 * Its host ports are chosen once and kept in the platform home, so `ingressUrl` stays the same for the
 * service's life: upgrades, scaling, suspend and resume, repairs, and a change of its settings.
 *
 * Networks: it joins the egress network, because Docker publishes no port of a container that is only on
 * an internal network, and the internal platform network, where the instances are.
 */
export async function ensureIngress(platform: Platform, svc: ServiceRow, spec: RuntimeSpec): Promise<void> {
  const { home } = platform.config;
  const k: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const name = ingressContainerName(home, k);
  const ports = publicPorts(spec);
  if (ports.length === 0) return removeIngress(platform, k);
  const recorded = readIngressPorts(home, k);
  const wanted: IngressPorts = Object.fromEntries(ports.filter((p) => recorded[p]).map((p) => [p, recorded[p]]));
  const config = ingressProxyConfig(platform.config, svc, spec);
  const digest = ingressConfigDigest(config);
  const setup = haproxySetup(config); // bad settings fail here, before the running ingress goes
  const info = await platform.docker.inspectContainer(name);
  if (info && ports.every((p) => wanted[p]) && info.labels[LABEL_INGRESS_PORTS] === JSON.stringify(wanted) && info.labels[LABEL_SERVICE] === qualified(k) && info.labels[LABEL_INGRESS_CONFIG] === digest) {
    await platform.docker.startContainer(info.id); // stopped (suspended, or by hand): as it was
    return awaitListening(platform, name);
  }
  await platform.docker.removeContainer(name);
  const image = await ensureIngressImage(platform.docker);
  for (let attempt = 1; ; attempt++) {
    for (const p of ports) wanted[p] ??= await freeLoopbackPort();
    writeIngressPorts(home, k, wanted);
    try {
      await startIngressContainer(platform, svc, name, image, wanted, setup, digest);
      return;
    } catch (e) {
      await platform.docker.removeContainer(name);
      if (attempt >= PUBLISH_ATTEMPTS || !isRuntimeError(e, "port-in-use")) throw e;
      // A recorded port another process took while the ingress was away: a new one (the URL changes).
      for (const p of ports) if (!(await loopbackPortFree(wanted[p]))) delete wanted[p];
    }
  }
}

async function startIngressContainer(platform: Platform, svc: ServiceRow, name: string, image: string, ports: IngressPorts, setup: HaproxySetup, digest: string): Promise<void> {
  const k: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const configDir = writeConfigDir(platform.config.home, k, setup);
  const endpointPorts = Object.keys(ports).map(Number);
  await withPlatformNetworks(platform, async (networks) => {
    const id = await platform.docker.createContainer({
      name,
      image,
      labels: {
        ...managedLabels(platform.config.home, "service-ingress", qualified(k)),
        [LABEL_SERVICE]: qualified(k),
        [LABEL_CONTAINER]: "_ingress",
        [LABEL_POOL]: svc.computePool,
        [LABEL_INGRESS_PORTS]: JSON.stringify(ports),
        [LABEL_INGRESS_CONFIG]: digest,
      },
      env: setup.env,
      mounts: [
        { source: configDir, target: CONFIG_MOUNT, readOnly: true },
        // Where a request to a suspended service asks the platform agent to resume it (AUTO_RESUME).
        { source: ensureWakeDir(platform.config.home), target: WAKE_MOUNT },
      ],
      network: { name: networks.egress, aliases: [] },
      publish: endpointPorts,
      hostPorts: ports,
      restart: "always",
    });
    try {
      await platform.docker.connect(id, networks.internal, []);
    } catch (e) {
      await platform.docker.removeContainer(id); // the retry creates it again
      throw e;
    }
  });
  await platform.docker.startContainer(name);
  await awaitListening(platform, name);
}

/** The ingress's configuration folder in the platform home, written afresh (its container is gone by now). */
function writeConfigDir(home: string, k: ServiceKey, setup: HaproxySetup): string {
  const dir = configDir(home, k);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(setup.files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

function configDir(home: string, k: ServiceKey): string {
  return path.join(home, "ingress", `${qualified(k).toLowerCase()}.d`);
}

function ensureWakeDir(home: string): string {
  const dir = wakeDir(home);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Returns once the proxy listens on every port, so the URL answers as soon as it is handed out. */
async function awaitListening(platform: Platform, name: string): Promise<void> {
  await poll(async () => (await platform.docker.logsOfCurrentStart(name)).includes(INGRESS_LISTENING) || undefined, {
    intervalMs: 50,
    timeoutMs: LISTEN_TIMEOUT_MS,
    onTimeout: async () => new SpcsError("ingress-not-listening", `the ingress ${name} did not start listening within ${LISTEN_TIMEOUT_MS / 1000}s: ${(await platform.docker.containerLogs(name, 20)).trim()}`),
  });
}

/** Suspend: the ingress stops (its container and ports are kept for the resume). */
export async function stopIngress(platform: Platform, k: ServiceKey): Promise<void> {
  await platform.docker.stopContainer(ingressContainerName(platform.config.home, k), 1);
}

/** Drop: the ingress container and its recorded ports go. */
export async function removeIngress(platform: Platform, k: ServiceKey): Promise<void> {
  await platform.docker.removeContainer(ingressContainerName(platform.config.home, k));
  fs.rmSync(portsFile(platform.config.home, k), { force: true });
  fs.rmSync(configDir(platform.config.home, k), { recursive: true, force: true });
}

/** What differs from a running ingress publishing the spec's public ports; empty when as deployed. */
export async function ingressDrift(platform: Platform, svc: ServiceRow, spec: RuntimeSpec): Promise<Drift[]> {
  const k: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const ports = publicPorts(spec);
  if (ports.length === 0) return [];
  const info = await platform.docker.inspectContainer(ingressContainerName(platform.config.home, k));
  if (!info) return [{ kind: "ingress-removed" }];
  const out: Drift[] = [];
  if (isStopped(info)) out.push({ kind: "ingress-stopped" });
  if (info.labels[LABEL_INGRESS_PORTS] !== JSON.stringify(readIngressPorts(platform.config.home, k))) out.push({ kind: "ingress-ports-changed" });
  // Settings (corsSettings, executeAsCaller, the platform's user) changed since it was made: a repair
  // remakes it on the same ports. An ingress of an older release (no digest) counts too.
  else if (info.labels[LABEL_INGRESS_CONFIG] !== ingressConfigDigest(ingressProxyConfig(platform.config, svc, spec))) out.push({ kind: "ingress-settings-changed" });
  return out;
}

/** `127.0.0.1:<host port>` per public endpoint port, as recorded when the ingress was made. */
export function ingressAddresses(home: string, k: ServiceKey): Record<number, string> {
  return Object.fromEntries(Object.entries(readIngressPorts(home, k)).map(([p, hp]) => [Number(p), `127.0.0.1:${hp}`]));
}

function publicPorts(spec: RuntimeSpec): number[] {
  return [...new Set(spec.endpoints.filter((e) => e.public && e.port !== undefined).map((e) => e.port!))].sort((a, b) => a - b);
}

function portsFile(home: string, k: ServiceKey): string {
  return path.join(home, "ingress", `${qualified(k).toLowerCase()}.json`);
}

function readIngressPorts(home: string, k: ServiceKey): IngressPorts {
  try {
    return JSON.parse(fs.readFileSync(portsFile(home, k), "utf8")) as IngressPorts;
  } catch {
    return {};
  }
}

function writeIngressPorts(home: string, k: ServiceKey, ports: IngressPorts): void {
  fs.mkdirSync(path.dirname(portsFile(home, k)), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(ports).sort(([a], [b]) => Number(a) - Number(b)));
  fs.writeFileSync(portsFile(home, k), JSON.stringify(sorted));
}

/** A port of 127.0.0.1 nothing listens on now, as the kernel hands out ephemeral ports. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function loopbackPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
