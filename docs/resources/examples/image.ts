import * as spcs from "pulumi-spcs";

const repository = new spcs.ImageRepository("release-images", { database: "docs_db", schema: "public", name: "release_images" });

// Copies the platform's busybox image into the repository by digest, inside the registry (no layer sent again).
const image = new spcs.Image("busybox-release", {
  database: "docs_db",
  schema: "public",
  repository: repository.name,
  name: "busybox",
  tag: "v1",
  source: "/snowflake/images/snowflake_images/busybox:latest",
});

export const imageRef = image.imageRef; // /docs_db/public/release_images/busybox@sha256:...: what a spec runs
export const imageDigest = image.digest;
