import { SpcsError, doesNotExist } from "../../common/errors";
import { identifierProblem } from "../../common/identifiers";
import type { BaseImageType } from "../../catalog/custom-runtime-environment-store";
import type { Platform } from "../../platform/platform";
import { parseImagePath } from "./custom-runtime-environments";

/** What a job runs when its runtime environment is `cre@NAME`: the image pinned by the recorded digest. */
export interface ResolvedRuntimeEnvironment {
  /** The CRE's name, upper-case. */
  name: string;
  /** IMAGE_PATH as registered, e.g. `/ml_db/public/images/my-runtime:v1`. */
  imagePath: string;
  /** The digest recorded at CREATE, which the tag still points to. */
  digest: string;
  /** `<registry>/<db>/<schema>/<repo>/<image>@<digest>`: what the engine pulls. */
  pullRef: string;
  baseImageType: BaseImageType;
}

const PREFIX = /^cre@/i;

/** Whether a runtime environment value names a CRE (`cre@...`, prefix in any case), as snowflake-ml-python tests it. */
export function isCreReference(ref: string): boolean {
  return PREFIX.test(ref.trim());
}

/**
 * Resolves `cre@NAME` for a job submission, as Snowflake does server-side: the CRE must exist and be
 * RESOLVED, and the image's tag must still point to the digest recorded when the CRE was created
 * (otherwise the submission is rejected: the image changed after registration). Throws an SpcsError
 * with SPCS's words and a fix for each refusal:
 *
 *  - `invalid-runtime-environment`: not of the form cre@NAME with NAME an unquoted identifier;
 *  - `does-not-exist`: no CRE of that name;
 *  - `runtime-environment-deprecated`: the CRE is DEPRECATED;
 *  - `runtime-environment-image-missing`: the image (or its repository) is gone;
 *  - `runtime-environment-digest-mismatch`: the tag now points to another digest.
 */
export async function resolveRuntimeEnvironment(platform: Platform, ref: string): Promise<ResolvedRuntimeEnvironment> {
  const name = parseCreReference(ref);
  const row = platform.catalog.runtimeEnvironments.get(name);
  if (!row) {
    throw doesNotExist("Custom runtime environment", name, "create it first (spcs.CustomRuntimeEnvironment, or `spcs create custom-runtime-environment`), or check the name with `spcs show custom-runtime-environments`");
  }
  if (row.creStatus === "DEPRECATED") {
    throw new SpcsError(
      "runtime-environment-deprecated",
      `Custom runtime environment '${name}' is DEPRECATED and can no longer be used for new jobs.`,
      `use a RESOLVED custom runtime environment, or set this one back: ALTER CUSTOM RUNTIME ENVIRONMENT ${name} SET CRE_STATUS = RESOLVED (\`spcs alter custom-runtime-environment ${name} set-status RESOLVED\`, or creStatus: "RESOLVED" on the resource)`,
    );
  }
  const image = parseImagePath(row.imagePath);
  const recreate = `recreate the custom runtime environment so it records the image's digest now: \`pulumi up --replace <URN of the CustomRuntimeEnvironment ${name}>\`, or CREATE OR REPLACE (\`spcs create custom-runtime-environment ${name} --image-path ${row.imagePath} --base-image-type ${row.baseImageType} --or-replace\`)`;
  const repoExists = platform.catalog.repositories.get(image.database, image.schema, image.repo) !== undefined;
  const current = repoExists ? await platform.registry.resolve(image.repository, image.tag) : undefined;
  if (!current) {
    throw new SpcsError(
      "runtime-environment-image-missing",
      `Job submission rejected: the image '${row.imagePath}' of custom runtime environment '${name}' no longer exists` +
        (repoExists ? ` in image repository ${image.database}.${image.schema}.${image.repo}` : `: image repository ${image.database}.${image.schema}.${image.repo} does not exist`) +
        ` (registered digest ${row.digest}).`,
      `push the image again, then ${recreate}`,
    );
  }
  if (current.digest !== row.digest) {
    throw new SpcsError(
      "runtime-environment-digest-mismatch",
      `Job submission rejected: the image '${row.imagePath}' of custom runtime environment '${name}' was modified after the custom runtime environment was registered (registered digest ${row.digest}, the tag now points to ${current.digest}).`,
      `${recreate}; or push the registered image back to the tag`,
    );
  }
  return { name, imagePath: row.imagePath, digest: row.digest, pullRef: `${platform.config.registry}/${image.repository}@${row.digest}`, baseImageType: row.baseImageType };
}

/** `cre@NAME` (prefix in any case) → NAME upper-case; anything else is refused with the accepted form. */
export function parseCreReference(ref: string): string {
  const trimmed = ref.trim();
  const name = PREFIX.test(trimmed) ? trimmed.slice(4) : undefined;
  const problem = name === undefined ? undefined : identifierProblem(name);
  if (name === undefined || problem) {
    throw new SpcsError(
      "invalid-runtime-environment",
      `Invalid runtime environment '${ref}': ${name === undefined ? "a custom runtime environment is referenced as cre@<name>" : `the name after cre@ ${problem}`}.`,
      "write cre@<NAME>, e.g. cre@MY_RUNTIME; `spcs show custom-runtime-environments` lists the names",
    );
  }
  return name.toUpperCase();
}
