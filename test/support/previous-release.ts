import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlatformConfig } from "../../provider/common/config";
import { platformEnv } from "./test-platform";

const REPO_ROOT = path.resolve(__dirname, "../../..");

/**
 * "The previous release" the upgrade test deploys with. There are no published releases yet, so it is a
 * pinned commit of this repository: 7bd9e43, the last commit of the previous work session (a catalog of
 * two migrations against four now, no JobService, Image, CustomRuntimeEnvironment or adopt). Move it
 * forward to the last published version once there is one. The full hash, so a shallow clone can fetch it.
 */
export const PREVIOUS_RELEASE = "7bd9e43d73fba5a322c74d8d9ed8833253138f57";

/** A build of an older commit of this package in a temporary git worktree, with its own `spcs` CLI. */
export interface PreviousRelease {
  commit: string;
  /** The worktree: a checkout of the commit with `dist/` built by its own tsconfig. */
  dir: string;
  /** Runs that release's `spcs` CLI against a platform. */
  spcs(args: string[], config: PlatformConfig): { code: number; stdout: string; stderr: string };
  dispose(): void;
}

/**
 * Checks the commit out in a temporary git worktree and builds it. Its dependencies must be installed here
 * at the same versions (its package.json dependencies and package-lock.json packages, a subset of the
 * current ones), so it reuses this checkout's node_modules entry by entry: no network, no native rebuild.
 * When they differ this fails and says so.
 */
export function buildPreviousRelease(commit = PREVIOUS_RELEASE): PreviousRelease {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const present = () => {
    try {
      git("cat-file", "-e", `${commit}^{commit}`);
      return true;
    } catch {
      return false;
    }
  };
  if (!present()) {
    // A shallow CI checkout lacks it: fetch that one commit from where the clone came from.
    try {
      git("fetch", "--quiet", "--no-tags", "--depth", "1", "origin", commit);
    } catch (e) {
      throw new Error(`the previous release ${commit} is not in this clone's history and could not be fetched from origin (${(e as Error).message.trim()}): fetch it (git fetch --unshallow) before running the upgrade test`);
    }
  }
  // Its packages must be installed here at the same versions; packages added since (the current
  // checkout's own new dependencies) do no harm: its node_modules links them, nothing imports them.
  const read = (file: string) => [JSON.parse(git("show", `${commit}:${file}`)), JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"))];
  const [oldPackage, newPackage] = read("package.json");
  const [oldLock, newLock] = read("package-lock.json");
  const within = (old: Record<string, unknown> = {}, now: Record<string, unknown> = {}) => Object.entries(old).every(([k, v]) => JSON.stringify(now[k]) === JSON.stringify(v));
  const packagesOf = (l: any): Record<string, { version?: string; integrity?: string }> => Object.fromEntries(Object.entries(l.packages ?? {}).filter(([k]) => k !== "")) as Record<string, { version?: string; integrity?: string }>;
  const sameVersions = Object.entries(packagesOf(oldLock)).every(([k, v]) => packagesOf(newLock)[k]?.version === v.version && packagesOf(newLock)[k]?.integrity === v.integrity);
  if (!within(oldPackage.dependencies, newPackage.dependencies) || !within(oldPackage.devDependencies, newPackage.devDependencies) || !sameVersions) {
    throw new Error(`${commit} depends on other package versions than this checkout: its node_modules cannot be reused; install them in the worktree (npm ci) instead`);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), `spcs-release-${commit.slice(0, 7)}-`));
  const dir = path.join(work, "release");
  git("worktree", "add", "--detach", dir, commit);
  const dispose = () => {
    try {
      git("worktree", "remove", "--force", dir);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  };
  try {
    // Its own package name resolves to itself, as `npm run build`'s link-self does (never touching ours).
    linkedNodeModules(path.join(dir, "node_modules"), dir);
    execFileSync(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")], { cwd: dir, stdio: "pipe" });
  } catch (e) {
    dispose();
    throw e;
  }
  return {
    commit,
    dir,
    spcs(args, config) {
      const res = spawnSync(process.execPath, [path.join(dir, "dist/provider/cli/main.js"), ...args], { env: { ...process.env, ...platformEnv(config) }, encoding: "utf8" });
      return { code: res.status ?? -1, stdout: res.stdout ?? "", stderr: res.stderr ?? "" };
    },
    dispose,
  };
}

/**
 * A node_modules folder whose entries are links to this checkout's installed packages, except
 * `pulumi-spcs`, which links to `pulumiSpcs`: what a program's folder looks like after `npm install` of
 * one version of the package or another. Modules resolve to their real paths, so the program, the
 * package and Pulumi's provider host share one @pulumi/pulumi.
 */
export function linkedNodeModules(target: string, pulumiSpcs: string): string {
  fs.mkdirSync(target, { recursive: true });
  const installed = path.join(REPO_ROOT, "node_modules");
  for (const entry of fs.readdirSync(installed)) {
    if (entry === "pulumi-spcs" || entry === ".bin") continue;
    fs.symlinkSync(path.join(installed, entry), path.join(target, entry), "dir");
  }
  usePulumiSpcs(target, pulumiSpcs);
  return target;
}

/** Points a node_modules folder's `pulumi-spcs` at another build: the upgrade itself. */
export function usePulumiSpcs(nodeModules: string, pulumiSpcs: string): void {
  fs.rmSync(path.join(nodeModules, "pulumi-spcs"), { force: true });
  fs.symlinkSync(pulumiSpcs, path.join(nodeModules, "pulumi-spcs"), "dir");
}

/** The current build (this checkout), as a program's `pulumi-spcs`. */
export const CURRENT_BUILD = REPO_ROOT;
