import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { homeFilter } from "../../../provider/common/labels";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/statements/services";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, dropService, type ServiceDefinition } from "../../../provider/statements/services";
import { seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const GIB = 1024 ** 3;

function container(name: string, script: string, extra: Partial<RuntimeContainer> = {}): RuntimeContainer {
  return { name, image: "/app_db/public/images/busybox:1", command: ["sh", "-c"], args: [script], env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session", ...extra };
}
const web = (port: number, body: string) => `mkdir -p /www && echo "${body}" > /www/index.html && exec httpd -f -p ${port} -h /www`;

describe("integration: services on the real engine and registry", function () {
  let tp: TestPlatform;
  const def = (name: string, spec: RuntimeSpec, over: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
    key: { database: "APP_DB", schema: "PUBLIC", name }, computePool: "SVC_POOL", spec, specDigest: "d-" + name,
    minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null, ...over,
  });

  before(async function () {
    tp = await startTestPlatform("it-services");
    seedPool(tp, "SVC_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  it("runs an instance whose containers share localhost, answers on its public endpoint, and reports SPCS statuses", async function () {
    const spec: RuntimeSpec = {
      containers: [
        container("backend", web(9000, "from-backend")),
        container("frontend", `mkdir -p /www && until wget -qO /www/backend.txt http://localhost:9000/; do sleep 0.2; done; echo "$SNOWFLAKE_SERVICE_NAME $SNOWFLAKE_DATABASE" >> /www/backend.txt; test -r /snowflake/session/token && echo token-ok >> /www/backend.txt; exec httpd -f -p 8080 -h /www`, {
          readinessProbe: { port: 8080, path: "/backend.txt", periodSeconds: 1, failureThreshold: 3 },
        }),
      ],
      endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
      volumes: [],
    };
    await createService(tp.platform, def("ECHO_SERVICE", spec));
    const d = await awaitServiceReady(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "ECHO_SERVICE" }, 60);
    assert.equal(d.status, "RUNNING");
    assert.match(d.dnsName, /^echo-service\.[a-z0-9]{4}\.svc\.spcs\.internal$/);
    assert.deepEqual(d.containers.map((c) => [c.containerName, c.status, c.message]), [["backend", "READY", "Running"], ["frontend", "READY", "Running"]]);
    assert.match(d.containers[0].imageDigest, /^sha256:/);
    const ingress = d.endpoints[0].ingressUrl;
    assert.match(ingress!, /^127\.0\.0\.1:\d+$/);
    const text = await (await fetch(`http://${ingress}/backend.txt`)).text();
    assert.equal(text, "from-backend\nECHO_SERVICE APP_DB\ntoken-ok\n");
  });

  it("other services reach it by its DNS name and by its short name", async function () {
    const d = (await describeService(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "ECHO_SERVICE" }))!;
    const spec: RuntimeSpec = {
      containers: [container("client", `(wget -qO- http://${d.dnsName}:8080/backend.txt; wget -qO- http://echo-service:8080/backend.txt) > /www.txt; mkdir /w; cp /www.txt /w/index.html; exec httpd -f -p 8081 -h /w`, {
        readinessProbe: { port: 8081, path: "/index.html", periodSeconds: 1, failureThreshold: 3 },
      })],
      endpoints: [{ name: "web", port: 8081, public: true, protocol: "HTTP" }],
      volumes: [],
    };
    await createService(tp.platform, def("CLIENT", spec, { }));
    const c = await awaitServiceReady(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "CLIENT" }, 60);
    assert.equal(await (await fetch(`http://${c.endpoints[0].ingressUrl}/index.html`)).text(), "from-backend\nECHO_SERVICE APP_DB\ntoken-ok\n".repeat(2));
  });

  it("keeps an instance PENDING 'Pending scheduling.' while the pool is full, and starts it when capacity frees", async function () {
    // Two CPU_X64_XS nodes (1 vCPU each): ECHO_SERVICE (two 0.5 vCPU containers) fills node-1, CLIENT takes
    // half of node-2, so an instance requesting a whole vCPU must wait.
    const whole = container("main", web(8080, "waited"), { resources: { requests: { cpuMilli: 1000 } } });
    await createService(tp.platform, def("WAITER", { containers: [whole], endpoints: [], volumes: [] }));
    const waiting = (await describeService(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "WAITER" }))!;
    assert.equal(waiting.status, "PENDING");
    assert.deepEqual([waiting.containers[0].status, waiting.containers[0].message], ["PENDING", "Pending scheduling."]);
    await dropService(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "CLIENT" });
    const ready = await awaitServiceReady(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "WAITER" }, 60);
    assert.equal(ready.status, "RUNNING");
  });

  it("refuses a service that could never fit the pool, with SPCS's reason, creating nothing", async function () {
    const big = container("big", "sleep 1", { resources: { requests: { cpuMilli: 2000, memoryBytes: GIB } } });
    await assert.rejects(createService(tp.platform, def("TOO_BIG", { containers: [big], endpoints: [], volumes: [] })), /Unschedulable due to insufficient resources: one instance requests cpu=2/);
    assert.equal(tp.platform.catalog.services.get({ database: "APP_DB", schema: "PUBLIC", name: "TOO_BIG" }), undefined);
  });

  it("names a missing image and creates nothing", async function () {
    const bad = container("main", "true", { image: "/app_db/public/images/nope:1" });
    await assert.rejects(createService(tp.platform, def("BAD_IMAGE", { containers: [bad], endpoints: [], volumes: [] })), /Failed to pull image: '\/app_db\/public\/images\/nope:1' does not exist in image repository APP_DB.PUBLIC.IMAGES/);
    assert.equal(tp.platform.catalog.services.get({ database: "APP_DB", schema: "PUBLIC", name: "BAD_IMAGE" }), undefined);
  });

  it("fails fast on a crash loop with the container's last log lines, and drop removes everything", async function () {
    await dropService(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "WAITER" });
    const crash = container("main", "echo starting up; echo cannot open /config.yaml >&2; exit 3");
    await createService(tp.platform, def("CRASHER", { containers: [crash], endpoints: [], volumes: [] }));
    await assert.rejects(awaitServiceReady(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "CRASHER" }, 120), (e: Error) => {
      assert.match(e.message, /container main of instance 0 is in a crash loop \(restarted \d+ times, last exit code 3\)/);
      assert.match(e.message, /\| cannot open \/config.yaml/);
      return true;
    });
    for (const s of tp.platform.catalog.services.list()) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name });
    const filter = homeFilter(tp.config.home);
    assert.deepEqual(await tp.platform.docker.listContainers(filter), []);
    assert.deepEqual(await tp.platform.docker.listNetworks(filter), []);
    assert.deepEqual(await tp.platform.docker.listVolumes(filter), []);
  });
});

describe("integration: compute pools with services", function () {
  let tp: TestPlatform;
  before(async function () {
    tp = await startTestPlatform("it-pool-services");
    seedPool(tp, "BUSY_POOL", 3);
    await seedAppImage(tp);
  });
  after(async function () {
    await dropService(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "WORKER" }, { ifExists: true });
    await tp?.dispose();
  });

  it("SHOW COMPUTE POOLS counts services and active nodes, and DROP fails while services run, naming them", async function () {
    const { describePool, dropPool } = await import("../../../provider/objects/compute-pools/compute-pools");
    const spec: RuntimeSpec = { containers: [container("main", web(8080, "w"), { resources: { requests: { cpuMilli: 1000 } } })], endpoints: [], volumes: [] };
    await createService(tp.platform, { key: { database: "APP_DB", schema: "PUBLIC", name: "WORKER" }, computePool: "BUSY_POOL", spec, specDigest: "d", minInstances: 2, maxInstances: 2, minReadyInstances: 2, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    await awaitServiceReady(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "WORKER" }, 60);
    const pool = describePool(tp.platform, "BUSY_POOL")!;
    assert.deepEqual([pool.state, pool.numServices, pool.activeNodes, pool.targetNodes, pool.idleNodes], ["ACTIVE", 1, 2, 2, 0]);
    assert.throws(() => dropPool(tp.platform, "BUSY_POOL"), /Cannot drop compute pool BUSY_POOL because it has services: APP_DB.PUBLIC.WORKER/);
    await dropService(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "WORKER" });
    assert.deepEqual([describePool(tp.platform, "BUSY_POOL")!.state, describePool(tp.platform, "BUSY_POOL")!.activeNodes], ["IDLE", 0]);
    assert.equal(dropPool(tp.platform, "BUSY_POOL"), true);
  });
});

describe("integration: service suspend and resume", function () {
  let tp: TestPlatform;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "NAPPER" };
  before(async function () {
    tp = await startTestPlatform("it-suspend");
    seedPool(tp, "NAP_POOL", 1);
    await seedAppImage(tp);
  });
  after(async function () {
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("suspends (no containers, capacity freed, digest kept) and resumes from the pinned digest even after the tag moved", async function () {
    const { suspendService, resumeService } = await import("../../../provider/objects/services/service-lifecycle");
    const { describePool } = await import("../../../provider/objects/compute-pools/compute-pools");
    const spec: RuntimeSpec = { containers: [container("main", web(8080, "v1"), { readinessProbe: { port: 8080, path: "/index.html", periodSeconds: 1, failureThreshold: 3 } })], endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }], volumes: [] };
    await createService(tp.platform, { key, computePool: "NAP_POOL", spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    const before = await awaitServiceReady(tp.platform, key, 60);

    await suspendService(tp.platform, key);
    const suspended = (await describeService(tp.platform, key))!;
    assert.equal(suspended.status, "SUSPENDED");
    assert.deepEqual([suspended.instances, suspended.containers], [[], []]);
    assert.ok(suspended.suspendedOn);
    // Only the service's ingress is left, on the same port, and listening: with AUTO_RESUME a request to it
    // resumes the service (auto-resume.test.ts).
    const left = await tp.platform.docker.listContainers(homeFilter(tp.config.home));
    assert.deepEqual(left.map((c) => c.labels["com.pulumi-spcs.container"]), ["_ingress"]);
    assert.equal((await tp.platform.docker.inspectContainer(left[0].id))!.running, true);
    assert.equal(suspended.endpoints[0].ingressUrl, before.endpoints[0].ingressUrl);
    assert.equal(describePool(tp.platform, "NAP_POOL")!.activeNodes, 0);

    // Move the tag to another image: a resume must not pick it up (only an upgrade re-resolves tags).
    const repo = `${tp.config.registry}/app_db/public/images/busybox`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-other-image-"));
    fs.writeFileSync(path.join(dir, "marker"), "another image\n");
    await tp.platform.docker.importImage(spawn("tar", ["-C", dir, "-c", "."]).stdout, repo, "1", []);
    await tp.platform.docker.pushImage(repo, "1");
    fs.rmSync(dir, { recursive: true, force: true });
    const moved = await tp.platform.registry.resolve("app_db/public/images/busybox", "1");
    assert.notEqual(moved!.digest, before.containers[0].imageDigest, "the tag now points at another image");

    await resumeService(tp.platform, key);
    const resumed = await awaitServiceReady(tp.platform, key, 60);
    assert.equal(resumed.status, "RUNNING");
    assert.equal(resumed.containers[0].imageDigest, before.containers[0].imageDigest);
    assert.ok(resumed.resumedOn);
    assert.equal(resumed.endpoints[0].ingressUrl, before.endpoints[0].ingressUrl, "the ingress URL survives suspend and resume");
    assert.equal(await (await fetch(`http://${resumed.endpoints[0].ingressUrl}/index.html`)).text(), "v1\n");
  });
});
