import { isSpcsError } from "../common/errors";
import { withFix } from "../common/fix";
import { autoName, identifierProblem } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { BASE_IMAGE_TYPES, CRE_STATUSES, type BaseImageType, type CreStatus, type StoredCheckResult } from "../catalog/custom-runtime-environment-store";
import { currentPlatform } from "../platform/current-platform";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import {
  alterRuntimeEnvironmentStatus, createRuntimeEnvironment, dropRuntimeEnvironment, parseImagePath, setRuntimeEnvironmentComment,
  type CustomRuntimeEnvironmentDescription,
} from "../statements/runtime-environments";

export interface CustomRuntimeEnvironmentInputs {
  name: string;
  imagePath: string;
  baseImageType: BaseImageType;
  creStatus: CreStatus;
  comment: string | null;
  [RESOURCE_NAME_KEY]?: string;
}

export type CustomRuntimeEnvironmentOutputs = CustomRuntimeEnvironmentInputs & CustomRuntimeEnvironmentDescription & { validationReport: StoredCheckResult[] };

/** A CRE's image and type cannot be altered (CREATE OR REPLACE in SPCS): changing them replaces it. */
const REPLACE_ON_CHANGE = ["name", "imagePath", "baseImageType"] as const;
const UPDATABLE = ["creStatus", "comment"] as const;

/**
 * CustomRuntimeEnvironment: CREATE / ALTER ... SET CRE_STATUS / DROP CUSTOM RUNTIME ENVIRONMENT.
 *
 * Partial failure: create validates first and writes one catalog row only when every check passed, so a
 * refused create leaves nothing behind (the error lists every failed check). A create asked for with
 * creStatus DEPRECATED is created RESOLVED and altered at once, as SQL would have to. Delete drops the
 * object only, never the image.
 */
export const customRuntimeEnvironmentProvider: ResourceProvider<CustomRuntimeEnvironmentInputs, CustomRuntimeEnvironmentOutputs> = {
  async check(olds, news) {
    const resourceName = news[RESOURCE_NAME_KEY] ?? "runtime";
    const inputs: CustomRuntimeEnvironmentInputs = {
      name: upper(news.name ?? olds.name ?? autoName(resourceName, randomSuffix())),
      imagePath: news.imagePath as string,
      baseImageType: upper(news.baseImageType) as BaseImageType,
      creStatus: upper(news.creStatus ?? "RESOLVED") as CreStatus,
      comment: news.comment ?? null,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    return { inputs: plain(inputs), failures: problems(inputs) };
  },

  async diff(_id, olds, news) {
    const replaces = REPLACE_ON_CHANGE.filter((k) => !same(olds[k], news[k]));
    const changes = replaces.length > 0 || UPDATABLE.some((k) => !same(olds[k], news[k]));
    // The name is account-wide: a replacement under the same name must drop the old object first.
    return { changes, replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 && same(olds.name, news.name) };
  },

  async create(inputs) {
    const platform = currentPlatform();
    await createRuntimeEnvironment(platform, inputs);
    if (inputs.creStatus !== "RESOLVED") alterRuntimeEnvironmentStatus(platform, inputs.name, inputs.creStatus);
    return { id: inputs.name, outs: outputsFor(inputs.name, inputs)! };
  },

  async read(id, props) {
    const row = currentPlatform().catalog.runtimeEnvironments.get(props.name ?? id);
    if (!row) return {};
    const inputs: CustomRuntimeEnvironmentInputs = {
      name: row.name,
      imagePath: row.imagePath,
      baseImageType: row.baseImageType,
      creStatus: row.creStatus,
      comment: row.comment,
      [RESOURCE_NAME_KEY]: props[RESOURCE_NAME_KEY],
    };
    return { id, props: outputsFor(row.name, inputs)!, inputs: plain(inputs) };
  },

  async update(id, olds, news) {
    const platform = currentPlatform();
    if (!same(olds.creStatus, news.creStatus)) alterRuntimeEnvironmentStatus(platform, id, news.creStatus);
    if (!same(olds.comment, news.comment)) setRuntimeEnvironmentComment(platform, id, news.comment);
    return { outs: outputsFor(id, news)! };
  },

  async delete(id, props) {
    dropRuntimeEnvironment(currentPlatform(), props.name ?? id, { ifExists: true });
  },
};

function problems(i: CustomRuntimeEnvironmentInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!isUnknown(i.name)) {
    const p = identifierProblem(i.name);
    if (p) failures.push({ property: "name", reason: `CustomRuntimeEnvironment name: ${p}. Quoted names are not supported for custom runtime environments.` });
  }
  if (i.imagePath === undefined) {
    failures.push({ property: "imagePath", reason: withFix("CustomRuntimeEnvironment imagePath is required", "set it to an image pushed to an image repository, '/db/schema/repo/image:tag'", "check") });
  } else if (!isUnknown(i.imagePath)) {
    try {
      parseImagePath(i.imagePath);
    } catch (e) {
      failures.push({ property: "imagePath", reason: isSpcsError(e) ? withFix(`CustomRuntimeEnvironment imagePath: ${e.reason}`, e.hint, "check") : `CustomRuntimeEnvironment imagePath: ${(e as Error).message}` });
    }
  }
  if (i.baseImageType === undefined) failures.push({ property: "baseImageType", reason: withFix(`CustomRuntimeEnvironment baseImageType is required`, `set it to ${BASE_IMAGE_TYPES.join(" or ")}`, "check") });
  else if (!isUnknown(i.baseImageType) && !BASE_IMAGE_TYPES.includes(i.baseImageType)) {
    failures.push({ property: "baseImageType", reason: withFix(`CustomRuntimeEnvironment baseImageType: invalid value '${i.baseImageType}' for property 'BASE_IMAGE_TYPE'`, `use ${BASE_IMAGE_TYPES.join(" or ")}`, "check") });
  }
  if (!isUnknown(i.creStatus) && !CRE_STATUSES.includes(i.creStatus)) {
    failures.push({ property: "creStatus", reason: withFix(`CustomRuntimeEnvironment creStatus: invalid value '${i.creStatus}' for property 'CRE_STATUS'`, `use ${CRE_STATUSES.join(" or ")}`, "check") });
  }
  return failures;
}

/** The inputs plus DESCRIBE's columns and the stored validation report, read back from the catalog. */
function outputsFor(name: string, inputs: CustomRuntimeEnvironmentInputs): CustomRuntimeEnvironmentOutputs | undefined {
  const row = currentPlatform().catalog.runtimeEnvironments.get(name);
  if (!row) return undefined;
  const { imagePath: _p, comment: _c, validationReport, ...described } = row;
  return plain({ ...inputs, ...described, validationReport });
}

function upper<T>(v: T): T {
  return (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as T;
}
