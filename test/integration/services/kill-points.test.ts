import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LABEL_NAME, LABEL_SPEC_DIGEST, homeFilter } from "../../../provider/common/labels";
import { containerName } from "../../../provider/model/service-naming";
import type { FaultPoint } from "../../../provider/common/fault-points";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { alterService, createService, dropService, resumeService, suspendService, type ServiceDefinition } from "../../../provider/statements/services";
import { seedAppImage, seedPool, APP_IMAGE } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const CHILD = path.resolve(__dirname, "../../support/kill-point-child.js");

/**
 * Kill points (issue 13, item 9): a process killed (SIGKILL) between a catalog write and the engine work
 * that follows it, in create, upgrade, suspend and drop; the next statement converges and nothing is leaked: no
 * container, no volume, no catalog row, no secrets file.
 */
describe("integration: kill points between catalog writes and engine work", function () {
  let tp: TestPlatform;
  const spec: RuntimeSpec = {
    containers: [{
      name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ['echo "$PW" > /pw; exec sleep 3600'], env: {}, resources: {}, volumeMounts: [],
      mountSessionToken: true, sessionTokenPath: "/snowflake/session", secrets: [{ objectName: "S", envVarName: "PW", secretKeyRef: "secret_string" }],
    }],
    endpoints: [],
    volumes: [],
  };
  const def = (name: string): ServiceDefinition => ({
    key: { database: "APP_DB", schema: "PUBLIC", name }, computePool: "KILL_POOL", spec, specDigest: `d-${name}`,
    minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
    secrets: { S: { secretString: "v1" } },
  });

  before(async function () {
    tp = await startTestPlatform("it-kill-points");
    seedPool(tp, "KILL_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  /** Runs one statement in a child process armed to die at `point`; asserts it was killed there. */
  function killedAt(point: FaultPoint, op: string, d: ServiceDefinition): void {
    const run = spawnSync(process.execPath, [CHILD, JSON.stringify({ config: tp.config, op, def: d })], { env: { ...process.env, SPCS_KILL_AT: point }, encoding: "utf8", timeout: 120_000 });
    assert.equal(run.signal, "SIGKILL", `expected the child to die at ${point}; status ${run.status}, stderr ${run.stderr}`);
  }

  /** What the engine and the home still hold of one service. */
  async function leftovers(name: string): Promise<string[]> {
    const prefix = `app_db.public.${name.toLowerCase()}`;
    const containers = (await tp.platform.docker.listContainers(homeFilter(tp.config.home))).filter((c) => c.name.includes(prefix)).map((c) => `container ${c.name}`);
    const volumes = (await tp.platform.docker.listVolumes(homeFilter(tp.config.home))).filter((v) => (v.labels[LABEL_NAME] ?? v.name).toLowerCase().includes(name.toLowerCase())).map((v) => `volume ${v.name}`);
    const row = tp.platform.catalog.services.get({ database: "APP_DB", schema: "PUBLIC", name }) ? [`row ${name}`] : [];
    const files = [path.join(tp.config.home, "secrets", `${prefix}.json`), path.join(tp.config.home, "secrets", "files", prefix), path.join(tp.config.home, "session-tokens", prefix)].filter((f) => fs.existsSync(f)).map((f) => `file ${f}`);
    return [...containers, ...volumes, ...row, ...files];
  }

  for (const point of ["create:catalog-written", "create:instances-started"] as const) {
    it(`create killed at ${point}: the next drop leaves nothing, and a create then runs`, async function () {
      const name = point === "create:catalog-written" ? "K_CREATE_A" : "K_CREATE_B";
      killedAt(point, "create", def(name));
      assert.ok((await leftovers(name)).includes(`row ${name}`), "the kill left the PENDING row behind");
      assert.equal(await dropService(tp.platform, def(name).key, { ifExists: true }), true);
      assert.deepEqual(await leftovers(name), []);
      await createService(tp.platform, def(name));
      assert.equal((await awaitServiceReady(tp.platform, def(name).key, 60)).status, "RUNNING");
      await dropService(tp.platform, def(name).key);
      assert.deepEqual(await leftovers(name), []);
    });
  }

  it("suspend killed after SUSPENDING is written: the next suspend finishes, resume runs, drop leaves nothing", async function () {
    const name = "K_SUSPEND";
    await createService(tp.platform, def(name));
    await awaitServiceReady(tp.platform, def(name).key, 60);
    killedAt("suspend:catalog-written", "suspend", def(name));
    assert.equal(tp.platform.catalog.services.get(def(name).key)!.status, "SUSPENDING");
    await suspendService(tp.platform, def(name).key);
    assert.equal(tp.platform.catalog.services.get(def(name).key)!.status, "SUSPENDED");
    assert.deepEqual((await leftovers(name)).filter((l) => l.startsWith("container")), []);
    await resumeService(tp.platform, def(name).key);
    assert.equal((await awaitServiceReady(tp.platform, def(name).key, 60)).status, "RUNNING");
    await dropService(tp.platform, def(name).key);
    assert.deepEqual(await leftovers(name), []);
  });

  it("upgrade killed after the new spec is recorded: the next ALTER with that spec finishes the upgrade", async function () {
    const name = "K_UPGRADE";
    await createService(tp.platform, def(name));
    await awaitServiceReady(tp.platform, def(name).key, 60);
    const v2: ServiceDefinition = { ...def(name), specDigest: `d2-${name}`, spec: { ...spec, containers: [{ ...spec.containers[0], args: ['echo "v2 $PW"; exec sleep 3600'] }] } };
    killedAt("upgrade:catalog-written", "upgrade", v2);
    assert.equal(tp.platform.catalog.services.get(def(name).key)!.isUpgrading, true);
    await alterService(tp.platform, def(name).key, { spec: { spec: v2.spec, specDigest: v2.specDigest }, readyTimeoutSeconds: 60 });
    const row = tp.platform.catalog.services.get(def(name).key)!;
    assert.equal(row.isUpgrading, false);
    assert.deepEqual(tp.platform.catalog.services.instances(def(name).key).map((i) => i.specDigest), [v2.specDigest]);
    const main = await tp.platform.docker.inspectContainer(containerName(tp.config.home, def(name).key, 0, "main"));
    assert.equal(main?.labels[LABEL_SPEC_DIGEST], v2.specDigest, "the container runs the new specification");
    await dropService(tp.platform, def(name).key);
    assert.deepEqual(await leftovers(name), []);
  });

  for (const point of ["drop:catalog-written", "drop:containers-removed"] as const) {
    it(`drop killed at ${point}: the next drop finishes its clean-up (no plaintext secrets left)`, async function () {
      const name = point === "drop:catalog-written" ? "K_DROP_A" : "K_DROP_B";
      await createService(tp.platform, def(name));
      await awaitServiceReady(tp.platform, def(name).key, 60);
      killedAt(point, "drop", def(name));
      const left = await leftovers(name);
      assert.ok(left.includes(`row ${name}`) && left.some((l) => l.endsWith(".json")), `the kill left the DELETING row and the secrets: ${left}`);
      assert.equal(tp.platform.catalog.services.get(def(name).key)!.status, "DELETING");
      assert.equal(await dropService(tp.platform, def(name).key, { ifExists: true }), true);
      assert.deepEqual(await leftovers(name), []);
    });
  }
});
