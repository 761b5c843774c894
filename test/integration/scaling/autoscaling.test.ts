import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { platformTuningFile } from "../../../provider/common/home-layout";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { stageHostPath } from "../../../provider/model/stage-location";
import { createService, describeService, dropService, awaitServiceReady, type ServiceDefinition, type ServiceDescription } from "../../../provider/statements/services";
import { describePool } from "../../../provider/statements/compute-pools";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const GIB = 1024 ** 3;
/** The load switch: a file on a stage every instance mounts; while it exists each instance spins its CPU. */
const LOAD_STAGE = { database: "APP_DB", schema: "PUBLIC", stage: "LOAD", folder: [] as string[] };

/** An HTTP server that also burns CPU (a busy shell loop, up to its 0.2 cpu limit) while /load/on exists. */
const spec = (memoryBytes: number): RuntimeSpec => ({
  containers: [{
    name: "web", image: APP_IMAGE, command: ["sh", "-c"],
    args: ["mkdir -p /www && echo ok > /www/index.html && httpd -p 8080 -h /www && while :; do if [ -f /load/on ]; then while [ -f /load/on ]; do :; done; else sleep 0.2; fi; done"],
    env: {}, resources: { requests: { cpuMilli: 50, memoryBytes }, limits: { cpuMilli: 200 } }, volumeMounts: [{ name: "load", mountPath: "/load" }],
    mountSessionToken: false, sessionTokenPath: "/snowflake/session", readinessProbe: { port: 8080, path: "/index.html", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: false, protocol: "HTTP" }],
  volumes: [{ name: "load", source: "stage", stage: "@APP_DB.PUBLIC.LOAD" }],
});

/**
 * CPU-based autoscaling between MIN_INSTANCES and MAX_INSTANCES, run by the platform agent of the test's
 * own platform (the real one `platform up` starts) against the engine's CPU measurements: load drives a
 * service up to MAX_INSTANCES, the end of the load brings it back to MIN_INSTANCES, and a pool without
 * room stops it short. The delays are the platform home's tuning (1 s up, 3 s down) so the test is short.
 */
describe("integration: CPU autoscaling between MIN_INSTANCES and MAX_INSTANCES", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const def = (name: string, pool: string, memoryBytes: number): ServiceDefinition => ({
    key: key(name), computePool: pool, spec: spec(memoryBytes), specDigest: "d", minInstances: 1, maxInstances: 3, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
  });
  const loadFile = () => path.join(stageHostPath(tp.config.home, LOAD_STAGE), "on");
  const rows = async (name: string) => (await describeService(tp.platform, key(name))) as ServiceDescription;
  const settle = async (name: string, want: (d: ServiceDescription) => boolean, seconds: number): Promise<ServiceDescription> => {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      const d = await rows(name);
      if (want(d)) return d;
      if (Date.now() > end) assert.fail(`${name} did not get there in ${seconds} s: ${d.instances.map((i) => `${i.instanceId}:${i.status}`).join(" ")} (target ${d.targetInstances})\n${fs.readFileSync(path.join(tp.config.home, "log", "agent.log"), "utf8").slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const readyIds = (d: ServiceDescription) => d.instances.filter((i) => i.status === "READY").map((i) => i.instanceId);

  before(async function () {
    tp = await startTestPlatform("it-autoscaling");
    fs.writeFileSync(platformTuningFile(tp.config.home), JSON.stringify({ autoscaling: { scaleUpDelaySecs: 1, scaleDownDelaySecs: 3 } }));
    seedPool(tp, "ROOMY", 1);
    seedPool(tp, "TIGHT", 1); // CPU_X64_XS: 6 GiB, so two instances of 2.5 GiB at most
    await seedAppImage(tp);
  });
  after(async function () {
    fs.rmSync(loadFile(), { force: true });
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, key(s.name), { ifExists: true });
    await tp?.dispose();
  });

  it("stays at MIN_INSTANCES while idle, scales to MAX_INSTANCES under load (new instances READY), and back when the load ends", async function () {
    await createService(tp.platform, def("BUSY", "ROOMY", 0.25 * GIB));
    await createService(tp.platform, def("CRAMPED", "TIGHT", 2.5 * GIB));
    await awaitServiceReady(tp.platform, key("BUSY"), 60);
    await awaitServiceReady(tp.platform, key("CRAMPED"), 60);
    // Idle for several scale-up delays: nothing asks for more instances.
    await new Promise((r) => setTimeout(r, 4000));
    let d = await rows("BUSY");
    assert.deepEqual([d.instances.length, d.currentInstances, d.targetInstances], [1, 1, 1]);

    const loadedAt = Date.now();
    fs.mkdirSync(path.dirname(loadFile()), { recursive: true });
    fs.writeFileSync(loadFile(), "");
    d = await settle("BUSY", (x) => readyIds(x).length === 3, 90);
    console.log(`      (3 instances READY ${Date.now() - loadedAt} ms after the load started)`);
    assert.deepEqual(readyIds(d), ["0", "1", "2"]);
    assert.deepEqual([d.status, d.currentInstances, d.targetInstances, d.maxInstances], ["RUNNING", 3, 3, 3]);

    // The tight pool has room for two: the autoscaler stops there instead of leaving one PENDING.
    const cramped = await settle("CRAMPED", (x) => readyIds(x).length === 2, 60);
    await new Promise((r) => setTimeout(r, 3000));
    assert.deepEqual((await rows("CRAMPED")).instances.map((i) => [i.instanceId, i.status]), [["0", "READY"], ["1", "READY"]]);
    assert.equal(cramped.targetInstances, 2);
    assert.equal(describePool(tp.platform, "TIGHT")?.activeNodes, 1);

    const stoppedAt = Date.now();
    fs.rmSync(loadFile());
    d = await settle("BUSY", (x) => x.instances.length === 1, 90);
    console.log(`      (back to 1 instance ${Date.now() - stoppedAt} ms after the load ended)`);
    assert.deepEqual(d.instances.map((i) => [i.instanceId, i.status]), [["0", "READY"]]);
    assert.deepEqual([d.status, d.currentInstances, d.targetInstances, d.minInstances], ["RUNNING", 1, 1, 1]);
    await settle("CRAMPED", (x) => x.instances.length === 1, 60);
  });
});
