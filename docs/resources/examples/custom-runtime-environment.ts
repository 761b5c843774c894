import * as spcs from "pulumi-spcs";

// The platform's ML runtime image (what `FROM .../container_runtime/cpu_x86_64` builds on), placed in the
// team's repository; a real one would add the team's packages on top.
const repository = new spcs.ImageRepository("ml-images", { database: "docs_db", schema: "public", name: "ml_images" });
const image = new spcs.Image("ml-runtime", {
  database: "docs_db",
  schema: "public",
  repository: repository.name,
  name: "ml-runtime",
  tag: "v1",
  source: "/snowflake/images/snowflake_images/container_runtime/cpu_x86_64:2.7.2",
});

// Creation validates the image (entrypoint, environment, mandatory packages, pip check) and records its
// digest; jobs then run on it with `runtimeEnvironment: cre@ML_RUNTIME`.
const runtime = new spcs.CustomRuntimeEnvironment("ml-runtime", {
  name: "ml_runtime",
  imagePath: image.taggedImageRef,
  baseImageType: "CPU",
});

export const creDigest = runtime.digest; // the image's digest at create
export const checksPassed = runtime.validationReport.apply((r) => r.every((c) => c.passed));
