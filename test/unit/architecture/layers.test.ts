import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
// Compiled to dist/test/unit/architecture: the sources are read from the checkout.
const REPO_ROOT = path.resolve(__dirname, "../../../..");

/**
 * The layers of provider/, lowest first (docs/architecture.md). A file may import its own folder and any
 * folder of a lower layer; never a higher layer, and never another folder of its own layer (services and
 * jobs, for instance, share what lies in workloads and never import each other). Subfolders belong to
 * the folder they sit in unless they are listed.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["common"],
  ["spec", "runtime", "registry", "catalog"],
  ["model"],
  ["scheduler", "schema"],
  ["platform"],
  ["objects/compute-pools"],
  ["objects/image-repositories"],
  ["objects/images"],
  ["objects/runtime-environments"],
  ["objects/network-rules"],
  ["objects/external-access-integrations"],
  ["objects/event-table"],
  ["objects/snapshots"],
  ["objects/workloads"],
  ["objects/services", "objects/jobs"],
  ["objects/service-functions"],
  ["statements"],
  ["provision"],
  ["pulumi", "agent", "sql", "plugin"],
  ["cli"],
  ["."],
];

/** Front ends translate and call statements: they never reach into objects/ themselves. */
const FRONT_ENDS = ["pulumi", "agent", "sql", "plugin", "cli", "."];

const PROVIDER = path.join(REPO_ROOT, "provider");
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, "index.ts"), base].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** Every file's relative imports, as paths relative to provider/. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(PROVIDER)) {
    const text = fs.readFileSync(file, "utf8");
    const targets = [...text.matchAll(IMPORT)].map((m) => resolveImport(file, m[1] ?? m[2] ?? m[3] ?? m[4])).filter((t): t is string => t !== undefined);
    graph.set(path.relative(PROVIDER, file), targets.map((t) => path.relative(PROVIDER, t)));
  }
  return graph;
}

/** The folder (as LAYERS names it) a file belongs to. */
export function folderOf(file: string): string {
  const dir = path.dirname(file);
  const listed = LAYERS.flat().filter((f) => dir === f || dir.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
  return listed ?? dir;
}

const rankOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Strongly connected components of more than one file (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>(), out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next), low.set(v, next++), stack.push(v), on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) visit(w), low.set(v, Math.min(low.get(v)!, low.get(w)!));
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do (w = stack.pop()!), on.delete(w), scc.push(w);
      while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe("provider/ layering", function () {
  const graph = importGraph();

  it("puts every folder in a layer", function () {
    const unlisted = [...new Set([...graph.keys()].map(folderOf))].filter((f) => rankOf(f) < 0);
    assert.deepEqual(unlisted, [], "add these folders to LAYERS (and to docs/architecture.md)");
  });

  it("has no import cycle", function () {
    assert.deepEqual(cycles(graph), []);
  });

  it("imports only downward, or within a folder", function () {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && rankOf(to) >= rankOf(from)) wrong.push(`${file} imports ${target} (${from} may not import ${to})`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("keeps front ends out of objects/: they call statements", function () {
    const wrong = [...graph].flatMap(([file, targets]) => (FRONT_ENDS.includes(folderOf(file)) ? targets.filter((t) => t.startsWith("objects/")).map((t) => `${file} imports ${t}`) : []));
    assert.deepEqual(wrong, []);
  });

  it("keeps dockerode inside runtime/", function () {
    const wrong = [...graph.keys()].filter((f) => folderOf(f) !== "runtime" && /from\s+["']dockerode["']/.test(fs.readFileSync(path.join(PROVIDER, f), "utf8")));
    assert.deepEqual(wrong, []);
  });
});
