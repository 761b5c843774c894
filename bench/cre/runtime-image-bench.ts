/**
 * How long the ML runtime stand-in takes to build (`docker import` of the host's Python, pip, bash and
 * busybox), how large it is, and how long a full validation of it takes (the 20 checks).
 *
 *   npm run build && node dist/bench/cre/runtime-image-bench.js
 *
 * Builds into a scratch name, so the platform's cached image is untouched, and removes it afterwards.
 * Prints a table and one JSON line (prefixed "BENCH ") for tools.
 */
import { spawnSync } from "node:child_process";
import { validateImage } from "../../provider/objects/runtime-environments/validate-image";
import { buildRuntimeImage } from "../../provider/provision/runtime-image";
import { hostFiles } from "../../provider/provision/runtime-rootfs";
import { DockerRuntime } from "../../provider/runtime/docker-runtime";

async function main(): Promise<void> {
  const docker = new DockerRuntime(process.env.DOCKER_HOST || undefined);
  const ref = `spcs-bench/container-runtime:${process.pid}`;
  let t = Date.now();
  const files = hostFiles().length;
  const listMs = Date.now() - t;
  const buildMs = await buildRuntimeImage(docker, "spcs-bench/container-runtime", String(process.pid));
  const size = Number(spawnSync("docker", ["image", "inspect", "-f", "{{.Size}}", ref], { encoding: "utf8" }).stdout.trim());
  t = Date.now();
  const report = await validateImage(docker, ref, { labels: { "com.pulumi-spcs.kind": "validation-container" } });
  const validateMs = Date.now() - t;
  spawnSync("docker", ["rmi", ref]);
  const failed = report.results.filter((r) => !r.passed).length;
  console.log(`host files             ${files} (listed in ${listMs} ms)`);
  console.log(`build (docker import) ${(buildMs / 1000).toFixed(1)} s`);
  console.log(`image size             ${(size / 1e6).toFixed(0)} MB`);
  console.log(`validation             ${(validateMs / 1000).toFixed(1)} s, ${report.results.length} checks, ${failed} failed`);
  console.log("BENCH " + JSON.stringify({ hostFiles: files, listMs, buildMs, sizeBytes: size, validateMs, checks: report.results.length, failed }));
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
