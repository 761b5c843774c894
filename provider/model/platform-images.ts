import type { PlatformConfig } from "../common/config";

/**
 * Where the platform's own images live: SPCS keeps Snowflake-provided images in the repository
 * SNOWFLAKE.IMAGES.SNOWFLAKE_IMAGES, so a spec references them as `/snowflake/images/snowflake_images/…`.
 * provision/ builds and publishes them; workloads run their own containers (an instance's network container, the firewall reload helper,
 * ingress) from the busybox one.
 */
export const BASE_IMAGE_REPOSITORY = { database: "SNOWFLAKE", schema: "IMAGES", name: "SNOWFLAKE_IMAGES" } as const;
export const BASE_IMAGE_NAME = "busybox";

/** `<registry>/snowflake/images/snowflake_images/busybox` */
export function baseImageRepo(config: PlatformConfig): string {
  return `${config.registry}/snowflake/images/snowflake_images/${BASE_IMAGE_NAME}`;
}

/** The ML runtime base image (Container Runtime, CPU, x86-64) that custom runtime images derive from. */
export const RUNTIME_IMAGE_VERSION = "2.7.2";
export const RUNTIME_IMAGE_PATH = "snowflake/images/snowflake_images/container_runtime/cpu_x86_64";

/** `/snowflake/images/snowflake_images/container_runtime/cpu_x86_64:<version>`: how a spec or IMAGE_PATH names it. */
export const RUNTIME_IMAGE_SPEC_PATH = `/${RUNTIME_IMAGE_PATH}:${RUNTIME_IMAGE_VERSION}`;

/** `<registry>/snowflake/images/snowflake_images/container_runtime/cpu_x86_64` */
export function runtimeImageRepo(config: PlatformConfig): string {
  return `${config.registry}/${RUNTIME_IMAGE_PATH}`;
}
