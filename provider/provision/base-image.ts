import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlatformConfig } from "../common/config";
import { LABEL_KIND, LABEL_MANAGED } from "../common/labels";
import { RegistryClient } from "../registry/registry-client";
import { DockerRuntime } from "../runtime/docker-runtime";
import { createRepository } from "../objects/image-repositories/image-repositories";
import { BASE_IMAGE_NAME, BASE_IMAGE_REPOSITORY, baseImageRepo } from "../model/platform-images";
import { openPlatform } from "../platform/platform";
import { aptInstall, run, which } from "./system";
import type { PartStatus } from "./part-status";

/**
 * The base image for examples and tests, built without any image hub: Debian's static busybox in an
 * otherwise empty root filesystem (a shell, wget, nc, httpd and the rest of busybox's applets), published
 * as `/snowflake/images/snowflake_images/busybox:<tag>` (model/platform-images.ts).
 */

export async function ensureBaseImage(config: PlatformConfig, log: (line: string) => void): Promise<PartStatus> {
  const registry = new RegistryClient(config.registry);
  const remote = "snowflake/images/snowflake_images/" + BASE_IMAGE_NAME;
  createRepository(openPlatform(config), { ...BASE_IMAGE_REPOSITORY }, { ifNotExists: true, comment: "Images provided by the platform" });
  const tag = busyboxTag(log);
  const existing = await registry.resolve(remote, tag);
  if (existing) return baseStatus(config, tag, existing.digest, "present");
  const docker = new DockerRuntime(config.dockerHost);
  const repo = baseImageRepo(config);
  if (!(await docker.imageExists(`${repo}:${tag}`))) {
    log(`building ${repo}:${tag} from Debian's busybox-static`);
    await docker.importImage(rootfsTar(), repo, tag, [
      'CMD ["/bin/sh"]',
      "ENV PATH=/usr/local/bin:/usr/bin:/bin:/sbin",
      `LABEL ${LABEL_MANAGED}=true ${LABEL_KIND}=base-image`,
    ]);
  }
  await docker.tagImage(`${repo}:${tag}`, repo, "latest");
  log(`pushing ${repo}:${tag}`);
  await docker.pushImage(repo, tag);
  await docker.pushImage(repo, "latest");
  const pushed = await registry.resolve(remote, tag);
  return baseStatus(config, tag, pushed?.digest, "built and pushed");
}

export async function baseImageStatus(config: PlatformConfig): Promise<PartStatus> {
  const ref = await new RegistryClient(config.registry).resolve("snowflake/images/snowflake_images/" + BASE_IMAGE_NAME, "latest").catch(() => undefined);
  return ref
    ? { name: "base-image", ok: true, address: `${baseImageRepo(config)}:latest`, version: ref.digest.slice(0, 19), detail: "in the registry" }
    : { name: "base-image", ok: false, address: `${baseImageRepo(config)}:latest`, detail: "not in the registry; run `spcs platform up`" };
}

function baseStatus(config: PlatformConfig, tag: string, digest: string | undefined, detail: string): PartStatus {
  return { name: "base-image", ok: true, address: `${baseImageRepo(config)}:${tag}`, version: digest?.slice(0, 19), detail };
}

/** The tag is busybox's own version, so a new busybox-static makes a new image instead of reusing the old. */
function busyboxTag(log: (line: string) => void): string {
  const bin = busyboxPath(log);
  const banner = run(bin, ["--help"]).split("\n")[0] ?? "";
  const m = banner.match(/v(\d+\.\d+\.\d+)/);
  return m ? m[1] : "1";
}

let busybox: string | undefined;
function busyboxPath(_log: (line: string) => void): string {
  busybox ??= ["/bin/busybox", "/usr/bin/busybox"].find((p) => fs.existsSync(p) && isStatic(p));
  if (!busybox) throw new Error("busybox-static is not installed; `spcs platform up` installs it");
  return busybox;
}

function isStatic(p: string): boolean {
  try {
    return !run("ldd", [p]).includes("=>");
  } catch {
    return true; // ldd fails on static binaries: "not a dynamic executable"
  }
}

export async function ensureBusyboxStatic(log: (line: string) => void): Promise<void> {
  if (!["/bin/busybox", "/usr/bin/busybox"].some((p) => fs.existsSync(p) && isStatic(p))) await aptInstall(["busybox-static"], log);
}

/** A tar stream of a root filesystem: busybox, a link per applet, /etc/passwd, /tmp. */
function rootfsTar(): NodeJS.ReadableStream {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-rootfs-"));
  const bin = path.join(root, "bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const d of ["tmp", "etc", "root", "usr/bin", "usr/local/bin", "sbin", "var/www"]) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.chmodSync(path.join(root, "tmp"), 0o1777);
  fs.copyFileSync(busyboxPath(() => undefined), path.join(bin, "busybox"));
  fs.chmodSync(path.join(bin, "busybox"), 0o755);
  for (const applet of run(path.join(bin, "busybox"), ["--list"]).split("\n").filter(Boolean)) {
    if (applet !== "busybox") fs.symlinkSync("busybox", path.join(bin, applet));
  }
  fs.writeFileSync(path.join(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
  fs.writeFileSync(path.join(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
  const tar = spawn(which("tar") ?? "tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
  tar.on("close", () => fs.rmSync(root, { recursive: true, force: true }));
  return tar.stdout;
}
