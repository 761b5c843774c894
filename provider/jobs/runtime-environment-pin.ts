import { SpcsError } from "../common/errors";
import type { PinnedImage } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import type { RuntimeSpec } from "../services/runtime-spec";

/** Placeholder until the CRE module lands (same session). */
export async function runtimeEnvironmentPin(_platform: Platform, ref: string, _spec: RuntimeSpec): Promise<(c: RuntimeSpec["containers"][number]) => Promise<PinnedImage>> {
  throw new SpcsError("cre-unavailable", `Custom Runtime Environment ${ref} cannot be resolved yet.`);
}
