/** Every cross-field rule, in the order they run (order affects nothing but reading). */
import { checkEndpoints } from "./endpoints";
import { checkEnv } from "./env";
import { checkImages } from "./images";
import { checkJob } from "./job";
import { checkAutoscalingPolicies } from "./autoscaling-policies";
import { checkLists } from "./lists";
import { checkMounts } from "./mounts";
import { checkNames } from "./names";
import { checkReferences } from "./references";
import { checkResourceRules } from "./resources";
import type { SpecRule } from "./rule";
import { checkSecrets } from "./secrets";
import { checkSessionToken } from "./session-token";
import { checkVolumes } from "./volumes";
import { checkBlockVolumeInstances } from "./block-instances";
import { checkEmptyLists } from "./empty-lists";
import { checkRuntimeLimits } from "./runtime-limits";
import { checkRuntimeValues } from "./runtime-values";

export const ALL_RULES: readonly SpecRule[] = [
  checkLists,
  checkNames,
  checkReferences,
  checkImages,
  checkResourceRules,
  checkSecrets,
  checkSessionToken,
  checkMounts,
  checkEnv,
  checkEndpoints,
  checkVolumes,
  checkBlockVolumeInstances,
  checkJob,
  checkAutoscalingPolicies,
  checkRuntimeLimits,
  checkRuntimeValues,
  checkEmptyLists,
];
