import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { CliContext } from "../../../provider/cli/cli-context";
import { printLogs } from "../../../provider/cli/logs-command";
import { runSpcs } from "../../support/spcs-cli";
import {
  SHOW_ENDPOINTS_NARROW,
  SHOW_SERVICES_NARROW,
  SHOW_SERVICE_CONTAINERS_NARROW,
  SHOW_SERVICE_INSTANCES_NARROW,
  SHOW_ENDPOINTS_COLUMNS,
  SHOW_SERVICES_COLUMNS,
  SHOW_SERVICE_CONTAINERS_COLUMNS,
  SHOW_SERVICE_INSTANCES_COLUMNS,
} from "../../../provider/cli/service-commands";
import { sqlColumnName } from "../../../provider/cli/table";
import { LABEL_SERVICE, homeFilter } from "../../../provider/common/labels";
import type { ServiceKey } from "../../../provider/catalog/service-store";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/objects/services/describe-service";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { platformEnv, startTestPlatform, type TestPlatform } from "../../support/test-platform";

const REPO_ROOT = path.resolve(__dirname, "../../../..");
const ECHO: ServiceKey = { database: "APP_DB", schema: "PUBLIC", name: "ECHO_SERVICE" };
const TICKER: ServiceKey = { database: "APP_DB", schema: "PUBLIC", name: "TICKER" };
const SIDECAR_LINES = 150;

function container(name: string, script: string, extra: Partial<RuntimeContainer> = {}): RuntimeContainer {
  return { name, image: APP_IMAGE, command: ["sh", "-c"], args: [script], env: {}, resources: { requests: { cpuMilli: 250 } }, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session", ...extra };
}

async function create(tp: TestPlatform, key: ServiceKey, spec: RuntimeSpec): Promise<void> {
  await createService(tp.platform, {
    key, computePool: "CLI_POOL", spec, specDigest: "d-" + key.name,
    minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: "cli test",
  });
}

/** The cells of a table's rows by header, e.g. [{ NAME: "ECHO_SERVICE", ... }]. */
function tableRows(out: string): Record<string, string>[] {
  const lines = out.trimEnd().split("\n");
  const cells = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());
  const header = cells(lines[1]);
  return lines.slice(3, -1).map((l) => Object.fromEntries(cells(l).map((c, i) => [header[i], c])));
}
const tableHeader = (out: string) => out.split("\n")[1].split("|").slice(1, -1).map((h) => h.trim());

describe("integration: spcs service verbs against a running service", function () {
  let tp: TestPlatform;
  let env: NodeJS.ProcessEnv;
  const spcs = (...argv: string[]) => runSpcs(env, ...argv);
  const ok = async (...argv: string[]) => {
    const r = await spcs(...argv);
    assert.equal(r.code, 0, `spcs ${argv.join(" ")} failed: ${r.stderr}`);
    assert.equal(r.stderr, "");
    return r.stdout;
  };
  const json = async (...argv: string[]) => JSON.parse(await ok("--format", "json", ...argv));
  const fails = async (argv: string[], message: RegExp) => {
    const r = await spcs(...argv);
    assert.equal(r.code, 1, `spcs ${argv.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(r.stdout, "");
  };

  before(async function () {
    tp = await startTestPlatform("it-service-cli");
    env = { ...platformEnv(tp.config), ...(process.env.DOCKER_HOST && { DOCKER_HOST: process.env.DOCKER_HOST }) };
    seedPool(tp, "CLI_POOL", 2);
    seedPool(tp, "EMPTY_POOL", 1);
    await seedAppImage(tp);
    await create(tp, ECHO, {
      containers: [
        container("web", `echo "web starting on 8080"; echo "web warning on stderr" >&2; mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www`, {
          readinessProbe: { port: 8080, path: "/index.html", periodSeconds: 1, failureThreshold: 3 },
        }),
        container("sidecar", `for l in $(seq 1 ${SIDECAR_LINES}); do echo "sidecar line $l"; done; exec sleep 3600`),
      ],
      endpoints: [
        { name: "web", port: 8080, public: true, protocol: "HTTP" },
        { name: "internal", port: 9090, public: false, protocol: "TCP" },
      ],
      volumes: [],
    });
    await awaitServiceReady(tp.platform, ECHO, 60);
  });

  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  it("show services: one row under the SHOW SERVICES columns, live status, filtered by LIKE and IN", async function () {
    assert.deepEqual(tableHeader(await ok("show", "services")), SHOW_SERVICES_NARROW.map(sqlColumnName), "people see the narrow table");
    const out = await ok("show", "services", "--wide");
    assert.deepEqual(tableHeader(out), SHOW_SERVICES_COLUMNS.map(sqlColumnName));
    const [row, ...more] = tableRows(out);
    assert.equal(more.length, 0);
    assert.equal(row.name, "ECHO_SERVICE");
    assert.equal(row.status, "RUNNING");
    assert.equal(row.database_name, "APP_DB");
    assert.equal(row.compute_pool, "CLI_POOL");
    assert.match(row.dns_name, /^echo-service\.[a-z0-9]{4}\.svc\.spcs\.internal$/);
    assert.deepEqual([row.current_instances, row.target_instances, row.min_instances, row.auto_resume, row.is_job, row.comment], ["1", "1", "1", "true", "false", "cli test"]);
    assert.equal(row.external_access_integrations, "", "null prints empty");

    const names = async (...argv: string[]) => (await json("show", "services", ...argv)).map((s: { name: string }) => s.name);
    assert.deepEqual(await names("in", "compute-pool", "cli_pool"), ["ECHO_SERVICE"]);
    assert.deepEqual(await names("--in-compute-pool", "CLI_POOL"), ["ECHO_SERVICE"]);
    assert.deepEqual(await names("in", "compute-pool", "empty_pool"), []);
    assert.deepEqual(await names("--like", "echo%"), ["ECHO_SERVICE"]);
    assert.deepEqual(await names("--like", "web%"), []);
    assert.deepEqual(await names("in", "schema", "app_db.public"), ["ECHO_SERVICE"]);
    assert.deepEqual(await names("--in-database", "other_db"), []);
    assert.deepEqual(await names("in", "account"), ["ECHO_SERVICE"]);
    await fails(["show", "services", "in", "compute-pool", "nope"], /^error: Compute pool 'NOPE' does not exist or not authorized\.\n$/);
  });

  it("show services --format json: the SHOW columns, keyed as snow's JSON is, with JSON types", async function () {
    const [s] = await json("show", "services");
    assert.deepEqual(Object.keys(s), SHOW_SERVICES_COLUMNS.map(sqlColumnName));
    assert.match(s.created_on, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4}$/, "Snowflake's timestamp form");
    assert.equal(s.status, "RUNNING");
    assert.equal(s.current_instances, 1);
    assert.equal(s.auto_resume, true);
    assert.equal(s.external_access_integrations, null);
    assert.equal(s.spec_digest, "d-ECHO_SERVICE");
  });

  it("describe service: property / value lines; JSON is the whole description", async function () {
    const out = await ok("describe", "service", "app_db.public.echo_service");
    assert.match(out, /\| property +\| value +\|/);
    assert.match(out, /\| name +\| ECHO_SERVICE +\|/);
    assert.match(out, /\| status +\| RUNNING +\|/);
    assert.match(out, /\| compute_pool +\| CLI_POOL +\|/);
    assert.doesNotMatch(out, /\| drift /, "no drift, no drift line");
    const d = await json("describe", "service", "APP_DB.PUBLIC.ECHO_SERVICE");
    const direct = (await describeService(tp.platform, ECHO))!;
    assert.deepEqual(Object.keys(d), Object.keys(direct).map(sqlColumnName));
    assert.deepEqual(Object.keys(d.containers[0]), Object.keys(direct.containers[0]).map(sqlColumnName), "nested rows too");
    assert.deepEqual([d.name, d.status, d.drift, d.containers.length, d.endpoints.length], ["ECHO_SERVICE", "RUNNING", [], 2, 2]);
    await fails(["describe", "service", "app_db.public.nope"], /^error: Service 'APP_DB.PUBLIC.NOPE' does not exist or not authorized\.\n$/);
  });

  it("show service instances / containers / endpoints in service: SPCS's columns, service columns first", async function () {
    assert.deepEqual(tableHeader(await ok("show", "service", "instances", "in", "service", "app_db.public.echo_service")), SHOW_SERVICE_INSTANCES_NARROW.map(sqlColumnName));
    const instances = await ok("--wide", "show", "service", "instances", "in", "service", "app_db.public.echo_service");
    assert.deepEqual(tableHeader(instances), SHOW_SERVICE_INSTANCES_COLUMNS.map(sqlColumnName));
    const [inst] = tableRows(instances);
    assert.deepEqual([inst.database_name, inst.schema_name, inst.service_name, inst.service_status, inst.instance_id, inst.status, inst.spec_digest], ["APP_DB", "PUBLIC", "ECHO_SERVICE", "RUNNING", "0", "READY", "d-ECHO_SERVICE"]);
    assert.match(inst.ip_address, /^\d+\.\d+\.\d+\.\d+$/);

    assert.deepEqual(tableHeader(await ok("show", "service", "containers", "in", "service", "app_db.public.echo_service")), SHOW_SERVICE_CONTAINERS_NARROW.map(sqlColumnName));
    const containers = await ok("show", "service", "containers", "in", "service", "app_db.public.echo_service", "--wide");
    assert.deepEqual(tableHeader(containers), SHOW_SERVICE_CONTAINERS_COLUMNS.map(sqlColumnName));
    const rows = tableRows(containers);
    assert.deepEqual(rows.map((r) => [r.service_name, r.instance_id, r.instance_status, r.container_name, r.status, r.message, r.image_name, r.restart_count, r.last_exit_code]), [
      ["ECHO_SERVICE", "0", "READY", "web", "READY", "Running", APP_IMAGE, "0", ""],
      ["ECHO_SERVICE", "0", "READY", "sidecar", "READY", "Running", APP_IMAGE, "0", ""],
    ]);
    assert.match(rows[0].image_digest, /^sha256:[0-9a-f]{64}$/);
    const viaOption = await json("show", "service", "containers", "--in", "APP_DB.PUBLIC.ECHO_SERVICE");
    assert.deepEqual(viaOption.map((c: { container_name: string }) => c.container_name), ["web", "sidecar"]);
    assert.equal(viaOption[0].service_status, "RUNNING");

    assert.deepEqual(tableHeader(await ok("show", "endpoints", "in", "service", "app_db.public.echo_service")), SHOW_ENDPOINTS_NARROW.map(sqlColumnName));
    const endpoints = await ok("show", "endpoints", "in", "service", "app_db.public.echo_service", "--wide");
    assert.deepEqual(tableHeader(endpoints), SHOW_ENDPOINTS_COLUMNS.map(sqlColumnName));
    const [web, internal] = await json("show", "endpoints", "in", "service", "app_db.public.echo_service");
    assert.deepEqual([web.name, web.port, web.protocol, web.is_public, web.port_range], ["web", 8080, "HTTP", true, null]);
    assert.match(web.ingress_url, /^127\.0\.0\.1:\d+$/);
    assert.deepEqual([internal.name, internal.is_public, internal.ingress_url], ["internal", false, null]);
    assert.equal(await (await fetch(`http://${web.ingress_url}/index.html`)).text(), "hello\n");
    await fails(["show", "endpoints", "in", "service", "app_db.public.nope"], /^error: Service 'APP_DB.PUBLIC.NOPE' does not exist/);
  });

  it("logs: the spec's first container by default, stdout and stderr merged; --container, --tail", async function () {
    const web = await ok("logs", "app_db.public.echo_service");
    assert.match(web, /^web starting on 8080\n/m);
    assert.match(web, /^web warning on stderr\n/m);
    const sidecar = (await ok("logs", "APP_DB.PUBLIC.ECHO_SERVICE", "--container", "sidecar")).split("\n");
    assert.equal(sidecar.pop(), "", "ends with a newline");
    assert.equal(sidecar.length, 100, "tail defaults to 100 lines");
    assert.deepEqual([sidecar[0], sidecar[99]], [`sidecar line ${SIDECAR_LINES - 99}`, `sidecar line ${SIDECAR_LINES}`]);
    assert.equal(await ok("logs", "app_db.public.echo_service", "--container", "sidecar", "--tail", "3", "--instance", "0"), "sidecar line 148\nsidecar line 149\nsidecar line 150\n");
    assert.equal((await ok("logs", "app_db.public.echo_service", "--container", "sidecar", "--tail", "1000")).trimEnd().split("\n").length, SIDECAR_LINES);
  });

  it("logs: an unknown container, instance or service, or --previous without a restart, is an SPCS error naming it", async function () {
    await fails(["logs", "app_db.public.echo_service", "--container", "nope"], /^error: Container 'nope' does not exist in service APP_DB.PUBLIC.ECHO_SERVICE\.\n  fix: the service's containers are: web, sidecar\n$/);
    await fails(["logs", "app_db.public.echo_service", "--instance", "3"], /^error: Instance '3' does not exist in service APP_DB.PUBLIC.ECHO_SERVICE\.\n  fix: the service's instances are: 0 /);
    await fails(["logs", "app_db.public.nope"], /^error: Service 'APP_DB.PUBLIC.NOPE' does not exist or not authorized\.\n$/);
    await fails(["logs", "app_db.public.echo_service", "--previous"], /^error: The container web of instance 0 of service APP_DB.PUBLIC.ECHO_SERVICE has not restarted: there are no previous logs\./);
  });

  it("logs --follow streams across a restart until aborted; then the current run and --previous split the log", async function () {
    // Run 1 ticks for ~3 s and exits 1; the restarted container (same filesystem) is run 2: it ticks and stays up.
    const script = `n=$(( $(cat /tmp/run 2>/dev/null || echo 0) + 1 )); echo $n > /tmp/run; for i in 1 2 3 4 5 6 7 8 9 10; do echo "run $n tick $i"; sleep 0.3; done; [ $n -ge 2 ] && exec sleep 3600; exit 1`;
    await create(tp, TICKER, { containers: [container("main", script)], endpoints: [], volumes: [] });
    const want = [1, 2].flatMap((run) => Array.from({ length: 10 }, (_, i) => `run ${run} tick ${i + 1}`));
    let out = "";
    const stop = new AbortController();
    const deadline = setTimeout(() => stop.abort(), 30_000);
    const ctx = new CliContext({ stdout: (s) => {
      out += s;
      if (out.includes("run 2 tick 10\n")) stop.abort();
    }, stderr: (s) => assert.fail(`stderr: ${s}`), env }, () => ({}));
    try {
      await printLogs(ctx, TICKER, { instance: 0, tail: 100, follow: true, previous: false }, stop.signal);
    } finally {
      clearTimeout(deadline);
      ctx.close();
    }
    assert.deepEqual(out.trimEnd().split("\n"), want, "every line once, in order, across the restart");

    assert.equal((await describeService(tp.platform, TICKER))!.containers[0].restartCount, 1);
    const t = "app_db.public.ticker";
    assert.equal(await ok("logs", t), want.slice(10).join("\n") + "\n", "the current run only");
    assert.equal(await ok("logs", t, "--previous"), want.slice(0, 10).join("\n") + "\n", "the run before the restart");
    assert.equal(await ok("logs", t, "--previous", "--tail", "2"), "run 1 tick 9\nrun 1 tick 10\n");
    assert.equal(await ok("logs", t, "--tail", "1"), "run 2 tick 10\n");
  });

  it("logs --follow in the installed program ends on Ctrl-C with exit code 0", async function () {
    const main = path.join(REPO_ROOT, "dist/provider/cli/main.js");
    const child = spawn(process.execPath, [main, "logs", "app_db.public.ticker", "--follow", "--tail", "1"], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (b) => void (stderr += b));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output within 20 s; stderr: ${stderr}`)), 20_000);
      child.stdout.on("data", (b) => {
        stdout += b;
        if (stdout.includes("\n")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill("SIGINT");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 10_000))]);
    if (code === "still running") child.kill("SIGKILL");
    assert.equal(code, 0, stderr);
    assert.equal(stdout, "run 2 tick 10\n");
    assert.equal(stderr, "");
  });

  it("alter suspend removes every instance container, keeps the ingress (AUTO_RESUME), and resume brings the service back to RUNNING", async function () {
    const ref = "app_db.public.echo_service";
    const ours = [...homeFilter(tp.config.home), `${LABEL_SERVICE}=APP_DB.PUBLIC.ECHO_SERVICE`];
    assert.ok((await tp.platform.docker.listContainers(ours)).length > 0);
    assert.match(await ok("alter", "service", ref, "suspend"), /\| Statement executed successfully\. \|/);
    const suspended = await json("describe", "service", ref);
    assert.deepEqual([suspended.status, suspended.current_instances, suspended.target_instances], ["SUSPENDED", 0, 0]);
    assert.ok(suspended.suspended_on);
    // Only the ingress is left, on the same port, listening so that a request can resume the service (AUTO_RESUME).
    const left = await tp.platform.docker.listContainers(ours);
    assert.deepEqual(left.map((c) => c.labels["com.pulumi-spcs.container"]), ["_ingress"], "no instance container left in Docker");
    assert.equal((await tp.platform.docker.inspectContainer(left[0].id))!.running, true);
    assert.deepEqual(await json("show", "service", "containers", "in", "service", ref), []);
    assert.equal(tableRows(await ok("show", "service", "instances", "in", "service", ref)).length, 0, "an empty table keeps its header");
    await fails(["logs", ref], /^error: Service APP_DB.PUBLIC.ECHO_SERVICE is suspended: it has no containers, so there are no logs\.\n  fix: resume it: spcs alter service APP_DB.PUBLIC.ECHO_SERVICE resume\n$/);
    await ok("alter", "service", ref, "SUSPEND"); // suspending a suspended service changes nothing

    await ok("alter", "service", ref, "resume");
    const resumed = await awaitServiceReady(tp.platform, ECHO, 60);
    assert.equal(resumed.status, "RUNNING");
    const [row] = await json("show", "services", "--like", "echo_service");
    assert.deepEqual([row.status, row.current_instances], ["RUNNING", 1]);
    assert.ok(row.resumed_on);
    assert.match(await ok("logs", ref), /web starting on 8080/);
    await fails(["alter", "service", "app_db.public.nope", "suspend"], /^error: Service 'APP_DB.PUBLIC.NOPE' does not exist or not authorized\.\n$/);
  });

  it("drop service removes it; --if-exists succeeds when it is gone, without it is an error", async function () {
    const ref = "APP_DB.PUBLIC.ECHO_SERVICE";
    assert.match(await ok("drop", "service", ref), /\| ECHO_SERVICE successfully dropped\. \|/);
    assert.equal(tp.platform.catalog.services.get(ECHO), undefined);
    assert.deepEqual(await tp.platform.docker.listContainers([...homeFilter(tp.config.home), `${LABEL_SERVICE}=${ref}`]), []);
    assert.deepEqual((await json("show", "services")).map((s: { name: string }) => s.name), ["TICKER"]);
    assert.deepEqual(await json("drop", "service", ref.toLowerCase(), "--if-exists"), { status: "Drop statement executed successfully (ECHO_SERVICE already dropped)." });
    await fails(["drop", "service", ref], /^error: Service 'APP_DB.PUBLIC.ECHO_SERVICE' does not exist or not authorized\.\n$/);
  });
});
