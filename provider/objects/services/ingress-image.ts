import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SpcsError } from "../../common/errors";
import { LABEL_KIND, LABEL_MANAGED } from "../../common/labels";
import type { ContainerRuntime } from "../../runtime/container-runtime";

/** The engine-local name of the ingress image; the tag is its recipe, so a new proxy makes a new image. */
export const INGRESS_IMAGE_REPO = "pulumi-spcs/ingress";
/** Where the proxy's compiled files sit in the image. */
const PROXY_DIR = "/ingress";
/** The proxy's compiled files, next to this one's. */
const PROXY_SOURCE = path.join(__dirname, "ingress-proxy");

/**
 * The ingress image, built without any image hub from what the platform itself runs on: the Node binary
 * running this process, the shared libraries it loads (its `ldd` closure), and the ingress proxy's compiled
 * files (ingress-proxy/). Built into the engine on first use (about two seconds, ~100 MB), never pushed:
 * it is the platform's, not a user's. Returns the image reference.
 */
export async function ensureIngressImage(docker: ContainerRuntime): Promise<string> {
  const ref = `${INGRESS_IMAGE_REPO}:${ingressImageRecipe()}`;
  if (await docker.imageExists(ref)) return ref;
  const [repo, tag] = ref.split(":");
  await docker.importImage(ingressRootfsTar(), repo, tag, [
    `ENTRYPOINT ${JSON.stringify([nodeBinary(), `${PROXY_DIR}/ingress-proxy-main.js`])}`,
    `LABEL ${LABEL_MANAGED}=true ${LABEL_KIND}=ingress-image`,
  ]);
  return ref;
}

let recipe: string | undefined;
/** A hash of the node binary's identity and the proxy's files. */
export function ingressImageRecipe(): string {
  if (recipe) return recipe;
  const h = createHash("sha256").update(`${nodeBinary()} ${process.version} ${process.arch} ${fs.statSync(nodeBinary()).size}\n`);
  for (const f of proxyFiles()) h.update(f).update(fs.readFileSync(path.join(PROXY_SOURCE, f)));
  return (recipe = h.digest("hex").slice(0, 12));
}

function nodeBinary(): string {
  return fs.realpathSync(process.execPath);
}

function proxyFiles(): string[] {
  return fs.readdirSync(PROXY_SOURCE).filter((f) => f.endsWith(".js")).sort();
}

/** node, its libraries (dereferenced, at the paths the loader looks for them) and the proxy, as a tar stream. */
function ingressRootfsTar(): NodeJS.ReadableStream {
  const node = nodeBinary();
  const host = [node, ...sharedLibraries(node)].map((p) => p.slice(1));
  const gen = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-ingress-rootfs-"));
  fs.mkdirSync(path.join(gen, PROXY_DIR.slice(1)));
  fs.mkdirSync(path.join(gen, "tmp"), { mode: 0o1777 });
  for (const f of proxyFiles()) fs.copyFileSync(path.join(PROXY_SOURCE, f), path.join(gen, PROXY_DIR.slice(1), f));
  const genEntries = ["tmp", PROXY_DIR.slice(1), ...proxyFiles().map((f) => `${PROXY_DIR.slice(1)}/${f}`)];
  const hostList = `${gen}.host`, genList = `${gen}.gen`;
  fs.writeFileSync(hostList, host.join("\n") + "\n");
  fs.writeFileSync(genList, genEntries.join("\n") + "\n");
  const tar = spawn("tar", ["-c", "-h", "--no-recursion", "--owner=0", "--group=0", "--numeric-owner", "-C", "/", "-T", hostList, "-C", gen, "-T", genList], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  tar.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  tar.on("close", (code) => {
    for (const p of [gen, hostList, genList]) fs.rmSync(p, { recursive: true, force: true });
    if (code !== 0) tar.stdout.emit("error", new SpcsError("ingress-image-build", `tar of the ingress image's files failed (${code}): ${stderr.trim().slice(-500)}`));
  });
  return tar.stdout;
}

/** The absolute paths `ldd` resolves for one ELF file, the dynamic loader included. */
function sharedLibraries(elf: string): string[] {
  const res = spawnSync("ldd", [elf], { encoding: "utf8" });
  if (res.status !== 0) return []; // a static binary
  const libs: string[] = [];
  for (const line of res.stdout.split("\n")) {
    const m = line.match(/=>\s+(\/\S+)/) ?? line.match(/^\s+(\/\S+)\s+\(0x/);
    if (m) libs.push(m[1]);
  }
  return libs;
}
