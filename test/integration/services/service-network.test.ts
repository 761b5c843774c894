import assert from "node:assert/strict";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { schemaDnsHash } from "../../../provider/model/service-naming";
import { awaitServiceReady, createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";
import { fetchLine, runInInstance } from "../../support/instance-shell";

/** Answers its schema's name on 8080 (a declared endpoint) and "undeclared" on 9090 (not declared). */
const echo = (schema: string): RuntimeSpec => ({
  containers: [{
    name: "main", image: APP_IMAGE, command: ["sh", "-c"],
    args: [`mkdir -p /a /b && echo ${schema} > /a/id.txt && echo undeclared > /b/id.txt && httpd -p 9090 -h /b && exec httpd -f -p 8080 -h /a`],
    env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
  }],
  endpoints: [{ name: "api", port: 8080, public: false, protocol: "HTTP" }],
  volumes: [],
});

const sleeper: RuntimeSpec = {
  containers: [{ name: "main", image: APP_IMAGE, command: ["sleep", "3600"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" }],
  endpoints: [],
  volumes: [],
};

/**
 * Service-to-service networking as SPCS scopes it (reference §6.1): two schemas each hold a service ECHO
 * and a service CLIENT of the same names. The bare name resolves within the schema only,
 * `<name>.<hash>` and the full name across schemas, and only declared endpoints accept connections.
 */
describe("integration: service DNS names and endpoints", function () {
  let tp: TestPlatform;
  const keys = ["S1", "S2"].flatMap((schema) => ["ECHO", "CLIENT"].map((name) => ({ database: "APP_DB", schema, name })));
  const [echo1, client1, echo2, client2] = keys;
  const hash2 = () => schemaDnsHash("APP_DB", "S2");

  before(async function () {
    tp = await startTestPlatform("it-svcnet");
    seedPool(tp, "NET_POOL", 2);
    await seedAppImage(tp);
    const common = { computePool: "NET_POOL", specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null };
    for (const k of keys) await createService(tp.platform, { ...common, key: k, spec: k.name === "ECHO" ? echo(k.schema) : sleeper });
    for (const k of keys) await awaitServiceReady(tp.platform, k, 60);
  });
  after(async function () {
    for (const k of keys) await dropService(tp.platform, k, { ifExists: true });
    await tp?.dispose();
  });

  it("resolves the bare name within the schema, so same-named services of two schemas never cross-talk", async function () {
    const bare = `${fetchLine("http://echo:8080/id.txt")}; ${fetchLine("http://echo:8080/id.txt")}; ${fetchLine("http://echo:8080/id.txt")}`;
    assert.deepEqual((await runInInstance(tp, client1, 0, bare)).trim().split("\n"), ["S1", "S1", "S1"]);
    assert.deepEqual((await runInInstance(tp, client2, 0, bare)).trim().split("\n"), ["S2", "S2", "S2"]);
  });

  it("reaches another schema's service by <name>.<hash> and by its full name", async function () {
    const out = await runInInstance(tp, client1, 0, [
      fetchLine(`http://echo.${hash2()}:8080/id.txt`),
      fetchLine(`http://echo.${hash2()}.svc.spcs.internal:8080/id.txt`),
      `nslookup instances.echo.${hash2()}.svc.spcs.internal >/dev/null 2>&1 && echo resolves || echo ERR`,
    ].join("; "));
    assert.deepEqual(out.trim().split("\n"), ["S2", "S2", "resolves"]);
  });

  it("accepts connections on declared endpoints only; an undeclared port is unreachable from another service", async function () {
    const out = await runInInstance(tp, client1, 0, [fetchLine("http://echo:8080/id.txt"), fetchLine("http://echo:9090/id.txt"), fetchLine(`http://echo.${hash2()}:9090/id.txt`)].join("; "));
    assert.deepEqual(out.trim().split("\n"), ["S1", "ERR", "ERR"]);
    // Inside the instance the port is there: containers of one instance talk over localhost.
    assert.equal((await runInInstance(tp, echo1, 0, fetchLine("http://127.0.0.1:9090/id.txt"))).trim(), "undeclared");
    // The other instance's echo answers its own undeclared port on localhost too; only the network is filtered.
    assert.equal((await runInInstance(tp, echo2, 0, fetchLine("http://127.0.0.1:9090/id.txt"))).trim(), "undeclared");
  });
});
