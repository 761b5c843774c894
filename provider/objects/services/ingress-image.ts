import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SpcsError } from "../../common/errors";
import { LABEL_KIND, LABEL_MANAGED } from "../../common/labels";
import { haproxyPackagesDir } from "../../common/tools-cache";
import type { ContainerRuntime } from "../../runtime/container-runtime";
import { CONFIG_MOUNT, HAPROXY_CFG, LUA_PATH } from "./ingress-proxy/haproxy-config";
import { INGRESS_LUA } from "./ingress-proxy/ingress-lua";

/** The engine-local name of the ingress image; the tag is its recipe, so a new proxy makes a new image. */
export const INGRESS_IMAGE_REPO = "pulumi-spcs/ingress";
/** haproxy in the image (Debian's path). */
export const HAPROXY_BIN = "/usr/sbin/haproxy";

/**
 * The ingress image, built without any image hub: haproxy and the libraries it loads from Debian's
 * packages (unpacked by `platform up`, provision/haproxy-packages.ts; the rest of its `ldd` closure, libc
 * and OpenSSL among them, from the host's own Debian packages) and the ingress's Lua (ingress-lua.ts).
 * The configuration is not in it: each ingress mounts its own (haproxy-config.ts). Built into the engine
 * on first use (under a second, ~20 MB), never pushed. Returns the image reference.
 */
export async function ensureIngressImage(docker: ContainerRuntime): Promise<string> {
  const ref = `${INGRESS_IMAGE_REPO}:${ingressImageRecipe()}`;
  if (await docker.imageExists(ref)) return ref;
  const [repo, tag] = ref.split(":");
  await docker.importImage(ingressRootfsTar(), repo, tag, [
    // -db: in the foreground, as the container's one process (`docker stop` ends it at once).
    `ENTRYPOINT ${JSON.stringify([HAPROXY_BIN, "-db", "-f", `${CONFIG_MOUNT}/${HAPROXY_CFG}`])}`,
    `LABEL ${LABEL_MANAGED}=true ${LABEL_KIND}=ingress-image`,
  ]);
  return ref;
}

let recipe: string | undefined;
/** A hash of the Debian packages (their file names carry their versions), the host's libc and the Lua. */
export function ingressImageRecipe(): string {
  if (recipe) return recipe;
  const h = createHash("sha256").update(packagesList()).update(INGRESS_LUA).update(HAPROXY_BIN);
  for (const lib of hostLibraries()) h.update(`${lib} ${fs.statSync(lib).size}\n`);
  return (recipe = h.digest("hex").slice(0, 12));
}

function packagesRoot(): string {
  return path.join(haproxyPackagesDir(), "root");
}

function packagesList(): string {
  try {
    return fs.readFileSync(path.join(haproxyPackagesDir(), "packages.txt"), "utf8");
  } catch {
    throw new SpcsError("ingress-image-build", `haproxy's Debian packages are not unpacked in ${haproxyPackagesDir()}`, "run `spcs platform up`, which downloads them");
  }
}

/**
 * Every library haproxy loads, from the unpacked packages first, else from the host. Fails when one is
 * found nowhere, naming it.
 */
function libraries(): string[] {
  const root = packagesRoot();
  const res = spawnSync("ldd", [path.join(root, HAPROXY_BIN.slice(1))], { encoding: "utf8", env: { ...process.env, LD_LIBRARY_PATH: path.join(root, "usr/lib/x86_64-linux-gnu") } });
  if (res.status !== 0) throw new SpcsError("ingress-image-build", `ldd of haproxy failed: ${(res.stderr || res.stdout).trim()}`, "run `spcs platform up` again to unpack haproxy's packages afresh");
  const missing = res.stdout.split("\n").filter((l) => l.includes("=> not found")).map((l) => l.trim().split(" ")[0]);
  if (missing.length) throw new SpcsError("ingress-image-build", `haproxy needs ${missing.join(", ")}, found neither in its packages nor on this machine`, "install the Debian packages that hold them, then run `spcs platform up` again");
  const libs: string[] = [];
  for (const line of res.stdout.split("\n")) {
    const m = line.match(/=>\s+(\/\S+)/) ?? line.match(/^\s+(\/\S+)\s+\(0x/);
    if (m) libs.push(m[1]);
  }
  return libs;
}

let hostLibs: string[] | undefined;
function hostLibraries(): string[] {
  return (hostLibs ??= libraries().filter((l) => !l.startsWith(packagesRoot() + "/")));
}

/** haproxy, its libraries (dereferenced, at the paths the loader looks for them) and the Lua, as a tar stream. */
function ingressRootfsTar(): NodeJS.ReadableStream {
  const root = packagesRoot();
  const fromPackages = [HAPROXY_BIN.slice(1), ...libraries().filter((l) => l.startsWith(root + "/")).map((l) => path.relative(root, l))];
  const fromHost = hostLibraries().map((l) => l.slice(1));
  const gen = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-ingress-rootfs-"));
  fs.mkdirSync(path.join(gen, path.dirname(LUA_PATH).slice(1)), { recursive: true });
  fs.mkdirSync(path.join(gen, CONFIG_MOUNT.slice(1)));
  fs.mkdirSync(path.join(gen, "tmp"), { mode: 0o1777 });
  fs.writeFileSync(path.join(gen, LUA_PATH.slice(1)), INGRESS_LUA);
  const genEntries = ["tmp", CONFIG_MOUNT.slice(1), path.dirname(LUA_PATH).slice(1), LUA_PATH.slice(1)];
  const lists = { pkg: `${gen}.pkg`, host: `${gen}.host`, gen: `${gen}.gen` };
  fs.writeFileSync(lists.pkg, fromPackages.join("\n") + "\n");
  fs.writeFileSync(lists.host, fromHost.join("\n") + "\n");
  fs.writeFileSync(lists.gen, genEntries.join("\n") + "\n");
  const tar = spawn("tar", ["-c", "-h", "--no-recursion", "--owner=0", "--group=0", "--numeric-owner", "-C", root, "-T", lists.pkg, "-C", "/", "-T", lists.host, "-C", gen, "-T", lists.gen], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  tar.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  tar.on("close", (code) => {
    for (const p of [gen, ...Object.values(lists)]) fs.rmSync(p, { recursive: true, force: true });
    if (code !== 0) tar.stdout.emit("error", new SpcsError("ingress-image-build", `tar of the ingress image's files failed (${code}): ${stderr.trim().slice(-500)}`));
  });
  return tar.stdout;
}
