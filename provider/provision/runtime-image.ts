import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { PlatformConfig } from "../common/config";
import { LABEL_KIND, LABEL_MANAGED, LABEL_PREFIX } from "../common/labels";
import { RegistryClient } from "../registry/registry-client";
import type { ContainerRuntime } from "../runtime/container-runtime";
import { DockerRuntime } from "../runtime/docker-runtime";
import { RUNTIME_IMAGE_PATH, RUNTIME_IMAGE_VERSION, runtimeImageRepo } from "../model/platform-images";
import { RUNTIME_DISTRIBUTIONS } from "./runtime-distributions";
import { RUNTIME_DEBIAN_PACKAGES, RUNTIME_WORKDIR, runtimeRootfsTar, type RootfsVariant } from "./runtime-rootfs";
import { aptInstall } from "./system";
import type { PartStatus } from "./part-status";

/**
 * The offline stand-in for Snowflake's ML runtime base image (Container Runtime, CPU, x86-64), the image
 * custom runtime images derive from. `spcs platform up` builds it from the host's Debian packages (see
 * runtime-rootfs.ts) with `docker import` and publishes it where SPCS keeps Snowflake images:
 * `/snowflake/images/snowflake_images/container_runtime/cpu_x86_64:<version>`, next to busybox.
 *
 * Idempotent: the registry copy is reused when its recipe label matches this code's recipe, and the
 * engine keeps one build per recipe, so a second `platform up` only checks. Bump RUNTIME_IMAGE_VERSION with any
 * change a user would care about; the recipe label catches everything else.
 */
/** The engine-local name of the built image, tagged with its recipe hash. */
export const LOCAL_RUNTIME_REPO = "pulumi-spcs/container-runtime-cpu";
export const LABEL_RUNTIME_RECIPE = `${LABEL_PREFIX}.runtime-recipe`;


/** What a broken variant changes in the image config; undefined keeps the stand-in's own value. */
export interface RuntimeImageVariant extends RootfsVariant {
  entrypoint?: string[];
  /** Replaces the image's variables (PATH, LANG and DASHBOARD_PORT by default). */
  env?: Record<string, string>;
}

export const RUNTIME_IMAGE_ENV: Readonly<Record<string, string>> = {
  PATH: "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin",
  LANG: "C.UTF-8",
  DASHBOARD_PORT: "12003",
};

/** A short hash of everything that decides the image's content and config. */
export function runtimeRecipe(variant: RuntimeImageVariant = {}): string {
  const recipe = JSON.stringify({ RUNTIME_IMAGE_VERSION, RUNTIME_DEBIAN_PACKAGES, RUNTIME_DISTRIBUTIONS, RUNTIME_WORKDIR, variant, v: 1 });
  return createHash("sha256").update(recipe).digest("hex").slice(0, 12);
}

/**
 * Builds the runtime image (or a variant of it) into the local engine as `repo:tag` with `docker import`.
 * Returns how long it took. The caller pushes it if it belongs in a registry.
 */
export async function buildRuntimeImage(docker: ContainerRuntime, repo: string, tag: string, variant: RuntimeImageVariant = {}): Promise<number> {
  const started = Date.now();
  const env = variant.env ?? RUNTIME_IMAGE_ENV;
  await docker.importImage(runtimeRootfsTar(variant), repo, tag, [
    `ENTRYPOINT ${JSON.stringify(variant.entrypoint ?? ["/usr/local/bin/entrypoint.sh"])}`,
    ...Object.entries(env).map(([k, v]) => `ENV ${k}=${v}`),
    `WORKDIR ${RUNTIME_WORKDIR}`,
    `LABEL ${LABEL_MANAGED}=true ${LABEL_KIND}=runtime-image ${LABEL_RUNTIME_RECIPE}=${runtimeRecipe(variant)}`,
  ]);
  return Date.now() - started;
}

export async function ensureRuntimeImage(config: PlatformConfig, log: (line: string) => void): Promise<PartStatus> {
  const registry = new RegistryClient(config.registry);
  const tag = RUNTIME_IMAGE_VERSION;
  const recipe = runtimeRecipe();
  const existing = await registry.resolve(RUNTIME_IMAGE_PATH, tag);
  if (existing && (await registryRecipe(registry, existing.digest)) === recipe) return status(config, existing.digest, "present");
  const docker = new DockerRuntime(config.dockerHost);
  const repo = runtimeImageRepo(config);
  // Built once per engine under a registry-independent name (the recipe is the tag), then tagged for
  // each registry: a second platform (another registry port, a test's) reuses the build.
  const cached = `${LOCAL_RUNTIME_REPO}:${recipe}`;
  if (!(await docker.imageExists(cached))) {
    log(`building ${repo}:${tag} (ML runtime stand-in) from the host's Debian packages`);
    const ms = await buildRuntimeImage(docker, LOCAL_RUNTIME_REPO, recipe);
    log(`built it in ${(ms / 1000).toFixed(1)} s`);
  }
  await docker.tagImage(cached, repo, tag);
  await docker.tagImage(cached, repo, "latest");
  log(`pushing ${repo}:${tag}`);
  await docker.pushImage(repo, tag);
  await docker.pushImage(repo, "latest");
  const pushed = await registry.resolve(RUNTIME_IMAGE_PATH, tag);
  return status(config, pushed?.digest, "built and pushed");
}

/** Installs the Debian packages the runtime is built from, when missing. */
export async function ensureRuntimePackages(log: (line: string) => void): Promise<void> {
  const missing = !fs.existsSync("/usr/bin/python3.11") || !fs.existsSync("/usr/lib/python3/dist-packages/pip") || !fs.existsSync("/usr/bin/bash");
  if (missing) await aptInstall(["python3-minimal", "python3-pip", "bash"], log);
}

export async function runtimeImageStatus(config: PlatformConfig): Promise<PartStatus> {
  const ref = await new RegistryClient(config.registry).resolve(RUNTIME_IMAGE_PATH, RUNTIME_IMAGE_VERSION).catch(() => undefined);
  return ref
    ? status(config, ref.digest, "in the registry")
    : { name: "runtime-image", ok: false, address: `${runtimeImageRepo(config)}:${RUNTIME_IMAGE_VERSION}`, detail: "not in the registry; run `spcs platform up`" };
}

function status(config: PlatformConfig, digest: string | undefined, detail: string): PartStatus {
  return { name: "runtime-image", ok: true, address: `${runtimeImageRepo(config)}:${RUNTIME_IMAGE_VERSION}`, version: digest?.slice(0, 19), detail };
}

/** The recipe label of an image in the registry, read from its config blob. */
async function registryRecipe(registry: RegistryClient, digest: string): Promise<string | undefined> {
  const manifest = await registry.getManifest(RUNTIME_IMAGE_PATH, digest);
  const configDigest = manifest?.body?.config?.digest;
  const config = configDigest ? await registry.getJsonBlob(RUNTIME_IMAGE_PATH, configDigest) : undefined;
  return config?.config?.Labels?.[LABEL_RUNTIME_RECIPE];
}
