import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { containerName } from "../../../provider/model/service-naming";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { alterService, createService, dropService, resumeService, suspendService, type ServiceDefinition } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** Secrets on the real engine (issue 13, item 8): rotation while suspending, failing closed, owner-only files. */
describe("integration: secret values on the platform", function () {
  let tp: TestPlatform;
  const spec: RuntimeSpec = {
    containers: [{
      name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ['echo "env=$PW file=$(cat /sec/secret_string)"; exec sleep 3600'], env: {}, resources: {}, volumeMounts: [],
      mountSessionToken: true, sessionTokenPath: "/snowflake/session",
      secrets: [{ objectName: "S", envVarName: "PW", secretKeyRef: "secret_string" }, { objectName: "S", directoryPath: "/sec" }],
    }],
    endpoints: [],
    volumes: [],
  };
  const def = (name: string, value: string): ServiceDefinition => ({
    key: { database: "APP_DB", schema: "PUBLIC", name }, computePool: "SEC_POOL", spec, specDigest: `d-${name}`,
    minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
    secrets: { S: { secretString: value } },
  });
  const storeFile = (name: string) => path.join(tp.config.home, "secrets", `app_db.public.${name.toLowerCase()}.json`);
  /** What the container printed at its current start: the value it sees. */
  async function seen(name: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = await tp.platform.docker.containerLogs(containerName(tp.config.home, def(name, "").key, 0, "main"), 20).catch(() => "");
      const line = text.trim().split("\n").pop() ?? "";
      if (line.startsWith("env=") || Date.now() > deadline) return line;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  before(async function () {
    tp = await startTestPlatform("it-secrets");
    seedPool(tp, "SEC_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  it("a new secret value given with suspend in one ALTER reaches the container on resume", async function () {
    await createService(tp.platform, def("ROTATE", "old-value"));
    await awaitServiceReady(tp.platform, def("ROTATE", "").key, 60);
    assert.equal(await seen("ROTATE"), "env=old-value file=old-value");
    await alterService(tp.platform, def("ROTATE", "").key, { suspended: true, secrets: { S: { secretString: "new-value" } }, readyTimeoutSeconds: 60 });
    assert.equal(tp.platform.catalog.services.get(def("ROTATE", "").key)!.status, "SUSPENDED");
    await alterService(tp.platform, def("ROTATE", "").key, { suspended: false, secrets: { S: { secretString: "new-value" } }, readyTimeoutSeconds: 60 });
    await awaitServiceReady(tp.platform, def("ROTATE", "").key, 60);
    assert.equal(await seen("ROTATE"), "env=new-value file=new-value");
    await dropService(tp.platform, def("ROTATE", "").key);
  });

  it("every file that can hold a secret or a log is readable by its owner only", async function () {
    await createService(tp.platform, def("MODES", "m"));
    await awaitServiceReady(tp.platform, def("MODES", "").key, 60);
    const home = tp.config.home;
    const q = "app_db.public.modes";
    const expected: [string, number][] = [
      [home, 0o700],
      [path.join(home, "catalog.db"), 0o600], [path.join(home, "catalog.db-wal"), 0o600], [path.join(home, "catalog.db-shm"), 0o600],
      [path.join(home, "secrets"), 0o700], [storeFile("MODES"), 0o600],
      [path.join(home, "secrets", "files", q), 0o700], [path.join(home, "secrets", "files", q, "0", "main", "1"), 0o700], [path.join(home, "secrets", "files", q, "0", "main", "1", "secret_string"), 0o600],
      [path.join(home, "session-tokens"), 0o700], [path.join(home, "session-tokens", q), 0o700], [path.join(home, "session-tokens", q, "token"), 0o600],
      // The registry's daemon log, started by the test platform.
      [path.join(home, "log"), 0o700], [path.join(home, "log", "registry.log"), 0o600],
    ];
    const actual = expected.map(([f]) => [f, fs.statSync(f).mode & 0o777]);
    assert.deepEqual(actual, expected);
    await dropService(tp.platform, def("MODES", "").key);
  });

  it("a missing or corrupt secrets file fails the instance start with a clear message, never empty values", async function () {
    const key = def("CLOSED", "").key;
    await createService(tp.platform, def("CLOSED", "secret-1"));
    await awaitServiceReady(tp.platform, key, 60);
    for (const [what, damage] of [["missing", () => fs.rmSync(storeFile("CLOSED"))], ["corrupt", () => fs.writeFileSync(storeFile("CLOSED"), "hunter2 {")]] as const) {
      await suspendService(tp.platform, key);
      damage();
      const logged: string[] = [];
      const log = console.log;
      console.log = (...a: unknown[]) => void logged.push(a.join(" "));
      try {
        await resumeService(tp.platform, key);
      } finally {
        console.log = log;
      }
      assert.match(logged.join("\n"), /Service APP_DB\.PUBLIC\.CLOSED: the (values of its secrets cannot be read from|secrets file) .*closed\.json/, `${what}: ${logged}`);
      assert.doesNotMatch(logged.join("\n"), /hunter2/);
      const main = await tp.platform.docker.inspectContainer(containerName(tp.config.home, key, 0, "main"));
      assert.equal(main, undefined, `${what}: no container may start without its secrets`);
      fs.writeFileSync(storeFile("CLOSED"), JSON.stringify({ S: { secretString: "secret-1" } }), { mode: 0o600 });
    }
    await dropService(tp.platform, key);
  });
});
