/**
 * The ingress against a direct connection to the service's instance, in one run on one machine: the same
 * client (Node's http with a keep-alive agent, as a browser keeps its connection) asks the same busybox
 * httpd for a small file (latency per request; the paths take turns request by request) and a 100 MiB
 * file (throughput; downloads alternate), so both paths see the same machine load. The direct path is the instance's address
 * on the platform network (the host routes to it); the ingress path is the service's `ingressUrl`:
 * Docker's port proxy on 127.0.0.1, the ingress (haproxy), then the instance.
 *
 *     node dist/bench/ingress/ingress-bench.js      # one JSON line per measurement
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { benchResult, type BenchResult } from "../bench-result";
import { managedLabels } from "../../provider/common/labels";
import type { Platform } from "../../provider/platform/platform";
import { ensureIngressImage } from "../../provider/objects/services/ingress-image";
import { CONFIG_MOUNT, HAPROXY_CFG, HAPROXY_OPTIONS, HAPROXY_TUNING } from "../../provider/objects/services/ingress-proxy/haproxy-config";
import { withPlatformNetworks } from "../../provider/objects/workloads/platform-networks";
import type { RuntimeSpec } from "../../provider/model/runtime-spec";
import { netnsContainerName, platformNetworkName } from "../../provider/model/service-naming";
import { awaitServiceReady } from "../../provider/objects/services/await-service-ready";
import { createService, dropService } from "../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../test/support/service-fixtures";
import { startTestPlatform } from "../../test/support/test-platform";

const BIG_MB = 100;
const DOWNLOADS = 8;
const REQUESTS = 800;

const spec: RuntimeSpec = {
  containers: [{
    name: "web", image: APP_IMAGE, command: ["sh", "-c"],
    args: [`mkdir -p /www && echo hello > /www/small.txt && dd if=/dev/zero of=/www/big bs=1M count=${BIG_MB} 2>/dev/null && touch /www/ready && exec httpd -f -p 8080 -h /www`],
    env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/ready", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
};

export async function runIngressBench(): Promise<BenchResult[]> {
  const tp = await startTestPlatform("bench-ingress");
  const key = { database: "APP_DB", schema: "PUBLIC", name: "INGRESS_BENCH" };
  try {
    seedPool(tp, "BENCH_POOL", 1);
    await seedAppImage(tp);
    await createService(tp.platform, { key, computePool: "BENCH_POOL", spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    const d = await awaitServiceReady(tp.platform, key, 120);
    const netns = await tp.platform.docker.inspectContainer(netnsContainerName(tp.config.home, key, 0));
    const instance = netns!.networkAddresses[platformNetworkName(tp.config.home)];
    const relay = await startRelay(tp.platform, instance);
    const paths = { ingress: `http://${d.endpoints[0].ingressUrl}`, direct: `http://${instance}:8080`, relay };
    return await measure(paths);
  } finally {
    await tp.platform.docker.removeContainer(relayName(tp.config.home));
    await dropService(tp.platform, key, { ifExists: true });
    await tp.dispose();
  }
}

const relayName = (home: string) => `pulumi-spcs-bench-relay-${path.basename(home)}`;
/** A byte relay: what any proxy in the ingress's place costs at least (no HTTP parsing, no headers, no lookups). */
const relayConfig = (instance: string) => `global
${HAPROXY_TUNING}
defaults
  mode tcp
${HAPROXY_OPTIONS}
  timeout connect 5s
  timeout client 60s
  timeout server 60s
listen relay
  bind :8080
  server instance ${instance}:8080
`;

/**
 * The floor: a bare TCP relay in the ingress's place (haproxy in TCP mode, the same image and networks,
 * published by Docker on 127.0.0.1 the same way) in front of the same instance. Returns its URL.
 */
async function startRelay(platform: Platform, instance: string): Promise<string> {
  const image = await ensureIngressImage(platform.docker);
  const port = await freePort();
  const name = relayName(platform.config.home);
  const dir = path.join(platform.config.home, "bench-relay");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, HAPROXY_CFG), relayConfig(instance));
  await platform.docker.removeContainer(name);
  await withPlatformNetworks(platform, async (networks) => {
    const id = await platform.docker.createContainer({
      name, image, labels: managedLabels(platform.config.home, "service-ingress", name),
      mounts: [{ source: dir, target: CONFIG_MOUNT, readOnly: true }],
      network: { name: networks.egress, aliases: [] }, publish: [8080], hostPorts: { 8080: port },
    });
    await platform.docker.connect(id, networks.internal, []);
  });
  await platform.docker.startContainer(name);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await get(url, "/small.txt", undefined);
      return url;
    } catch (e) {
      if (i >= 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function measure(paths: { ingress: string; direct: string; relay: string }): Promise<BenchResult[]> {
  const agents = { ingress: new http.Agent({ keepAlive: true }), direct: new http.Agent({ keepAlive: true }) };
  const latency = { ingress: [] as number[], direct: [] as number[] };
  const fresh = { ingress: [] as number[], direct: [] as number[] };
  const relayed = { ingress: [] as number[], direct: [] as number[] };
  const rate = { ingress: [] as number[], direct: [] as number[] };
  const relayRate = { ingress: [] as number[], direct: [] as number[] };
  for (const side of ["ingress", "direct"] as const) for (let i = 0; i < 20; i++) await get(paths[side], "/small.txt", agents[side]); // warm-up
  // Request by request, the paths take turns: a burst of load elsewhere on the machine hits both alike.
  for (let i = 0; i < REQUESTS; i++) {
    for (const side of ["ingress", "direct"] as const) latency[side].push((await get(paths[side], "/small.txt", agents[side])).ms);
    if (i % 4) continue;
    for (const side of ["ingress", "direct"] as const) fresh[side].push((await get(paths[side], "/small.txt", undefined)).ms);
    relayed.ingress.push((await get(paths.relay, "/small.txt", undefined)).ms);
  }
  for (let round = 0; round < DOWNLOADS; round++) {
    for (const side of round % 2 ? (["direct", "ingress"] as const) : (["ingress", "direct"] as const)) {
      const big = await get(paths[side], "/big", agents[side]);
      if (big.bytes !== BIG_MB * 1024 * 1024) throw new Error(`${side}: read ${big.bytes} bytes of /big`);
      rate[side].push(big.bytes / 1e6 / (big.ms / 1000));
    }
    const viaRelay = await get(paths.relay, "/big", undefined);
    relayRate.ingress.push(viaRelay.bytes / 1e6 / (viaRelay.ms / 1000));
  }
  relayRate.direct = rate.direct;
  agents.ingress.destroy();
  agents.direct.destroy();
  const result = (bench: string, unit: string, values: { ingress: number[]; direct: number[] }, note: string): BenchResult => benchResult(bench, unit, median(values.ingress), median(values.direct), note);
  return [
    result("ingress.latency", "ms", latency, `median of ${REQUESTS} sequential GETs of a 6-byte file, client keeps its connection, vs the same straight to the instance; goal <= 1.5`),
    result("ingress.latency.new-connection", "ms", fresh, `median of ${REQUESTS / 4} GETs each on a new connection, vs the same straight to the instance`),
    // A rate: higher is better, the goal is a ratio >= 0.8.
    result("ingress.throughput", "MB/s", rate, `median of ${DOWNLOADS} downloads of ${BIG_MB} MiB, vs the same straight to the instance; higher is better, goal >= 0.8`),
    result("ingress.floor.throughput", "MB/s", relayRate, `the floor: ${DOWNLOADS} downloads of ${BIG_MB} MiB through the bare TCP relay (Docker's port proxy, then haproxy in TCP mode), vs the same straight to the instance`),
    result("ingress.floor.latency.new-connection", "ms", { ingress: relayed.ingress, direct: fresh.direct }, "the floor: a bare TCP relay (haproxy in TCP mode, no HTTP) in the ingress's place, each GET on a new connection, vs the same straight to the instance"),
  ];
}

function get(base: string, path: string, agent: http.Agent | undefined): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(`${base}${path}`, { agent: agent ?? false }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => (res.statusCode === 200 ? resolve({ ms: performance.now() - t0, bytes }) : reject(new Error(`${base}${path}: HTTP ${res.statusCode}`))));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}


if (require.main === module) {
  runIngressBench().then(
    (results) => results.forEach((r) => console.log(JSON.stringify(r))),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
