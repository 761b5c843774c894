import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { managedLabels } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import type { TestPlatform } from "../../test/support/test-platform";

/**
 * The containers docker-compose starts for the baseline.
 * - "app": one container per service, like each service's app container (the baseline);
 * - "instance": the same two containers an SPCS instance is made of here: one that owns the network
 *   namespace, and the app container joined to it (`network_mode: service:`).
 */
export type ComposeLayout = "app" | "instance";

const HTTPD = `[httpd, -f, -p, "8080", -h, /tmp]`;

/** The compose file for n services (version 2.4, which Debian's docker-compose 1.29 reads). */
export function composeFile(image: string, labels: Record<string, string>, n: number, layout: ComposeLayout): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `      ${k}: "${v}"`).join("\n");
  const service = (name: string, command: string, extra = "") => `  ${name}:\n    image: ${image}\n    init: true\n    command: ${command}\n${extra}    labels:\n${labelLines}\n`;
  const services = Array.from({ length: n }, (_, i) =>
    layout === "app" ? service(`svc${i}`, HTTPD) : service(`net${i}`, `[sleep, "2147483647"]`) + service(`svc${i}`, HTTPD, `    network_mode: "service:net${i}"\n`),
  ).join("");
  return `version: "2.4"\nservices:\n${services}`;
}

/** `docker-compose up -d` and `down` of n services like the benchmark's, timed. */
export function composeUpDown(tp: TestPlatform, n: number, layout: ComposeLayout): { upMs: number; downMs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-compose-"));
  const labels = managedLabels(tp.config.home, "service-container", "compose-bench");
  fs.writeFileSync(path.join(dir, "docker-compose.yml"), composeFile(`${baseImageRepo(tp.config)}:latest`, labels, n, layout));
  const run = (...args: string[]) => {
    const r = spawnSync("docker-compose", ["-p", `spcsbench${layout}${n}`, ...args], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`docker-compose ${args.join(" ")}: ${r.stderr}`);
  };
  try {
    let t = performance.now();
    run("up", "-d");
    const upMs = performance.now() - t;
    t = performance.now();
    run("down");
    return { upMs, downMs: performance.now() - t };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
