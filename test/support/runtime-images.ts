import { createRepository } from "../../provider/objects/image-repositories/image-repositories";
import { RUNTIME_IMAGE_VERSION, runtimeImageRepo } from "../../provider/model/platform-images";
import { RUNTIME_IMAGE_ENV, buildRuntimeImage, runtimeRecipe, type RuntimeImageVariant } from "../../provider/provision/runtime-image";
import type { ContainerRuntime } from "../../provider/runtime/container-runtime";
import type { TestPlatform } from "./test-platform";

const { DASHBOARD_PORT: _port, ...ENV_WITHOUT_DASHBOARD_PORT } = RUNTIME_IMAGE_ENV;

/** A distribution whose requirement the image cannot meet: `pip check` reports it. */
const CONFLICTING = { name: "legacy-notebook-extension", version: "0.3.0", module: "legacy_notebook_extension", requires: ["notebook<7"] };

/**
 * Broken custom runtime images, each built from the same root filesystem as the platform's ML runtime
 * stand-in with one thing wrong, and the checks each must fail (in the validator's order).
 */
export const BROKEN_IMAGES = {
  "wrong-entrypoint": { variant: { entrypoint: ["/bin/sh", "-c"] }, failing: ["entrypoint"] },
  "no-dashboard-port": { variant: { env: ENV_WITHOUT_DASHBOARD_PORT }, failing: ["env_DASHBOARD_PORT"] },
  "missing-package": { variant: { omitDistributions: ["xgboost-ray"] }, failing: ["pkg_xgboost-ray"] },
  "dependency-conflict": { variant: { extraDistributions: [CONFLICTING] }, failing: ["dependency_health"] },
  "many-problems": {
    variant: { env: ENV_WITHOUT_DASHBOARD_PORT, omitDistributions: ["xgboost-ray"], extraDistributions: [CONFLICTING] },
    failing: ["env_DASHBOARD_PORT", "pkg_xgboost-ray", "dependency_health"],
  },
} as const satisfies Record<string, { variant: RuntimeImageVariant; failing: readonly string[] }>;

export type BrokenImage = keyof typeof BROKEN_IMAGES;

/**
 * The local engine image of a broken variant, built once per machine: its tag is the variant's recipe
 * hash, so an image that exists is the right one and later runs reuse it (a build takes ~2 s).
 */
export async function brokenImage(docker: ContainerRuntime, name: BrokenImage): Promise<string> {
  const variant: RuntimeImageVariant = BROKEN_IMAGES[name].variant;
  const repo = `spcs-cre-test/${name}`;
  const tag = runtimeRecipe(variant);
  if (!(await docker.imageExists(`${repo}:${tag}`))) await buildRuntimeImage(docker, repo, tag, variant);
  return `${repo}:${tag}`;
}

/** The platform's ML runtime stand-in in the local engine (platform up built it). */
export const runtimeImage = (tp: TestPlatform) => `${runtimeImageRepo(tp.config)}:${RUNTIME_IMAGE_VERSION}`;

/** Creates the image repository DB.SCHEMA.REPO of `imagePath` (if missing) and pushes `local` there. */
export async function pushAs(tp: TestPlatform, local: string, imagePath: string): Promise<string> {
  const m = imagePath.match(/^\/([^/]+)\/([^/]+)\/([^/]+)\/(.+):([^:]+)$/)!;
  createRepository(tp.platform, { database: m[1].toUpperCase(), schema: m[2].toUpperCase(), name: m[3].toUpperCase() }, { ifNotExists: true });
  const repo = `${tp.config.registry}/${m[1]}/${m[2]}/${m[3]}/${m[4]}`;
  await tp.platform.docker.tagImage(local, repo, m[5]);
  await tp.platform.docker.pushImage(repo, m[5]);
  const ref = await tp.platform.registry.resolve(`${m[1]}/${m[2]}/${m[3]}/${m[4]}`, m[5]);
  return ref!.digest;
}
