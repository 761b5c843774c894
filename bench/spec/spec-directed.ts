/**
 * The directed boundary cases of bad-input-findings.md §4.3 (the ones accepted by the old analyser),
 * each as a minimal input, run against a build of provider/spec:
 *
 *   node dist/bench/spec/spec-directed.js [--spec DIR]
 *
 * Prints one line per case (accepted, or the codes it was rejected with) and a JSON line "DIRECTED ".
 */
import * as path from "node:path";

interface Analysis { ok: boolean; diagnostics: { code: string }[]; specDigest?: string; canonicalYaml?: string }
type Analyze = (text: string, opts?: { using?: Record<string, string> }) => Analysis;

const i = process.argv.indexOf("--spec");
const SPEC_DIR = path.resolve(i === -1 ? path.join(__dirname, "../../provider/spec") : process.argv[i + 1]);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const analyzeSpec = (require(SPEC_DIR) as { analyzeSpec: Analyze }).analyzeSpec;

const M = "spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n";
const res = (limits: string): string => `${M}    resources:\n      limits:\n${limits}`;
const vol = (v: string): string => `${M}  volumes:\n  - name: v\n${v}`;
const mount = (p: string): string => `${M}    volumeMounts:\n    - name: v\n      mountPath: ${p}\n  volumes:\n  - name: v\n    source: local\n`;

const CASES: Record<string, [string, Record<string, string>?]> = {
  "cpu-limit-zero": [res("        cpu: 0\n")],
  "memory-limit-zero": [res("        memory: 0Mi\n")],
  "memory-limit-1Mi": [res("        memory: 1Mi\n")],
  "cpu-limit-1m": [res("        cpu: 1m\n")],
  "memory-volume-size-zero": [vol("    source: memory\n    size: 0Gi\n")],
  "memory-volume-size-fraction": [vol("    source: memory\n    size: 0.0001k\n")],
  "mount-at-root": [mount("/")],
  "mount-path-colon": [mount("/a:/b")],
  "mount-path-dotdot": [mount("/a/../..")],
  "secret-dir-root": [`${M}    secrets:\n    - snowflakeSecret: s\n      directoryPath: /\n`],
  "env-name-empty": [`${M}    env:\n      "": x\n`],
  "env-name-equals": [`${M}    env:\n      A=B: x\n`],
  "env-name-space-newline": [`${M}    env:\n      "A B\\nC": x\n`],
  "env-value-nul": [`${M}    env:\n      A: "x\\0y"\n`],
  "env-proto": [`${M}    env:\n      __proto__: x\n`],
  "secret-envVarName-equals": [`${M}    secrets:\n    - snowflakeSecret: s\n      secretKeyRef: password\n      envVarName: "PATH=/tmp:"\n`],
  "cpu-1e21": [`${M}    resources:\n      requests:\n        cpu: 1e21\n`],
  "retention-400-digits": [vol(`    source: block\n    size: 10Gi\n    blockConfig:\n      snapshotDeleteAfter: ${"9".repeat(400)}d\n`)],
  "memory-2^53": [`${M}    resources:\n      requests:\n        memory: 99999999999999999Gi\n`],
  "uid-huge": [vol('    source: stage\n    uid: 4294967296\n    stageConfig:\n      name: "@db.s.st"\n')],
  "image-dotdot": [M.replace("/db/s/r/app:1", "/db/s/r/../../../other/app:1")],
  "volume-mounts-empty": [`${M}    volumeMounts: []\n`],
  "alias-amplification-1MB": [`${M}    args: [&big ${"y".repeat(1_048_576)}${", *big".repeat(99)}]\n`],
  "using-hash-truncates": [`${M}    env:\n      PW: {{ pw }}\n      TAG: {{ tag }}\n      HEX: {{ hex }}\n`, { pw: '"hunter2 #1"', tag: '"!x"', hex: '"0x1F"' }],
};

const out: Record<string, string> = {};
for (const [name, [text, using]] of Object.entries(CASES)) {
  const r = analyzeSpec(text, using ? { using } : {});
  let verdict = r.ok ? "accepted" : `rejected: ${[...new Set(r.diagnostics.filter((d) => (d as { severity?: string }).severity !== "warning").map((d) => d.code))].join(", ")}`;
  if (r.ok && name === "using-hash-truncates") {
    const env = (r as unknown as { spec: { spec: { containers: { env: Record<string, string> }[] } } }).spec.spec.containers[0].env;
    verdict += ` with env ${JSON.stringify(env)}`;
  }
  if (r.ok && r.canonicalYaml !== undefined && !analyzeSpec(r.canonicalYaml).ok) verdict += " (canonical form invalid)";
  out[name] = verdict;
  console.log(`${name.padEnd(30)} ${verdict}`);
}
console.log(`DIRECTED ${JSON.stringify({ spec: SPEC_DIR, cases: out })}`);
