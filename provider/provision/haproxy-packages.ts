import * as fs from "node:fs";
import * as path from "node:path";
import { SpcsError } from "../common/errors";
import { haproxyPackagesDir } from "../common/tools-cache";
import { aptDownload, aptInstall, run } from "./system";

/**
 * Debian packages whose files the ingress image takes (objects/services/ingress-image.ts): haproxy (2.6
 * in bookworm, built with Lua) and the libraries it needs that a Debian machine does not have as a rule.
 * They are downloaded and unpacked under the tools cache, never installed: no haproxy service runs on
 * the host.
 */
export const HAPROXY_DEBIAN_PACKAGES = ["haproxy", "liblua5.3-0", "libopentracing-c-wrapper0", "libopentracing1"] as const;
/** Libraries haproxy loads that come with most Debian systems; installed on the host when missing. */
const HOST_LIBRARIES = ["libc6", "libcrypt1", "libssl3", "libpcre2-8-0", "libsystemd0", "libstdc++6", "libgcc-s1"];

/** Downloads and unpacks the packages once; a later call finds them and returns at once. */
export async function ensureHaproxyPackages(log: (line: string) => void): Promise<void> {
  const dir = haproxyPackagesDir();
  const listFile = path.join(dir, "packages.txt");
  if (fs.existsSync(listFile) && fs.existsSync(path.join(dir, "root", "usr", "sbin", "haproxy"))) return;
  await aptInstall(HOST_LIBRARIES, log);
  const work = `${dir}.tmp-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, "debs"), { recursive: true });
  try {
    await aptDownload([...HAPROXY_DEBIAN_PACKAGES], path.join(work, "debs"), log);
    const debs = fs.readdirSync(path.join(work, "debs")).filter((f) => f.endsWith(".deb")).sort();
    if (debs.length < HAPROXY_DEBIAN_PACKAGES.length) throw new SpcsError("ingress-image-build", `apt-get download gave ${debs.join(", ") || "nothing"} for ${HAPROXY_DEBIAN_PACKAGES.join(", ")}`, "check that apt can reach Debian's archive, then run `spcs platform up` again");
    for (const deb of debs) run("dpkg-deb", ["-x", path.join(work, "debs", deb), path.join(work, "root")]);
    fs.rmSync(path.join(work, "debs"), { recursive: true, force: true });
    fs.writeFileSync(path.join(work, "packages.txt"), debs.join("\n") + "\n");
    // Whole or absent: a process that reads it never sees half of it. Another `platform up` that got
    // there first leaves its copy in place.
    if (!fs.existsSync(listFile)) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(work, dir);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
