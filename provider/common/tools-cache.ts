import * as os from "node:os";
import * as path from "node:path";

/** The machine-wide cache of the tools the platform fetches (Pulumi CLI, fakesnow, haproxy's packages). */
export function toolsCacheDir(): string {
  return process.env.SPCS_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-spcs");
}

/**
 * Where `platform up` unpacks Debian's haproxy packages (provision/haproxy-packages.ts): `root/` holds
 * their files as `dpkg-deb -x` lays them out, `packages.txt` the .deb files they came from.
 */
export function haproxyPackagesDir(): string {
  return path.join(toolsCacheDir(), "haproxy");
}
