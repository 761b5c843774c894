/**
 * The provider plugin's time to first answer: from spawning `node dist/provider/plugin/main.js` (what the
 * launcher `pulumi-resource-spcs` execs) until it prints the port of its gRPC server, the moment the
 * Pulumi engine can talk to it; against a bare `node -e ""` started and ended in the same run. Rounds
 * alternate plugin and baseline; medians. Part of `npm run bench` (--only plugin); standalone:
 *
 *     node dist/bench/plugin/plugin-startup.js [rounds, default 7]
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { benchResult, type BenchResult } from "../bench-result";

const PLUGIN_ENTRY = path.resolve(__dirname, "../../provider/plugin/main.js");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds until the child prints its first line (the plugin: its port), then it is ended. */
export function timeToFirstLine(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    // The engine's address: nothing listens there; the plugin only dials it when it has something to say.
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      if (!out.includes("\n")) return;
      const ms = performance.now() - t;
      child.kill("SIGKILL");
      resolve(ms);
    });
    child.on("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`node ${args.join(" ")} exited ${code} before printing a line\n${err}`));
    });
  });
}

/** Time to the plugin's port line vs a bare node start and exit, `rounds` alternating, medians. */
export async function runPluginStartupBench(rounds = 7): Promise<BenchResult[]> {
  const plugin: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    bare.push(await timeToFirstLine(["-e", "console.log(0)"]));
    plugin.push(await timeToFirstLine([PLUGIN_ENTRY, "127.0.0.1:1"]));
  }
  const p = median(plugin);
  const b = median(bare);
  return [benchResult("plugin.start", "ms", p, b, `pulumi-resource-spcs until it prints its port vs a bare node start (node -e), median of ${rounds}: +${Math.round(p - b)} ms`)];
}

if (require.main === module) {
  runPluginStartupBench(Number(process.argv[2] ?? 7))
    .then((rs) => rs.forEach((r) => console.log(JSON.stringify(r))))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}
