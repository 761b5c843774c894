import type { ServiceKey } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import { readRuntimeSpec } from "../model/stored-runtime-spec";

/**
 * DESCRIBE SERVICE's `spec` column for a front end that needs the text itself: the specification the
 * service (or job service) was made from, in canonical YAML, so that analysing it again gives the stored
 * specDigest. `pulumi import` rebuilds the program's `spec` input from it. Undefined when there is no
 * such service, or when its row was stored by a release that did not keep the text.
 */
export function describeServiceSpecText(platform: Platform, key: ServiceKey): string | undefined {
  const row = platform.catalog.services.get(key);
  return row ? readRuntimeSpec(row).specText : undefined;
}
