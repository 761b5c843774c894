/**
 * The session token mount (reference §1.3): sessionTokenConfig needs mountSessionToken (default true),
 * at least one field, a normalised absolute path of plain characters, and a permission only together with
 * a path, no more permissive than 0644 and keeping owner read.
 */
import { ABSOLUTE_PATH_PATTERN, PERMISSION_PATTERN } from "../formats";
import { has, isObj } from "../spec-access";
import type { SpecRule } from "./rule";

/** Why a token path is not normalised, or undefined when it is. */
function pathProblem(p: string): string | undefined {
  if (!/^[A-Za-z0-9/_.-]+$/.test(p)) return "it may contain only letters, digits, '/', '_', '.' and '-'";
  if (p.length > 1 && p.endsWith("/")) return "it ends with '/'";
  if (p.includes("//")) return "it contains '//'";
  if (p.split("/").some((seg) => seg === "." || seg === "..")) return "it contains '.' or '..' segments";
  if (p === "/") return "it is the root directory";
  return undefined;
}

export const checkSessionToken: SpecRule = (ctx) => {
  for (const { value: c, path } of ctx.containers) {
    const cfg = c.sessionTokenConfig;
    if (!has(c, "sessionTokenConfig") || !isObj(cfg)) continue;
    const at = [...path, "sessionTokenConfig"];
    if (c.mountSessionToken === false) {
      ctx.report({ code: "spec/session-token", path: at, target: "key", message: "sessionTokenConfig is not allowed with mountSessionToken: false", hint: "remove sessionTokenConfig, or mount the token (mountSessionToken: true)" });
    }
    if (Object.keys(cfg).length === 0) {
      ctx.report({ code: "spec/session-token", path: at, message: "sessionTokenConfig must contain at least one field", hint: "add path, permission (with path) or mountConnectionConfig, or remove it" });
    }
    if (has(cfg, "permission") && !has(cfg, "path")) {
      ctx.report({ code: "spec/session-token", path: [...at, "permission"], target: "key", message: "permission is only allowed together with path", hint: "add path: /some/dir, or remove permission" });
    }
    if (typeof cfg.path === "string" && ABSOLUTE_PATH_PATTERN.test(cfg.path)) {
      const why = pathProblem(cfg.path);
      if (why) ctx.report({ code: "spec/path-format", path: [...at, "path"], message: `sessionTokenConfig.path '${cfg.path}' is not a normalised path: ${why}`, hint: "use a plain absolute directory such as /snowflake/token" });
    }
    if (typeof cfg.permission === "string" && PERMISSION_PATTERN.test(cfg.permission)) {
      const mode = parseInt(cfg.permission, 8);
      if ((mode & ~0o644) !== 0 || (mode & 0o400) === 0) {
        ctx.report({ code: "spec/permission", path: [...at, "permission"], message: `permission "${cfg.permission}" is more permissive than the default "0644" or drops owner read`, hint: 'use "0644", "0640", "0600" or "0400"' });
      }
    }
  }
};
