import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RUNTIME_IMAGE_VERSION, runtimeImageRepo } from "../../provider/model/platform-images";
import type { TestPlatform } from "./test-platform";

/** The connector the image gets; the same version `snow` 3.30 pins on the host. */
export const IMAGE_CONNECTOR = "snowflake-connector-python==4.7.5";
/** Shared libraries the connector's wheels (cryptography, the Arrow iterator) need and the runtime stand-in lacks. */
const HOST_LIBS = ["libdl.so.2", "libgcc_s.so.1", "libpthread.so.0", "librt.so.1", "libstdc++.so.6"];

/**
 * snowflake-connector-python for the ML runtime stand-in (Python 3.11, no pip access at run time): the
 * manylinux cp311 wheels are installed on the host with `pip install --target --platform`, once per machine
 * into the tools cache, with the few host libraries the wheels link to; an image FROM the runtime image
 * copies them in (PYTHONPATH, LD_LIBRARY_PATH). Returns the folder.
 */
function connectorTree(): string {
  const cache = process.env.SPCS_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-spcs");
  const dir = path.join(cache, "sql-clients", "connector-4.7.5-cp311-tree");
  if (fs.existsSync(path.join(dir, ".done"))) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.join(partial, "lib"), { recursive: true });
  must("python3", ["-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", path.join(partial, "site"), "--platform", "manylinux2014_x86_64", "--python-version", "3.11", "--implementation", "cp", "--only-binary=:all:", IMAGE_CONNECTOR]);
  for (const lib of HOST_LIBS) {
    const from = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"].map((d) => path.join(d, lib)).find((p) => fs.existsSync(p));
    if (!from) throw new Error(`the host has no ${lib}, which the connector's wheels need in the image`);
    fs.copyFileSync(fs.realpathSync(from), path.join(partial, "lib", lib));
  }
  fs.writeFileSync(path.join(partial, ".done"), IMAGE_CONNECTOR);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return dir;
}

/** Builds `<registry><repoPath>:<tag>` FROM the runtime stand-in with the connector, and pushes it. */
export function pushConnectorImage(tp: TestPlatform, repoPath: string, tag: string): string {
  const tree = connectorTree();
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-connector-image-"));
  try {
    fs.cpSync(tree, path.join(ctx, "sfc"), { recursive: true });
    fs.writeFileSync(path.join(ctx, "Dockerfile"), [
      `FROM ${runtimeImageRepo(tp.config)}:${RUNTIME_IMAGE_VERSION}`,
      "COPY sfc /opt/sfc",
      "ENV PYTHONPATH=/opt/sfc/site LD_LIBRARY_PATH=/opt/sfc/lib",
      "",
    ].join("\n"));
    const ref = `${tp.config.registry}${repoPath}:${tag}`;
    const env = { ...process.env, DOCKER_BUILDKIT: "0", ...(tp.config.dockerHost && { DOCKER_HOST: tp.config.dockerHost }) };
    must("docker", ["build", "-q", "-t", ref, ctx], env);
    must("docker", ["push", "-q", ref], env);
    return ref;
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}):\n${(r.stderr || r.stdout || "").slice(-3000)}`);
}
