import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import type { Platform } from "../../../../provider/platform/platform";
import type { ServiceRow } from "../../../../provider/catalog/service-store";
import type { ContainerInfo } from "../../../../provider/runtime/container-runtime";
import { ReadinessMonitor } from "../../../../provider/objects/services/readiness-monitor";
import { readReadiness } from "../../../../provider/objects/workloads/readiness-record";
import { netnsContainerName, platformNetworkName, serviceDnsName } from "../../../../provider/model/service-naming";
import { writeRuntimeSpec } from "../../../../provider/model/stored-runtime-spec";

const key = { database: "DB", schema: "S", name: "SVC" };

/**
 * The monitor against a real HTTP server on 127.0.0.1 (the "instance") and a stand-in engine that keeps
 * the network container's aliases: what the monitor probes, when, and when it changes the DNS names.
 */
describe("readiness monitor", function () {
  let home: string;
  let server: http.Server;
  let status = 200;
  let probes = 0;
  let aliases: string[] = [];
  const rejoins: string[][] = [];
  let monitor: ReadinessMonitor;
  let instanceDigest = "d1";

  before(async function () {
    server = http.createServer((_, res) => {
      probes++;
      res.writeHead(status).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  after(() => server.close());

  beforeEach(function () {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "readiness-"));
    status = 200;
    probes = 0;
    aliases = [];
    rejoins.length = 0;
    instanceDigest = "d1";
    const port = (server.address() as AddressInfo).port;
    const spec = { containers: [{ name: "web", image: "x", env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/s", readinessProbe: { port, path: "/ready", periodSeconds: 2, failureThreshold: 3 } }], endpoints: [], volumes: [] };
    const svc = { databaseName: "DB", schemaName: "S", name: "SVC", isJob: false, status: "RUNNING", dnsName: serviceDnsName(key), specDigest: "d1", spec: writeRuntimeSpec(spec) } as unknown as ServiceRow;
    const network = platformNetworkName(home);
    const netns = (): ContainerInfo => ({ id: "netns-1", running: true, networkAddresses: { [network]: "127.0.0.1" }, networkAliases: { [network]: [...aliases] } }) as unknown as ContainerInfo;
    const platform = {
      config: { home },
      catalog: { services: { list: () => [svc], instances: () => [{ instanceId: 0, nodeId: "1", specDigest: instanceDigest }] } },
      docker: {
        inspectContainer: async (name: string) => (name === netnsContainerName(home, key, 0) || name === "netns-1" ? netns() : undefined),
        networkId: async () => "net",
        disconnect: async () => undefined,
        connect: async (_c: string, _n: string, a: string[]) => {
          aliases = a;
          rejoins.push(a);
        },
      },
    } as unknown as Platform;
    monitor = new ReadinessMonitor(platform);
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const admitted = () => aliases.includes(serviceDnsName(key));
  const verdict = () => readReadiness(home, key, 0, "netns-1")?.ready.web;

  it("admits an instance at its first passing probe, and records the verdict DESCRIBE reads", async function () {
    status = 404;
    await monitor.tick(0);
    assert.equal(admitted(), false);
    assert.equal(verdict(), false);
    status = 200;
    await monitor.tick(100); // not due yet: starting instances are probed every 0.25 s
    assert.equal(probes, 1);
    await monitor.tick(500);
    assert.equal(admitted(), true);
    assert.equal(verdict(), true);
    assert.deepEqual(rejoins, [[serviceDnsName(key), serviceDnsName(key).split(".").slice(0, 2).join("."), `instances.${serviceDnsName(key)}`]]);
  });

  it("probes every periodSeconds, and takes the instance out only after failureThreshold failures in a row", async function () {
    await monitor.tick(0);
    assert.equal(admitted(), true);
    status = 500;
    await monitor.tick(1000); // not due: periodSeconds is 2
    assert.equal(probes, 1);
    await monitor.tick(2000);
    await monitor.tick(4000);
    assert.equal(admitted(), true, "two failures: still in rotation");
    assert.equal(verdict(), true);
    status = 200;
    await monitor.tick(6000); // a pass resets the count
    status = 500;
    await monitor.tick(8000);
    await monitor.tick(10000);
    assert.equal(admitted(), true);
    await monitor.tick(12000);
    assert.equal(admitted(), false, "third failure in a row: out of rotation");
    assert.equal(verdict(), false);
    status = 200;
    await monitor.tick(14000);
    assert.equal(admitted(), true, "back at the first pass");
    assert.equal(probes, 8);
    assert.equal(rejoins.length, 3, "names change only at transitions");
  });

  it("leaves an instance that still runs the previous spec (mid-upgrade) alone: the new spec's probe is not its own", async function () {
    aliases = [serviceDnsName(key)];
    instanceDigest = "d0";
    status = 404;
    for (let t = 0; t <= 10_000; t += 250) await monitor.tick(t);
    assert.equal(probes, 0);
    assert.equal(admitted(), true);
  });
});
