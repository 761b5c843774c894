/**
 * Validations per second of the spec pipeline (render → parse → schema → rules → normalise → digest),
 * against the bare `yaml` parse (YAML.parse: parseDocument + toJS) of the same text, in the same run.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/spec/spec-bench.js
 *
 * Cases: a typical 3-container service; 20 containers (the per-service limit, still valid, so the full
 * pipeline including normalisation runs); 30 containers, which SPCS does not allow: it yields one
 * spec/limit diagnostic after every rule has run, but skips normalisation.
 * Prints a table and one JSON line (prefixed "BENCH ") for tools.
 */
import { parse } from "yaml";
import { analyzeSpec } from "../../provider/spec";

function container(i: number): string {
  return `  - name: c${i}
    image: /db/schema/repo/app-${i}:1.${i}.0
    command: [/bin/app]
    args: [--port, "${8000 + i}", --verbose]
    env:
      PORT: ${8000 + i}
      MODE: production
      REGION: eu-west-1
    readinessProbe:
      port: ${8000 + i}
      path: /healthz
    volumeMounts:
    - name: cache
      mountPath: /cache/c${i}
    resources:
      requests: { cpu: 500m, memory: 512Mi }
      limits: { cpu: 1, memory: 1Gi }
    secrets:
    - snowflakeSecret: db.schema.secret_${i}
      secretKeyRef: secret_string
      envVarName: SECRET_${i}
`;
}

export function specWithContainers(n: number): string {
  return `spec:
  containers:
${Array.from({ length: n }, (_, i) => container(i)).join("")}  endpoints:
  - name: http
    port: 8000
    public: true
  - name: metrics
    port: 9000
    protocol: TCP
  volumes:
  - name: cache
    source: memory
    size: 2Gi
  logExporters:
    eventTableConfig:
      logLevel: INFO
serviceRoles:
- name: users
  endpoints: [http]
`;
}

function opsPerSecond(fn: () => void, minMs: number): number {
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10; i++) fn();
    ops += 10;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (ops * 1000) / elapsed;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Row {
  name: string;
  containers: number;
  bytes: number;
  ok: boolean;
  diagnostics: string[];
  analyzeOpsPerSec: number;
  yamlParseOpsPerSec: number;
  /** How many times longer analyzeSpec takes than the bare parse (median of the per-round ratios). */
  ratio: number;
}

/**
 * The two measurements alternate in short rounds and the medians are reported, so a busy machine slows
 * both sides alike instead of skewing the ratio.
 */
export function runBench(rounds = 7, roundMs = 300): Row[] {
  return [3, 20, 30].map((n) => {
    const text = specWithContainers(n);
    const probe = analyzeSpec(text);
    const analyze = (): unknown => analyzeSpec(text);
    const bare = (): unknown => parse(text);
    for (let i = 0; i < 50; i++) [analyze(), bare()]; // warm-up: JIT and caches
    const a: number[] = [];
    const p: number[] = [];
    for (let r = 0; r < rounds; r++) {
      a.push(opsPerSecond(analyze, roundMs));
      p.push(opsPerSecond(bare, roundMs));
    }
    return {
      name: `${n} containers`,
      containers: n,
      bytes: text.length,
      ok: probe.ok,
      diagnostics: probe.diagnostics.map((d) => d.code),
      analyzeOpsPerSec: Math.round(median(a)),
      yamlParseOpsPerSec: Math.round(median(p)),
      ratio: Number(median(a.map((x, i) => p[i] / x)).toFixed(2)),
    };
  });
}

if (require.main === module) {
  const rows = runBench();
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  console.log(`${"case".padEnd(16)}${pad("bytes", 8)}${pad("valid", 7)}${pad("analyzeSpec ops/s", 19)}${pad("YAML.parse ops/s", 18)}${pad("cost vs parse", 15)}`);
  for (const r of rows) console.log(`${r.name.padEnd(16)}${pad(r.bytes, 8)}${pad(r.ok ? "yes" : "no", 7)}${pad(r.analyzeOpsPerSec, 19)}${pad(r.yamlParseOpsPerSec, 18)}${pad(`${r.ratio}x`, 15)}`);
  console.log(`(30 containers exceeds the limit of 20: ${rows[2].diagnostics.join(", ")}; all rules run, normalisation does not)`);
  console.log(`BENCH ${JSON.stringify({ bench: "spec", node: process.version, results: rows })}`);
}
