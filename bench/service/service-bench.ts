/**
 * Services: `pulumi up` (and destroy) of N one-container services against `docker-compose up -d` (and
 * down) of the same containers, and one service created by the provider's code path against the raw
 * Docker calls it makes, all in one run on one machine. Prints a table and one JSON line.
 *
 *     node dist/bench/service/service-bench.js [sizes, default 1,10,50]
 *
 * What each side includes: `pulumi up` runs the program, validates every spec, schedules, pins the image
 * digest, starts a network container and the app container per service, and waits until every service
 * is RUNNING (which holds 1.5 s to rule out an instant crash). `docker-compose up -d` starts the
 * containers and returns without waiting for anything.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { managedLabels } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import { aptInstall, which } from "../../provider/provision/system";
import { createPool } from "../../provider/objects/compute-pools/compute-pools";
import { awaitServiceReady } from "../../provider/objects/services/await-service-ready";
import { platformNetworkName } from "../../provider/model/service-naming";
import { createService, dropService } from "../../provider/statements/services";
import { PulumiProgram } from "../../test/support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../../test/support/test-platform";

const elapsed = (t0: number) => Math.round(performance.now() - t0);

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? "1,10,50").split(",").map(Number);
  // The baseline: Debian's docker-compose, installed like every other part the project needs.
  if (!which("docker-compose")) await aptInstall(["docker-compose"], (l) => console.error(l));
  const tp = await startTestPlatform("bench-service");
  const program = PulumiProgram.create("bench/programs/services", tp);
  const rows: { n: number; pulumiUpMs: number; composeUpMs: number; pulumiDestroyMs: number; composeDownMs: number }[] = [];
  try {
    for (const n of sizes) {
      program.must(["config", "set", "count", String(n)]);
      let t = performance.now();
      program.must(["up", "--yes", "--skip-preview"]);
      const pulumiUpMs = elapsed(t);
      const running = tp.platform.catalog.services.list().length;
      if (running !== n) throw new Error(`expected ${n} services after up, found ${running}`);
      t = performance.now();
      program.must(["destroy", "--yes", "--skip-preview"]);
      const pulumiDestroyMs = elapsed(t);
      const { upMs, downMs } = compose(tp, n);
      rows.push({ n, pulumiUpMs, composeUpMs: upMs, pulumiDestroyMs, composeDownMs: downMs });
    }
    const single = await providerVsRaw(tp);
    console.log("N   pulumi up   compose up   ratio   pulumi destroy   compose down   ratio");
    for (const r of rows) {
      console.log(`${String(r.n).padEnd(4)}${String(r.pulumiUpMs).padStart(9)}ms${String(r.composeUpMs).padStart(11)}ms${(r.pulumiUpMs / r.composeUpMs).toFixed(2).padStart(7)}x${String(r.pulumiDestroyMs).padStart(15)}ms${String(r.composeDownMs).padStart(13)}ms${(r.pulumiDestroyMs / r.composeDownMs).toFixed(2).padStart(7)}x`);
    }
    console.log(`one service: provider create ${single.providerMs} ms (until RUNNING: ${single.providerReadyMs} ms) vs raw Docker calls ${single.rawMs} ms: ${(single.providerMs / single.rawMs).toFixed(2)}x`);
    console.log(JSON.stringify({ bench: "service", rows, single }));
  } finally {
    program.run(["destroy", "--yes"]);
    program.dispose();
    await tp.dispose();
  }
}

/** docker-compose up -d / down of n containers like the services' app containers. */
function compose(tp: TestPlatform, n: number): { upMs: number; downMs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-compose-"));
  const image = `${baseImageRepo(tp.config)}:latest`;
  const labels = managedLabels(tp.config.home, "service-container", "compose-bench");
  const services = Array.from({ length: n }, (_, i) => `  svc${i}:\n    image: ${image}\n    init: true\n    command: [httpd, -f, -p, "8080", -h, /tmp]\n    labels:\n${Object.entries(labels).map(([k, v]) => `      ${k}: "${v}"`).join("\n")}\n`).join("");
  fs.writeFileSync(path.join(dir, "docker-compose.yml"), `version: "2.4"\nservices:\n${services}`);
  const run = (...args: string[]) => {
    const r = spawnSync("docker-compose", ["-p", `spcsbench${n}`, ...args], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`docker-compose ${args.join(" ")}: ${r.stderr}`);
  };
  let t = performance.now();
  run("up", "-d");
  const upMs = elapsed(t);
  t = performance.now();
  run("down");
  const downMs = elapsed(t);
  fs.rmSync(dir, { recursive: true, force: true });
  return { upMs, downMs };
}

/** The provider's create of one service (without the Pulumi engine) against the Docker calls it makes. */
async function providerVsRaw(tp: TestPlatform): Promise<{ providerMs: number; providerReadyMs: number; rawMs: number }> {
  createPool(tp.platform, { name: "RAW_POOL", instanceFamily: "CPU_X64_S", minNodes: 1, maxNodes: 1, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
  const key = { database: "BENCH_DB", schema: "PUBLIC", name: "ONE" };
  const spec = { containers: [{ name: "web", image: "/snowflake/images/snowflake_images/busybox:latest", command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session" }], endpoints: [], volumes: [] };
  let t = performance.now();
  await createService(tp.platform, { key, computePool: "RAW_POOL", spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
  const providerMs = elapsed(t);
  await awaitServiceReady(tp.platform, key, 60);
  const providerReadyMs = elapsed(t);
  await dropService(tp.platform, key);

  // The same Engine API calls by hand: network, network container, app container, both started.
  const docker = tp.platform.docker;
  const image = `${baseImageRepo(tp.config)}:latest`;
  const labels = managedLabels(tp.config.home, "service-container", "raw-bench");
  t = performance.now();
  const network = platformNetworkName(tp.config.home);
  await docker.ensureNetwork(network, managedLabels(tp.config.home, "service-network", "platform"));
  const netns = await docker.createContainer({ name: `raw-bench-netns-${Date.now()}`, image, labels, cmd: ["sleep", "2147483647"], network: { name: network, aliases: ["one"] } });
  await docker.startContainer(netns);
  const app = await docker.createContainer({ name: `raw-bench-app-${Date.now()}`, image, labels, cmd: ["httpd", "-f", "-p", "8080", "-h", "/tmp"], joinNetworkOf: netns });
  await docker.startContainer(app);
  const rawMs = elapsed(t);
  for (const id of [app, netns]) await docker.removeContainer(id);
  await docker.removeNetwork(network);
  return { providerMs, providerReadyMs, rawMs };
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
