import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { homeFilter, LABEL_CONTAINER, LABEL_SERVICE } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import { describePool } from "../../provider/statements/compute-pools";
import { describeService } from "../../provider/statements/services";
import { runClient, snowCli, snowCalls } from "../support/sql-clients";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const SVC = { database: "LOCAL_DB", schema: "PUBLIC", name: "CI_SVC" };
const JOB = (name: string) => ({ database: "LOCAL_DB", schema: "PUBLIC", name });

/** The spec a CI script keeps next to its code: a busybox httpd that answers `text` and logs a line. */
const webSpec = (image: string, text: string) => `spec:
  containers:
  - name: web
    image: ${image}
    command: ["sh", "-c"]
    args:
    - 'mkdir -p /www && echo "${text} from $SNOWFLAKE_SERVICE_NAME" > /www/index.html && echo "web is up" && exec httpd -f -p 8080 -h /www'
    readinessProbe:
      port: 8080
      path: /index.html
  endpoints:
  - name: http
    port: 8080
    public: true
`;

const jobSpec = (image: string) => `spec:
  containers:
  - name: main
    image: ${image}
    command: ["sh", "-c"]
    args:
    - 'echo "job index $SNOWFLAKE_JOB_INDEX of $SNOWFLAKE_SERVICE_NAME"; sleep 1'
`;

/**
 * Issue 12's promise: a CI script written for `snow spcs` against a Snowflake account runs unchanged
 * against the local platform, apart from its connection settings. The real `snow` (snowflake-cli 3.30.0)
 * drives the whole lifecycle through the platform's SQL endpoint with the connection `spcs platform up`
 * writes; each step is checked against the platform itself (catalog, engine, registry) or the service's
 * ingress, not against what `snow` printed alone.
 */
describe("e2e: a `snow spcs` CI script against the local platform", function () {
  this.timeout(1_800_000);
  let tp: TestPlatform;
  let snowBin: string;
  let work: string;
  let env: Record<string, string>;
  let repoUrl: string;
  let ingress: string;

  /** One `snow` call as a CI script makes it: the connection comes from SNOWFLAKE_HOME alone. */
  const { snow, ok, json } = snowCalls(() => ({ bin: snowBin, env }));
  /** The error box `snow` prints, with its frame and line breaks folded away. */
  const failure = async (...args: string[]): Promise<string> => {
    const r = await snow(...args);
    assert.equal(r.code, 1, `snow ${args.join(" ")} should fail:\n${r.stdout}\n${r.stderr}`);
    return (r.stderr + r.stdout).replace(/[│╭╮╰╯─]+/g, " ").replace(/\s+/g, " ");
  };
  const statusLine = (out: string) => out.match(/\|\s*status\s*\|\s*(.*?)\s*\|/)?.[1];
  const get = async (url: string) => (await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).text()).trim();
  /** The service's Docker containers: all of them (ingress and network helpers too), or only those of one spec container. */
  const serviceContainers = async (name: string, container?: string) => {
    const found = await tp.platform.docker.listContainers([...homeFilter(tp.config.home), `${LABEL_SERVICE}=LOCAL_DB.PUBLIC.${name}`, ...(container ? [`${LABEL_CONTAINER}=${container}`] : [])]);
    const states = await Promise.all(found.map(async (c) => (await tp.platform.docker.inspectContainer(c.name))?.running));
    return { all: found.length, running: states.filter(Boolean).length };
  };

  before(async function () {
    snowBin = snowCli().snow!;
    tp = await startTestPlatform("e2e-snow", { sql: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-snow-ci-"));
    fs.mkdirSync(path.join(work, "docker"));
    // The only local settings: the connection file `platform up` wrote, and a docker config of the run's own.
    env = { SNOWFLAKE_HOME: path.join(tp.config.home, "sql", "snow"), DOCKER_CONFIG: path.join(work, "docker"), ...(tp.config.dockerHost && { DOCKER_HOST: tp.config.dockerHost }) };
  });
  after(async function () {
    await tp?.dispose();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("compute pool: create, list, describe, status, suspend, resume, set; each visible in the platform", async function () {
    assert.equal(statusLine(await ok("spcs", "compute-pool", "create", "ci_pool", "--family", "CPU_X64_XS")), "Compute pool CI_POOL successfully created.");
    assert.equal(describePool(tp.platform, "CI_POOL")?.instanceFamily, "CPU_X64_XS");
    const listed = await json("spcs", "compute-pool", "list");
    assert.deepEqual(listed.map((p) => [p.name, p.instance_family, p.min_nodes, p.max_nodes, p.auto_suspend_secs]), [["CI_POOL", "CPU_X64_XS", 1, 1, 3600]]);
    const [described] = await json("spcs", "compute-pool", "describe", "ci_pool");
    assert.deepEqual([described.name, described.state, described.status_message], ["CI_POOL", describePool(tp.platform, "CI_POOL")!.state, "Compute pool is ready."]);
    const status = await json<Record<string, string>>("spcs", "compute-pool", "status", "ci_pool");
    assert.deepEqual(JSON.parse(Object.values(status)[0]), { status: describePool(tp.platform, "CI_POOL")!.state, message: "Compute pool is ready." });

    assert.equal(statusLine(await ok("spcs", "compute-pool", "suspend", "ci_pool")), "Statement executed successfully.");
    assert.equal(describePool(tp.platform, "CI_POOL")?.state, "SUSPENDED");
    await ok("spcs", "compute-pool", "resume", "ci_pool");
    assert.notEqual(describePool(tp.platform, "CI_POOL")?.state, "SUSPENDED");
    await ok("spcs", "compute-pool", "set", "ci_pool", "--max-nodes", "2", "--comment", "made by ci");
    assert.deepEqual([describePool(tp.platform, "CI_POOL")?.maxNodes, describePool(tp.platform, "CI_POOL")?.comment], [2, "made by ci"]);
  });

  it("image repository: create, url, registry url, login with the registry token, docker push, list-images from the registry", async function () {
    assert.equal(statusLine(await ok("spcs", "image-repository", "create", "ci_repo")), "Image Repository CI_REPO successfully created.");
    repoUrl = (await ok("spcs", "image-repository", "url", "ci_repo")).trim();
    assert.equal(repoUrl, `${tp.config.registry}/local_db/public/ci_repo`);
    assert.equal((await ok("spcs", "image-registry", "url")).trim(), tp.config.registry);
    // `login` asks the endpoint for a registry token (image-registry token) and hands it to `docker login`.
    assert.match(await ok("spcs", "image-registry", "login"), /Login Succeeded/);
    assert.ok(JSON.parse(fs.readFileSync(path.join(work, "docker", "config.json"), "utf8")).auths[tp.config.registry], "docker config holds the registry login");

    const docker = (...args: string[]) => runClient("docker", args, { env });
    for (const step of [["tag", `${baseImageRepo(tp.config)}:latest`, `${repoUrl}/echo:1`], ["push", `${repoUrl}/echo:1`]]) {
      const r = await docker(...step);
      assert.equal(r.code, 0, `docker ${step.join(" ")}: ${r.stderr}`);
    }
    const digest = (await tp.platform.registry.resolve("local_db/public/ci_repo/echo", "1"))!.digest;
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);
    const images = await json("spcs", "image-repository", "list-images", "ci_repo");
    assert.deepEqual(images.map((i) => [i.image_name, i.tags, i.digest, i.image_path]), [["echo", "1", digest, "local_db/public/ci_repo/echo:1"]]);
  });

  it("service from --spec-path: create, status, logs, list-instances/containers/endpoints; its ingress answers", async function () {
    fs.writeFileSync(path.join(work, "spec.yaml"), webSpec("/local_db/public/ci_repo/echo:1", "v1"));
    assert.equal(statusLine(await ok("spcs", "service", "create", "ci_svc", "--compute-pool", "ci_pool", "--spec-path", path.join(work, "spec.yaml"))), "Service CI_SVC successfully created.");
    assert.equal(tp.platform.catalog.services.get(SVC)?.computePool, "CI_POOL");

    const status = await json("spcs", "service", "status", "ci_svc");
    assert.deepEqual(status.map((s) => [s.status, s.containerName, s.instanceId, s.serviceName, s.image]), [["READY", "web", "0", "CI_SVC", "/local_db/public/ci_repo/echo:1"]]);
    assert.match(await ok("spcs", "service", "logs", "ci_svc", "--container-name", "web", "--instance-id", "0"), /^web is up$/m);
    const instances = await json("spcs", "service", "list-instances", "ci_svc");
    assert.deepEqual(instances.map((i) => [i.service_name, i.instance_id, i.status]), [["CI_SVC", "0", "READY"]]);
    const containers = await json("spcs", "service", "list-containers", "ci_svc");
    const digest = (await tp.platform.registry.resolve("local_db/public/ci_repo/echo", "1"))?.digest;
    assert.deepEqual(containers.map((c) => [c.container_name, c.status, c.image_name, c.image_digest]), [["web", "READY", "/local_db/public/ci_repo/echo:1", digest]]);
    const endpoints = await json("spcs", "service", "list-endpoints", "ci_svc");
    assert.deepEqual(endpoints.map((e) => [e.name, e.port, e.protocol, e.is_public]), [["http", 8080, "HTTP", true]]);
    ingress = String(endpoints[0].ingress_url);
    assert.equal(await get(`http://${ingress}/`), "v1 from CI_SVC");
    assert.deepEqual(await serviceContainers("CI_SVC", "web"), { all: 1, running: 1 });
  });

  it("service upgrade --spec-path: the same ingress answers the new text", async function () {
    fs.writeFileSync(path.join(work, "spec.yaml"), webSpec("/local_db/public/ci_repo/echo:1", "v2"));
    assert.equal(statusLine(await ok("spcs", "service", "upgrade", "ci_svc", "--spec-path", path.join(work, "spec.yaml"))), "Statement executed successfully.");
    assert.equal(await get(`http://${ingress}/`), "v2 from CI_SVC");
  });

  it("service suspend stops its container; resume brings the ingress back; set changes the service", async function () {
    await ok("spcs", "service", "suspend", "ci_svc");
    assert.equal((await describeService(tp.platform, SVC))?.status, "SUSPENDED");
    // Only the web container is checked: with AUTO_RESUME (snow's default) the ingress stays up to wake the service.
    assert.equal((await serviceContainers("CI_SVC", "web")).running, 0, "the suspended service's container does not run");

    await ok("spcs", "service", "resume", "ci_svc");
    assert.equal((await describeService(tp.platform, SVC))?.status, "RUNNING");
    assert.equal(await get(`http://${ingress}/`), "v2 from CI_SVC");

    await ok("spcs", "service", "set", "ci_svc", "--comment", "set by ci", "--max-instances", "2", "--query-warehouse", "ci_wh", "--no-auto-resume");
    const svc = tp.platform.catalog.services.get(SVC)!;
    assert.deepEqual([svc.comment, svc.maxInstances, svc.queryWarehouse, svc.autoResume], ["set by ci", 2, "CI_WH", false]);
  });

  it("execute-job: synchronous (each replica's logs hold its SNOWFLAKE_JOB_INDEX) and --async (status reaches DONE)", async function () {
    fs.writeFileSync(path.join(work, "job.yaml"), jobSpec("/local_db/public/ci_repo/echo:1"));
    const sync = await ok("spcs", "service", "execute-job", "ci_job", "--compute-pool", "ci_pool", "--spec-path", path.join(work, "job.yaml"), "--replicas", "2");
    assert.equal(statusLine(sync), "Job CI_JOB completed successfully with status: DONE.");
    assert.equal((await describeService(tp.platform, JOB("CI_JOB")))?.status, "DONE");
    assert.match(await ok("spcs", "service", "logs", "ci_job", "--container-name", "main", "--instance-id", "1"), /^job index 1 of CI_JOB$/m);

    assert.equal(statusLine(await ok("spcs", "service", "execute-job", "ci_async", "--compute-pool", "ci_pool", "--spec-path", path.join(work, "job.yaml"), "--async")), "Statement executed successfully.");
    let seen: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      const [row] = await json("spcs", "service", "describe", "ci_async");
      seen.push(row.status);
      if (row.status === "DONE") break;
    }
    assert.equal(seen.at(-1), "DONE", `statuses seen: ${seen.join(", ")}`);
    assert.equal((await describeService(tp.platform, JOB("CI_ASYNC")))?.status, "DONE");
  });

  it("bad SQL and unknown objects give Snowflake's error codes and messages through `snow`", async function () {
    assert.match(await failure("sql", "-q", "selec nothing frm nowhere"), /001003 \(42000\): [0-9a-f-]{36}: SQL compilation error: syntax error line 1 at position 14 unexpected 'frm'\./);
    assert.match(await failure("sql", "-q", "select * from no_such_table"), /002003 \(42S02\): [0-9a-f-]{36}: SQL compilation error: Object 'NO_SUCH_TABLE' does not exist or not authorized\./);
    assert.match(await failure("spcs", "service", "describe", "no_such_svc"), /002003 \(02000\): [0-9a-f-]{36}: SQL compilation error: Service 'LOCAL_DB\.PUBLIC\.NO_SUCH_SVC' does not exist or not authorized\./);
    assert.match(await failure("spcs", "compute-pool", "create", "ci_pool", "--family", "CPU_X64_XS"), /Compute-pool CI_POOL already exists\./);
  });

  it("service drop removes its containers and its row; compute-pool drop removes the pool", async function () {
    assert.equal(statusLine(await ok("spcs", "service", "drop", "ci_svc")), "CI_SVC successfully dropped.");
    assert.equal(tp.platform.catalog.services.get(SVC), undefined);
    assert.deepEqual(await serviceContainers("CI_SVC"), { all: 0, running: 0 });
    await assert.rejects(fetch(`http://${ingress}/`, { signal: AbortSignal.timeout(3_000) }));

    assert.match(await ok("spcs", "compute-pool", "drop", "ci_pool"), /CI_POOL successfully dropped\./);
    assert.equal(describePool(tp.platform, "CI_POOL"), undefined);
  });
});
