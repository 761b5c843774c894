/**
 * During `pulumi preview`, values that depend on other resources' outputs reach `check` and `diff` as this
 * sentinel string, whatever their declared type (pulumi.runtime.unknownValue). Copied here rather than
 * imported so provider code never loads @pulumi/pulumi.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  if (v && typeof v === "object") return Object.values(v).some(isUnknown);
  return false;
}
