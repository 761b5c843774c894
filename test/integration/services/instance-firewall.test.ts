import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { homeFilter, LABEL_SERVICE, managedLabels } from "../../../provider/common/labels";
import { baseImageRepo } from "../../../provider/model/platform-images";
import { containerName, netnsContainerName, qualified } from "../../../provider/model/service-naming";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { compareStamps } from "../../../provider/objects/event-table/export-logs";
import { FIREWALL_APPLIED_LINE } from "../../../provider/objects/workloads/netns-command";
import { platformNetworks } from "../../../provider/objects/workloads/platform-networks";
import { createIntegration } from "../../../provider/statements/external-access-integrations";
import { alterNetworkRule, createNetworkRule } from "../../../provider/statements/network-rules";
import { awaitServiceReady, createService, dropService } from "../../../provider/statements/services";
import { runInInstance } from "../../support/instance-shell";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const web: RuntimeSpec = {
  containers: [{ name: "main", image: APP_IMAGE, command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" }],
  endpoints: [{ name: "web", port: 8080, public: false, protocol: "HTTP" }],
  volumes: [],
};

/** nc's last line connecting to host:8080 from inside the instance: the HTTP status line, or its error. */
const connect = (host: string) => `printf 'GET /hello.txt HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${host} 8080 2>&1 | head -n 1`;

/**
 * An instance's network container loads the instance's firewall itself, as the first thing it does at
 * every start (from the script file live changes rewrite), and only then do its spec containers start
 * (netns-command.ts, instance-runner.ts, firewall-file.ts).
 * "Outside" is two httpd containers the test makes on the platform's egress network.
 */
describe("integration: an instance's network container applies its own firewall", function () {
  let tp: TestPlatform;
  const outside: string[] = [];
  const open = { database: "APP_DB", schema: "PUBLIC", name: "FW_OPEN" };
  const broken = { database: "APP_DB", schema: "PUBLIC", name: "FW_BROKEN" };
  const common = { computePool: "FW_POOL", specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, queryWarehouse: null, comment: null };

  before(async function () {
    tp = await startTestPlatform("it-instance-firewall");
    seedPool(tp, "FW_POOL", 2);
    await seedAppImage(tp);
    const { egress } = await platformNetworks(tp.platform);
    for (const h of ["a", "b"]) {
      const id = await tp.platform.docker.createContainer({
        name: `spcs-test-fw-outside-${h}-${Date.now()}`, image: `${baseImageRepo(tp.config)}:latest`, labels: managedLabels(tp.config.home, "service-container", `test-fw-outside-${h}`),
        cmd: ["sh", "-c", `mkdir -p /www && echo hello-${h} > /www/hello.txt && exec httpd -f -p 8080 -h /www`],
        network: { name: egress, aliases: [`fw-outside-${h}.example.test`] },
      });
      outside.push(id);
      await tp.platform.docker.startContainer(id);
    }
    await createNetworkRule(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "FW_A" }, { valueList: ["fw-outside-a.example.test:8080"] });
    await createIntegration(tp.platform, "FW_A_EAI", { allowedNetworkRules: ["app_db.public.fw_a"], enabled: true });
  });
  after(async function () {
    for (const k of [open, broken]) await dropService(tp.platform, k, { ifExists: true });
    for (const id of outside) await tp.platform.docker.removeContainer(id);
    await tp?.dispose();
  });

  it("starts the spec containers only after the table is in, and a restarted network container loads it again", async function () {
    await createService(tp.platform, { ...common, key: open, spec: web, externalAccessIntegrations: ["FW_A_EAI"] });
    await awaitServiceReady(tp.platform, open, 60);
    const netns = netnsContainerName(tp.config.home, open, 0);
    const applied = async () => (await tp.platform.docker.logLinesAfter(netns, undefined)).filter((l) => l.stream === "stdout" && l.text === FIREWALL_APPLIED_LINE);
    const [line] = await applied();
    const app = await tp.platform.docker.inspectContainer(containerName(tp.config.home, open, 0, "main"));
    assert.ok(line && app?.startedAt, "the network container printed the line and the app started");
    assert.ok(compareStamps(line.time, app.startedAt) <= 0, `the app started (${app.startedAt}) after the table was in (${line.time})`);
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-a.example.test")), /200 OK/);
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-b.example.test")), /timed out/);

    // A restart makes a new namespace (Docker keeps its networks): the command loads the table again.
    const restart = async (times: number) => {
      await tp.platform.docker.stopContainer(netns, 1);
      await tp.platform.docker.startContainer(netns);
      for (let i = 0; i < 100 && (await applied()).length < times; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal((await applied()).length, times, "the line again after the restart");
    };
    await restart(2);
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-a.example.test")), /200 OK/);
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-b.example.test")), /timed out/, "denied egress is still dropped after the restart");

    // A live change reloads the table, and a restart after it loads the new table, not the create's.
    await alterNetworkRule(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "FW_A" }, { valueList: ["fw-outside-b.example.test:8080"] });
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-a.example.test")), /timed out/);
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-b.example.test")), /200 OK/);
    await restart(3);
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-a.example.test")), /timed out/, "what the rule no longer allows stays dropped after a restart");
    assert.match(await runInInstance(tp, open, 0, connect("fw-outside-b.example.test")), /200 OK/);
  });

  it("gives a spec container that shares the network container's processes (liveness) no way to the host's files it mounts", async function () {
    const key = { database: "APP_DB", schema: "PUBLIC", name: "FW_PIDS" };
    // Lists every process it sees, and tries the host's root the network container has at /host.
    const script = "sleep 1; for p in /proc/[0-9]*; do echo \"$p :: $(ls $p/root/host/etc/hostname 2>&1)\"; done; echo listed; mkdir -p /w; echo ok > /w/ok; exec httpd -f -p 8080 -h /w";
    const spec: RuntimeSpec = { ...web, containers: [{ ...web.containers[0], command: ["sh", "-c", script], livenessProbe: { port: 8080, path: "/ok", periodSeconds: 5, failureThreshold: 3 } }] };
    await createService(tp.platform, { ...common, key, spec, externalAccessIntegrations: null });
    try {
      const app = containerName(tp.config.home, key, 0, "main");
      let logs = "";
      for (let i = 0; i < 100 && !logs.includes("listed"); i++, await new Promise((r) => setTimeout(r, 100))) logs = await tp.platform.docker.containerLogs(app, 200);
      const tried = logs.split("\n").filter((l) => l.includes(" :: "));
      assert.ok(tried.filter((l) => /Permission denied/.test(l)).length >= 2, `the network container's processes are visible, and refused:\n${logs}`);
      assert.deepEqual(tried.filter((l) => !/Permission denied|No such file/.test(l)), [], "no process's /host is readable");
    } finally {
      await dropService(tp.platform, key, { ifExists: true });
    }
  });

  it("fails a create whose network rules cannot be used, naming the entry, and leaves nothing behind", async function () {
    // CREATE NETWORK RULE refuses '999.1.1.1' now (host-port.ts); a rule stored before that did not (an
    // older catalog) must fail the create before any container, not reach the firewall.
    await createNetworkRule(tp.platform, { database: "APP_DB", schema: "PUBLIC", name: "FW_BAD" }, { valueList: ["10.1.1.1:443"] });
    tp.platform.catalog.networkRules.update("APP_DB", "PUBLIC", "FW_BAD", { valueList: ["999.1.1.1:443"] });
    await createIntegration(tp.platform, "FW_BAD_EAI", { allowedNetworkRules: ["app_db.public.fw_bad"], enabled: true });
    await assert.rejects(createService(tp.platform, { ...common, key: broken, spec: web, externalAccessIntegrations: ["FW_BAD_EAI"] }), /Invalid value '999\.1\.1\.1:443' in VALUE_LIST of network rule APP_DB\.PUBLIC\.FW_BAD: not an IPv4 address/);
    assert.equal(tp.platform.catalog.services.get(broken), undefined);
    assert.deepEqual(await tp.platform.docker.listContainers([...homeFilter(tp.config.home), `${LABEL_SERVICE}=${qualified(broken)}`]), []);
    assert.deepEqual(fs.readdirSync(path.join(tp.config.home, "firewall")).filter((f) => f.includes("fw_broken")), [], "no firewall script left");
  });
});
