// Per-operation overhead of the provider plugin against the dynamic provider, in one run: the same
// ComputePool created (`pulumi up`) and deleted (`pulumi destroy`) N times through each, from the same
// Node program shape, so the language host is the same and only the provider path differs.
// Usage: node scripts/bench-plugin.js [N]   (needs `npm run build` and `spcs platform up`)
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { offlinePulumiEnv, pulumiCacheBin } = require("../dist/provider/provision/pulumi-cli");

const ROOT = path.resolve(__dirname, "..");
const N = Number(process.argv[2] ?? 10);
const PROGRAMS = {
  dynamic: `const spcs = require("pulumi-spcs");\nnew spcs.ComputePool("pool", { name: "BENCH_POOL", instanceFamily: "CPU_X64_XS" });\n`,
  plugin: `const pulumi = require("@pulumi/pulumi");\nnew pulumi.CustomResource("spcs:index:ComputePool", "pool", { name: "BENCH_POOL", instanceFamily: "CPU_X64_XS" });\n`,
};

function stack(kind, work) {
  const dir = path.join(work, kind);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: bench-${kind}\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAMS[kind]);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const env = offlinePulumiEnv(pulumiCacheBin(), {
    PULUMI_BACKEND_URL: `file://${work}/state-${kind}`,
    PULUMI_HOME: path.join(work, "pulumi-home"),
    PULUMI_CONFIG_PASSPHRASE: "bench",
    SPCS_HOME: path.join(work, "home"),
  });
  fs.mkdirSync(`${work}/state-${kind}`, { recursive: true });
  const pulumi = (args) => {
    const t = process.hrtime.bigint();
    const r = spawnSync("pulumi", [...args, "--non-interactive", "--stack", "bench"], { cwd: dir, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${kind}: pulumi ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  pulumi(["stack", "init"]);
  return pulumi;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-bench-plugin-"));
try {
  const runs = { dynamic: stack("dynamic", work), plugin: stack("plugin", work) };
  const times = { dynamic: { create: [], delete: [] }, plugin: { create: [], delete: [] } };
  for (let i = 0; i < N; i++) {
    for (const kind of i % 2 ? ["plugin", "dynamic"] : ["dynamic", "plugin"]) {
      times[kind].create.push(runs[kind](["up", "--yes", "--skip-preview"]));
      times[kind].delete.push(runs[kind](["destroy", "--yes", "--skip-preview"]));
    }
  }
  const fmt = (x) => `${(x / 1000).toFixed(2)} s`;
  for (const kind of ["dynamic", "plugin"]) {
    for (const op of ["create", "delete"]) {
      const s = stats(times[kind][op]);
      console.log(`${kind.padEnd(8)} ${op}: median ${fmt(s.median)}  mean ${fmt(s.mean)}  min ${fmt(s.min)}  max ${fmt(s.max)}  (n=${N}, whole pulumi command)`);
    }
  }
  console.log(JSON.stringify(times));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
