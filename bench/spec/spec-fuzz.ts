/**
 * A long, seeded fuzzing run of the spec analyser, for the figures in the notes (issue 13):
 *
 *   npx tsc -p tsconfig.json && node dist/bench/spec/spec-fuzz.js [--inputs 5000] [--seed 13] [--spec DIR] [--fixtures DIR]
 *
 * `--spec DIR` is the compiled provider/spec to test (default: this build's), so the same inputs can be run
 * against an older build. Each input is a mutation (spec-mutators.ts) of a corpus fixture, analysed in a
 * child process that is killed after 10 s. Counted per input: a hang (over 1 s of CPU time, or killed; CPU
 * time, because the machine is shared and wall time varies with its load), an internal
 * error (an exception or a spec/internal diagnostic), a wrong position (outside the text, or ending before
 * it starts), and for accepted specs a canonical form that does not validate again with the same digest.
 * Prints one JSON summary line prefixed "FUZZ ".
 */
import { fork, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { mulberry32, mutate, type Mutated } from "./spec-mutators";

interface Diag { code: string; line: number; column: number; endLine?: number; endColumn?: number }
interface Analysis { ok: boolean; diagnostics: Diag[]; specDigest?: string; canonicalYaml?: string }
type Analyze = (text: string, opts: { kind?: "service" | "job"; using?: Record<string, string> }) => Analysis;

interface Result { i: number; mutators: string[]; ms: number; cpuMs: number; ok?: boolean; internal?: string; wrongPosition?: string; notCanonical?: string; killed?: boolean }

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
const ROOT = path.resolve(__dirname, "../../..");
const SPEC_DIR = path.resolve(arg("spec", path.join(ROOT, "dist/provider/spec")));
const SEED = Number(arg("seed", "13"));
const INPUTS = Number(arg("inputs", "5000"));
/** The seed fixtures; pass a frozen copy to run two builds on exactly the same inputs. */
const FIXTURES = path.resolve(arg("fixtures", path.join(ROOT, "test/fixtures/specs")));
const KILL_MS = 10_000;
const HANG_MS = 1000;

function seeds(): (Mutated & { kind?: "service" | "job" })[] {
  const out: (Mutated & { kind?: "service" | "job" })[] = [];
  for (const dir of ["valid", "invalid"]) {
    const full = path.join(FIXTURES, dir);
    for (const f of fs.readdirSync(full).filter((n) => n.endsWith(".yaml") && !n.endsWith(".canonical.yaml")).sort()) {
      const text = fs.readFileSync(path.join(full, f), "utf8");
      let using: Record<string, string> | undefined;
      let kind: "service" | "job" | undefined;
      for (const line of text.split("\n")) {
        if (!line.startsWith("#")) break;
        const u = /^#\s*using:\s?(.*)$/.exec(line);
        if (u) (using ??= {})[u[1].slice(0, u[1].indexOf("="))] = u[1].slice(u[1].indexOf("=") + 1);
        if (/^#\s*kind:\s*job/.test(line)) kind = "job";
      }
      out.push({ text, using, kind });
    }
  }
  return out;
}

function input(i: number, all: ReturnType<typeof seeds>): Mutated & { kind?: "service" | "job"; mutators: string[] } {
  const r = mulberry32(SEED * 1_000_003 + i);
  const seed = all[Math.floor(r() * all.length)];
  return { ...mutate(seed, r), kind: seed.kind };
}

function positionProblem(text: string, d: Diag): string | undefined {
  const lines = text.split("\n");
  const inside = (l: number, c: number): boolean => Number.isInteger(l) && Number.isInteger(c) && l >= 1 && l <= lines.length && c >= 1 && c <= lines[l - 1].length + 1;
  if (!inside(d.line, d.column)) return `${d.code} at ${d.line}:${d.column}`;
  if (d.endLine !== undefined && d.endColumn !== undefined) {
    if (!inside(d.endLine, d.endColumn)) return `${d.code} ends at ${d.endLine}:${d.endColumn}`;
    if (d.endLine < d.line || (d.endLine === d.line && d.endColumn < d.column)) return `${d.code} ends before it starts`;
  }
  return undefined;
}

function worker(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const analyzeSpec = (require(SPEC_DIR) as { analyzeSpec: Analyze }).analyzeSpec;
  const all = seeds();
  process.on("message", (i: number) => {
    const m = input(i, all);
    const res: Result = { i, mutators: m.mutators, ms: 0, cpuMs: 0 };
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const cpuMs = (): number => {
      const c = process.cpuUsage(cpu0);
      return (c.user + c.system) / 1000;
    };
    try {
      const r = analyzeSpec(m.text, { kind: m.kind, using: m.using });
      res.ms = performance.now() - start;
      res.cpuMs = cpuMs();
      res.ok = r.ok;
      const internal = r.diagnostics.find((d) => d.code === "spec/internal");
      if (internal) res.internal = (internal as unknown as { message: string }).message.slice(0, 120);
      for (const d of r.diagnostics) res.wrongPosition ??= positionProblem(m.text, d);
      if (r.ok) {
        const again = analyzeSpec(r.canonicalYaml!, { kind: m.kind });
        if (!again.ok || again.specDigest !== r.specDigest) res.notCanonical = again.ok ? "digest differs" : again.diagnostics.map((d) => d.code).join(",").slice(0, 120);
      }
    } catch (e) {
      res.ms = performance.now() - start;
      res.cpuMs = cpuMs();
      res.internal = `threw: ${(e as Error).message}`.slice(0, 120);
    }
    process.send!(res);
  });
  process.send!("ready");
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const all = seeds();
  let next = 0;
  await new Promise<void>((done) => {
    let child: ChildProcess;
    let timer: NodeJS.Timeout | undefined;
    let current = -1;
    const send = (): void => {
      if (next >= INPUTS) {
        child.kill();
        done();
        return;
      }
      current = next++;
      child.send(current);
      timer = setTimeout(() => {
        results.push({ i: current, mutators: input(current, all).mutators, ms: KILL_MS, cpuMs: KILL_MS, killed: true });
        child.removeAllListeners("message");
        child.kill("SIGKILL");
        start();
      }, KILL_MS);
    };
    const start = (): void => {
      child = fork(__filename, ["--worker", "--spec", SPEC_DIR, "--seed", String(SEED), "--fixtures", FIXTURES], { execArgv: ["--max-old-space-size=1536"] });
      child.on("message", (msg: Result | "ready") => {
        if (msg !== "ready") {
          clearTimeout(timer);
          results.push(msg);
        }
        send();
      });
    };
    start();
  });

  const count = (f: (r: Result) => boolean): number => results.filter(f).length;
  const ms = results.map((r) => r.cpuMs).sort((a, b) => a - b);
  const byMutator = (f: (r: Result) => boolean): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of results.filter(f)) for (const m of new Set(r.mutators)) out[m] = (out[m] ?? 0) + 1;
    return out;
  };
  const examples = (f: (r: Result) => boolean, key: keyof Result): unknown[] => results.filter(f).slice(0, 5).map((r) => ({ i: r.i, mutators: r.mutators, [key]: r[key] }));
  const summary = {
    spec: SPEC_DIR,
    fixtures: FIXTURES,
    seed: SEED,
    inputs: results.length,
    accepted: count((r) => r.ok === true),
    rejected: count((r) => r.ok === false),
    hangsOver1sCpu: count((r) => r.cpuMs > HANG_MS),
    killedAt10s: count((r) => r.killed === true),
    over1sWall: count((r) => r.ms > HANG_MS),
    internalErrors: count((r) => r.internal !== undefined),
    wrongPositions: count((r) => r.wrongPosition !== undefined),
    notCanonical: count((r) => r.notCanonical !== undefined),
    medianCpuMs: Number(ms[Math.floor(ms.length / 2)].toFixed(1)),
    p99CpuMs: Number(ms[Math.floor(ms.length * 0.99)].toFixed(1)),
    maxCpuMs: Number(ms[ms.length - 1].toFixed(1)),
    hangsByMutator: byMutator((r) => r.cpuMs > HANG_MS),
    slowest: results.filter((r) => !r.killed).sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5).map((r) => ({ i: r.i, mutators: r.mutators, cpuMs: Math.round(r.cpuMs), wallMs: Math.round(r.ms) })),
    internalExamples: examples((r) => r.internal !== undefined, "internal"),
    positionExamples: examples((r) => r.wrongPosition !== undefined, "wrongPosition"),
    canonicalExamples: examples((r) => r.notCanonical !== undefined, "notCanonical"),
  };
  console.log(`FUZZ ${JSON.stringify(summary)}`);
}

if (process.argv.includes("--worker")) worker();
else void main();
