/**
 * String formats of the spec language, each tied to the diagnostic it produces.
 *
 * The zod schema enforces these patterns (so the generated JSON Schema carries them for editors), and a
 * zod registry maps the exact schema instance back to its format, so a failed `invalid_format`,
 * `invalid_type` or `invalid_union` issue at that node becomes one precise diagnostic with its own code,
 * message and fix, instead of zod's generic "must match pattern /.../".
 */
import { z } from "zod";
import type { DiagnosticCode } from "./diagnostic-codes";

export interface SpecFormat {
  code: DiagnosticCode;
  /** What is wrong with `value` found at `path` (a dotted path). */
  message(value: unknown, path: string): string;
  hint(value: unknown): string;
}

export const NAME_PATTERN = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const ROLE_NAME_PATTERN = /^[A-Za-z]([A-Za-z0-9_]{0,253}[A-Za-z0-9])?$/;
/** `name:tag`, `name@sha256:…`, with an optional registry host; no spaces. Lenient on case: SPCS identifiers are case-insensitive. */
export const IMAGE_PATTERN = /^(?:[A-Za-z0-9.-]+(?::\d+)?\/)?\/?[A-Za-z0-9._$-]+(?:\/[A-Za-z0-9._$-]+)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
export const ABSOLUTE_PATH_PATTERN = /^\/\S*$/;
export const HTTP_PATH_PATTERN = /^\/\S*$/;
export const PORT_RANGE_PATTERN = /^(\d{1,5})-(\d{1,5})$/;
export const PERMISSION_PATTERN = /^0[0-7]{3}$/;
export const VOLUME_SOURCE_PATTERN = /^(local|memory|block|stage|@\S+)$/;
export const STAGE_NAME_PATTERN = /^@\S+$/;

const show = (v: unknown): string => (typeof v === "string" ? `'${v}'` : JSON.stringify(v) ?? String(v));

/** A best-effort valid name close to the one given: lower case, `-` for anything else, trimmed to 63. */
function suggestName(v: unknown): string {
  const s = String(v).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").slice(0, 63).replace(/-+$/, "");
  return s || "main";
}

export const FORMATS = {
  name: {
    code: "spec/name-format",
    message: (v, p) => {
      const s = String(v);
      const why = s.length > 63 ? `it is ${s.length} characters long; the limit is 63` : "names may contain only lowercase letters, digits and '-', must start with a letter and end with a letter or digit";
      return `${p} ${show(v)} is not a valid name: ${why}`;
    },
    hint: (v) => `rename it, for example to '${suggestName(v)}'`,
  },
  roleName: {
    code: "spec/name-format",
    message: (v, p) => `${p} ${show(v)} is not a valid service role name: use letters, digits and '_', starting with a letter and ending with a letter or digit`,
    hint: (v) => `rename it, for example to '${String(v).replace(/[^A-Za-z0-9_]+/g, "_").replace(/^[^A-Za-z]+|_+$/g, "") || "app_role"}'`,
  },
  image: {
    code: "spec/image",
    message: (v, p) => (v === "" ? `${p} is empty` : `${p} ${show(v)} is not an image reference`),
    hint: () => "use the repository path form '/db/schema/repo/image:tag'",
  },
  cpu: {
    code: "spec/quantity",
    message: (v, p) => `${p} ${show(v)} is not a CPU quantity`,
    hint: () => "give vCPUs as a number such as 0.5 or 2, or millicores as a string such as '500m'",
  },
  memory: {
    code: "spec/quantity",
    message: (v, p) =>
      typeof v === "number" ? `${p} ${show(v)} has no unit; memory quantities need one` : `${p} ${show(v)} is not a memory quantity`,
    hint: (v) => `write a number with one of the units M, Mi, G, Gi, k, Ki, e.g. '${typeof v === "number" ? `${v}Mi` : "512Mi"}'`,
  },
  absolutePath: {
    code: "spec/absolute-path",
    message: (v, p) => `${p} ${show(v)} must be an absolute path`,
    hint: (v) => `start it with '/', e.g. '/${String(v).replace(/^\.?\/*/, "")}'`,
  },
  httpPath: {
    code: "spec/probe-path",
    message: (v, p) => `${p} ${show(v)} must be an HTTP path starting with '/'`,
    hint: (v) => `write '/${String(v).replace(/^\/*/, "")}'`,
  },
  portRange: {
    code: "spec/port-range",
    message: (v, p) => `${p} ${show(v)} is not a port range`,
    hint: () => "write it as a quoted '<start>-<end>' string, e.g. '8000-8010'",
  },
  permission: {
    code: "spec/permission",
    message: (v, p) =>
      typeof v === "number"
        ? `${p} ${v} is a number; the permission must be a quoted 4-digit octal string`
        : `${p} ${show(v)} is not a 4-digit octal permission`,
    hint: (v) => `quote it, e.g. permission: "${typeof v === "number" ? String(v).padStart(4, "0") : "0600"}"`,
  },
  volumeSource: {
    code: "spec/volume-source",
    message: (v, p) => `${p} ${show(v)} is not a volume source`,
    hint: () => "use local, memory, block or stage, or the deprecated '@stage/path' form",
  },
  stageName: {
    code: "spec/stage-name",
    message: (v, p) => `${p} ${show(v)} must name a stage, starting with '@'`,
    hint: (v) => `write name: "@${String(v).replace(/^@*/, "")}"`,
  },
  cacheDuration: {
    code: "spec/duration",
    message: (v, p) => `${p} ${show(v)} is not a duration`,
    hint: () => "use hours, minutes and seconds such as '90s', '5m' or '1h30m45s'",
  },
  retention: {
    code: "spec/duration",
    message: (v, p) => `${p} ${show(v)} is not a retention period`,
    hint: () => "use '<hours>h' or '<days>d', e.g. '7d'",
  },
} satisfies Record<string, SpecFormat>;

/** Which schema instance carries which format; read back when mapping zod issues to diagnostics. */
export const formatRegistry = z.registry<SpecFormat>();

/**
 * Tags `schema` (after giving it `description`) with `format`. Must be the last step before `.optional()`:
 * `.describe()` and `.meta()` return new instances, which the registry would not know.
 */
export function withFormat<T extends z.ZodType>(schema: T, format: SpecFormat, description?: string): T {
  const described = description === undefined ? schema : (schema.describe(description) as T);
  formatRegistry.add(described, format);
  return described;
}
