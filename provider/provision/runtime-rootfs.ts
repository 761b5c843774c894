import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SpcsError } from "../common/errors";
import { RUNTIME_DISTRIBUTIONS, SITE_PACKAGES, distributionFiles, type StubDistribution } from "./runtime-distributions";
import { run } from "./system";

/**
 * The root filesystem of the offline ML runtime stand-in, assembled from the host's own Debian packages
 * (no image hub is reachable here): Python 3.11 with its standard library and pip, bash, the shared
 * libraries every copied ELF file needs (its `ldd` closure), busybox for the coreutils, the stub
 * distributions, `/usr/local/bin/entrypoint.sh` and the notebook controller script in the working
 * directory. The layout is Debian's merged /usr: /bin, /lib, /lib64 and /sbin are links into /usr.
 *
 * Host files are streamed by tar straight from /, never copied; only the generated files go through a
 * temporary folder. On two cores the whole image builds in a few seconds.
 */

/** Debian packages whose files make up the runtime (with their byte-compiled caches). */
export const RUNTIME_DEBIAN_PACKAGES = ["python3.11-minimal", "libpython3.11-minimal", "libpython3.11-stdlib", "python3-minimal", "python3-pip", "bash"] as const;

/** The working directory of the image: the notebook platform runs `./start_nbctl.sh` from here. */
export const RUNTIME_WORKDIR = "/app";

/** What a variant changes in the filesystem (tests build broken images from the same files). */
export interface RootfsVariant {
  /** Distribution names (METADATA Name) to leave out. */
  omitDistributions?: readonly string[];
  /** Distributions to add. */
  extraDistributions?: readonly StubDistribution[];
}

const ENTRYPOINT_SCRIPT = `#!/bin/bash
# Stand-in for the Snowflake ML runtime's entrypoint: with a command, run it (how ML Jobs and the
# validator use the image); without one, stay up like a runtime waiting for work.
set -e
if [ "$#" -gt 0 ]; then exec "$@"; fi
echo "container runtime ready (dashboard port \${DASHBOARD_PORT:-unset})"
while :; do sleep 3600; done
`;

const NBCTL_SCRIPT = `#!/bin/bash
# Stand-in for the notebook controller the notebook platform starts as \`./start_nbctl.sh /shared/nbctl\`.
echo "notebook controller stand-in: $*"
while :; do sleep 3600; done
`;

/** A tar stream of the runtime's root filesystem; the temporary folder goes when the stream ends. */
export function runtimeRootfsTar(variant: RootfsVariant = {}): NodeJS.ReadableStream {
  const host = hostFiles();
  const gen = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-runtime-rootfs-"));
  const genEntries = writeGeneratedFiles(gen, new Set(host), variant);
  const hostList = path.join(gen, "..", path.basename(gen) + ".host");
  const genList = path.join(gen, "..", path.basename(gen) + ".gen");
  fs.writeFileSync(hostList, host.join("\n") + "\n");
  fs.writeFileSync(genList, genEntries.join("\n") + "\n");
  const tar = spawn("tar", ["-c", "--no-recursion", "--owner=0", "--group=0", "--numeric-owner", "-C", "/", "-T", hostList, "-C", gen, "-T", genList], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  tar.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  tar.on("close", (code) => {
    for (const p of [gen, hostList, genList]) fs.rmSync(p, { recursive: true, force: true });
    if (code !== 0) tar.stdout.emit("error", new SpcsError("runtime-image-build", `tar of the runtime root filesystem failed (${code}): ${stderr.trim().slice(-500)}`));
  });
  return tar.stdout;
}

let hostFileCache: string[] | undefined;

/**
 * Every host path (relative to /, canonical directories) the image takes from the host: the packages'
 * files and their `__pycache__`, plus the shared-library closure of each ELF file among them. Symlinks
 * bring their targets. Computed once per process (dpkg and ldd take about a second).
 */
export function hostFiles(): string[] {
  if (hostFileCache) return hostFileCache;
  const missing = RUNTIME_DEBIAN_PACKAGES.filter((p) => spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" }).stdout?.includes("installed") !== true);
  if (missing.length) {
    throw new SpcsError("runtime-image-build", `the ML runtime image is built from the host's Debian packages, and ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not installed`, "apt-get install -y python3-minimal python3-pip bash (`spcs platform up` does this)");
  }
  const files = new Set<string>();
  const add = (p: string) => addWithTargets(files, p);
  for (const pkg of RUNTIME_DEBIAN_PACKAGES) {
    for (const f of run("dpkg-query", ["-L", pkg]).split("\n")) {
      if (!f.startsWith("/") || f === "/." || /^\/usr\/share\/(doc|man|info|lintian)\//.test(f)) continue;
      add(f);
      if (f.endsWith(".py")) add(path.join(path.dirname(f), "__pycache__", path.basename(f, ".py") + ".cpython-311.pyc"));
    }
  }
  for (const elf of [...files].filter(isElf)) {
    for (const lib of sharedLibraries(elf)) add(lib);
  }
  return (hostFileCache = [...files].map((f) => f.slice(1)).sort());
}

/** Adds a path with its directory made canonical (so /bin/bash lands as /usr/bin/bash), and a link's target. */
function addWithTargets(files: Set<string>, p: string): void {
  let canonical: string;
  try {
    canonical = path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    const st = fs.lstatSync(canonical);
    if (files.has(canonical)) return;
    files.add(canonical);
    if (st.isSymbolicLink()) addWithTargets(files, path.resolve(path.dirname(canonical), fs.readlinkSync(canonical)));
  } catch {
    /* listed by dpkg but not on disk (a diverted or removed file): not needed */
  }
}

function isElf(p: string): boolean {
  try {
    const st = fs.lstatSync(p);
    if (!st.isFile()) return false;
    const fd = fs.openSync(p, "r");
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } catch {
    return false;
  }
}

/** The absolute paths `ldd` resolves for one ELF file, the dynamic loader included. */
function sharedLibraries(elf: string): string[] {
  const res = spawnSync("ldd", [elf], { encoding: "utf8" });
  if (res.status !== 0) return []; // static, or not an executable ELF
  const libs: string[] = [];
  for (const line of res.stdout.split("\n")) {
    const m = line.match(/=>\s+(\/\S+)/) ?? line.match(/^\s+(\/\S+)\s+\(0x/);
    if (m) libs.push(m[1]);
  }
  return libs;
}

/** Writes the generated part of the filesystem into `root`; returns its entries, relative, for tar. */
function writeGeneratedFiles(root: string, host: Set<string>, variant: RootfsVariant): string[] {
  const write = (rel: string, content: string | Buffer, mode = 0o644) => {
    fs.mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content, { mode });
    fs.chmodSync(path.join(root, rel), mode);
  };
  for (const d of ["bin", "sbin", "lib", "lib64"]) fs.symlinkSync(`usr/${d}`, path.join(root, d));
  for (const d of ["tmp", "root", "proc", "sys", "dev", "etc", "usr/sbin", "usr/lib64", RUNTIME_WORKDIR.slice(1)]) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.chmodSync(path.join(root, "tmp"), 0o1777);
  write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
  write("etc/group", "root:x:0:\nnogroup:x:65534:\n");
  write("usr/local/bin/entrypoint.sh", ENTRYPOINT_SCRIPT, 0o755);
  write(`${RUNTIME_WORKDIR.slice(1)}/start_nbctl.sh`, NBCTL_SCRIPT, 0o755);
  writeBusybox(root, host);
  const omit = new Set((variant.omitDistributions ?? []).map((n) => n.toLowerCase()));
  for (const d of [...RUNTIME_DISTRIBUTIONS.filter((x) => !omit.has(x.name.toLowerCase())), ...(variant.extraDistributions ?? [])]) {
    for (const [rel, content] of Object.entries(distributionFiles(d))) write(`${SITE_PACKAGES}/${rel}`, content);
  }
  // tar entries must be unique (the engine refuses duplicates): directories the host part has stay there.
  return walk(root, "").filter((rel) => !host.has(rel)).sort();
}

/** Every entry under `dir`, relative; symlinks are entries, never followed (fs.readdirSync's recursion follows them). */
function walk(root: string, rel: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    out.push(child);
    if (e.isDirectory()) out.push(...walk(root, child));
  }
  return out;
}

/** Busybox at /usr/bin/busybox, linked as every applet the Debian packages do not already provide. */
function writeBusybox(root: string, host: Set<string>): void {
  const busybox = ["/bin/busybox", "/usr/bin/busybox"].find((p) => fs.existsSync(p));
  if (!busybox) throw new SpcsError("runtime-image-build", "busybox is not installed", "apt-get install -y busybox-static (`spcs platform up` does this)");
  fs.mkdirSync(path.join(root, "usr/bin"), { recursive: true });
  fs.copyFileSync(busybox, path.join(root, "usr/bin/busybox"));
  fs.chmodSync(path.join(root, "usr/bin/busybox"), 0o755);
  for (const applet of run(busybox, ["--list-full"]).split("\n").filter(Boolean)) {
    const rel = "usr/" + applet.replace(/^usr\//, "");
    if (rel === "usr/bin/busybox" || host.has(rel) || fs.existsSync(path.join(root, rel))) continue;
    fs.mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
    fs.symlinkSync("/usr/bin/busybox", path.join(root, rel));
  }
}
