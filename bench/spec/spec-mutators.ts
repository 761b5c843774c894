/**
 * Mutators for the spec fuzzing run (spec-fuzz.ts): each takes a seed text and a PRNG and returns a new
 * text, sometimes with USING values. They cover the classes of bad-input-findings.md: byte and line
 * edits, YAML syntax, number forms, template syntax, runtime edge values, and the amplifiers (long
 * strings, alias bombs, many aliases, unclosed blocks, placeholder floods, deep nesting).
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutated {
  text: string;
  using?: Record<string, string>;
}

const int = (r: Rng, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

const SNIPPETS = ["{{", "}}", "{%", "%}", "{#", ": ", "\t", "- ", "&a ", "*a", "---\n", "'", '"', "[", "]", "{", "}", "#", "\n  ", "!!str ", "<<: *a\n", "? ", "%YAML 1.2\n", "!x ", "|\n", ">-\n", "\u00a0", "\ufeff", "\r\n", "\r", "\u0000", "é", "😀"];
const EDGE_VALUES = ["0", "0Mi", "1Mi", "1m", "1e21", "99999999999999999Gi", "0.0001k", "1.5k", "''", "'A=B'", "'PATH=/tmp:'", "/", "/a:/b", "/a/../..", "/db/s/r/../../../other/app:1", "__proto__", "4294967296", "-1", "9007199254740993", "'\\0'", "\"a\\u0000b\"", "[]", "{}", "null", "~", "0x1F", "1e400", `${"9".repeat(400)}d`, `${"9".repeat(400)}h`, `"${"9".repeat(30)}m"`];
const KEYS = ["cpu", "memory", "size", "mountPath", "directoryPath", "envVarName", "image", "uid", "gid", "port", "path", "snapshotDeleteAfter", "metadataCache", "periodSeconds", "volumeMounts", "env", "args", "command", "secrets"];

type Mutator = (t: string, r: Rng) => Mutated;

export const MUTATORS: Record<string, Mutator> = {
  byteFlip: (t, r) => {
    const a = [...t];
    for (let k = 0, n = 1 + int(r, 4); k < n && a.length; k++) a[int(r, a.length)] = String.fromCharCode(int(r, 128));
    return { text: a.join("") };
  },
  insertChars: (t, r) => {
    const at = int(r, t.length + 1);
    return { text: t.slice(0, at) + pick(r, SNIPPETS) + t.slice(at) };
  },
  deleteChars: (t, r) => {
    const at = int(r, t.length + 1);
    return { text: t.slice(0, at) + t.slice(at + 1 + int(r, 20)) };
  },
  duplicateChars: (t, r) => {
    const at = int(r, t.length + 1);
    const n = 1 + int(r, 30);
    return { text: t.slice(0, at) + t.slice(at, at + n) + t.slice(at) };
  },
  deleteLines: (t, r) => {
    const l = t.split("\n");
    l.splice(int(r, l.length), 1 + int(r, 3));
    return { text: l.join("\n") };
  },
  duplicateLines: (t, r) => {
    const l = t.split("\n");
    const i = int(r, l.length);
    l.splice(i, 0, ...l.slice(i, i + 1 + int(r, 3)));
    return { text: l.join("\n") };
  },
  indentShift: (t, r) => {
    const l = t.split("\n");
    const i = int(r, l.length);
    l[i] = r() < 0.5 ? ` ${l[i]}` : l[i].replace(/^ /, "");
    return { text: l.join("\n") };
  },
  semanticEdge: (t, r) => {
    const key = pick(r, KEYS);
    const re = new RegExp(`(${key}:)[^\\n]*`, "g");
    const v = pick(r, EDGE_VALUES);
    if (re.test(t)) return { text: t.replace(re, `$1 ${v}`) };
    return { text: t.replace(/(image: [^\n]*\n)/, `$1    ${key}: ${v}\n`) };
  },
  numberForms: (t, r) => ({ text: t.replace(/\b\d+\b/, pick(r, ["1e21", "0x1F", "0o17", "1_000", ".5", "1.0", "-0", "+1", "1e400", "9007199254740993"])) }),
  templateInsert: (t, r) => {
    const l = t.split("\n");
    const i = int(r, l.length);
    l[i] += pick(r, [" {{ x }}", "{{ x | default('a') }}", "{{ x | d" + " ".repeat(int(r, 3000)) + "y }}", "{% if %}", "{{", "{#", "{{ x | upper }}"]);
    const using: Record<string, string> = r() < 0.5 ? { x: pick(r, ['"hunter2 #1"', '"!x"', '"0x1F"', "abc", '"{{ x }}"', '"a: b"', "123", '"*S3cr3t"']) } : {};
    return { text: l.join("\n"), using };
  },
  longString: (t, r) => ({ text: t.replace(/(image: [^\n]*\n)/, `$1    args: ["${"y".repeat(50_000 + int(r, 1_000_000))}"]\n`) }),
  aliasBomb: (t, r) => ({ text: t.replace(/(image: [^\n]*\n)/, `$1    args: [&big ${"y".repeat(10_000 + int(r, 300_000))}${", *big".repeat(99)}]\n`) }),
  manyAliases: (t, r) => ({ text: t.replace(/(image: [^\n]*\n)/, `$1    args: [&a x${", *a".repeat(1000 + int(r, 20_000))}]\n`) }),
  unclosedBlocks: (t, r) => ({ text: `# ${"{%".repeat(1000 + int(r, 40_000))}\n${t}` }),
  placeholderFlood: (t, r) => ({ text: t.replace(/image: [^\n]*/, `image: "${"{{ x }}".repeat(1000 + int(r, 130_000))}"`) }),
  deepNest: (t, r) => {
    const n = 500 + int(r, 20_000);
    return { text: `${t}\nx: ${"[".repeat(n)}${"]".repeat(n)}\n` };
  },
  crlf: (t) => ({ text: t.replace(/\n/g, "\r\n") }),
  bom: (t) => ({ text: `\ufeff${t}` }),
  tabs: (t, r) => {
    const l = t.split("\n");
    const i = int(r, l.length);
    l[i] = l[i].replace(/^ +/, "\t");
    return { text: l.join("\n") };
  },
  multilineScalar: (t, r) => {
    const l = t.split("\n");
    l.splice(int(r, l.length), 0, " :", "1", "  Y:");
    return { text: l.join("\n") };
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** The amplifiers are slow by design (on the old code, seconds each); they get a small share of the run. */
const HEAVY = new Set(["longString", "aliasBomb", "manyAliases", "unclosedBlocks", "placeholderFlood", "deepNest"]);
const HEAVY_WEIGHT = 0.05;

function pickMutator(r: Rng): string {
  const total = MUTATOR_NAMES.reduce((s, n) => s + (HEAVY.has(n) ? HEAVY_WEIGHT : 1), 0);
  let x = r() * total;
  for (const n of MUTATOR_NAMES) {
    x -= HEAVY.has(n) ? HEAVY_WEIGHT : 1;
    if (x < 0) return n;
  }
  return MUTATOR_NAMES[0];
}

/** One to three mutations of `seed`, chosen by `r`; USING values of the mutators are merged. */
export function mutate(seed: Mutated, r: Rng): Mutated & { mutators: string[] } {
  let cur: Mutated = { text: seed.text, using: seed.using };
  const mutators: string[] = [];
  for (let k = 0, n = 1 + int(r, 3); k < n; k++) {
    const name = pickMutator(r);
    mutators.push(name);
    const next = MUTATORS[name](cur.text, r);
    cur = { text: next.text, using: next.using || cur.using ? { ...cur.using, ...next.using } : undefined };
  }
  return { ...cur, mutators };
}
