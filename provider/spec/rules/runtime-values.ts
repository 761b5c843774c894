/**
 * Text the runtime passes on as it is (issue 13), so it must mean there what it says here:
 * - env var names, from `env` and from a secret's `envVarName`, become `NAME=value` strings: a name
 *   with '=' (`PATH=/tmp:`) would set another variable, '' or NUL cannot be passed at all. We take
 *   Kubernetes' classic rule, POSIX names plus '.' and '-': `[A-Za-z_][A-Za-z0-9_.-]*`. `__proto__` is
 *   rejected rather than silently dropped (a JavaScript object cannot hold it as a plain key);
 * - env values and command/args items cross execve, which ends a string at NUL;
 * - mountPath and secret directoryPath become Docker bind targets `source:target:ro`: a ':' changes
 *   the meaning, '/' would cover the whole root file system, '.'/'..' segments are resolved by Docker
 *   to another directory than the one written, and control characters are never a path a user meant.
 */
import { ABSOLUTE_PATH_PATTERN } from "../formats";
import { isObj, itemsAt } from "../spec-access";
import type { PathSegment } from "../diagnostics";
import type { RuleContext, SpecRule } from "./rule";

export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const show = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

function envNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name === "__proto__") return "__proto__ is reserved";
  if (ENV_NAME_PATTERN.test(name)) return undefined;
  if (name.includes("=")) return "it contains '='";
  if (name.includes("\u0000")) return "it contains a NUL character";
  return "use letters, digits, '_', '.' and '-', starting with a letter or '_'";
}

/** Why a mount target is not one Docker will honour as written, or undefined. */
export function mountPathProblem(p: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(p)) return "it contains a control character";
  if (p.includes(":")) return "it contains ':'";
  if (/^\/+$/.test(p)) return "it is the root directory";
  if (p.split("/").some((seg) => seg === "." || seg === "..")) return "it contains a '.' or '..' segment";
  return undefined;
}

function checkNul(ctx: RuleContext, value: unknown, path: PathSegment[], what: string, label: string): void {
  if (typeof value === "string" && value.includes("\u0000")) {
    ctx.report({ code: "spec/nul-character", path, message: `Invalid spec: invalid ${what} of ${label}. Value contains a NUL character`, hint: "remove the NUL (\\0) character; a process cannot receive it" });
  }
}

export const checkRuntimeValues: SpecRule = (ctx) => {
  for (const c of ctx.containers) {
    const label = `container '${String(c.value.name)}'`;
    const env = c.value.env;
    if (isObj(env)) {
      for (const key of Object.keys(env)) {
        const why = envNameProblem(key);
        if (why) ctx.report({ code: "spec/env-name", path: [...c.path, "env", key], target: "key", message: `Invalid spec: invalid env var name ${show(key)} of ${label}. ${why[0].toUpperCase()}${why.slice(1)}`, hint: "name it like MY_SETTING: a letter or '_', then letters, digits, '_', '.' or '-'" });
        checkNul(ctx, env[key], [...c.path, "env", key], `env var ${show(key)}`, label);
      }
    }
    for (const list of ["command", "args"]) {
      const items = c.value[list];
      if (Array.isArray(items)) items.forEach((item, i) => checkNul(ctx, item, [...c.path, list, i], `'${list}' item ${i}`, label));
    }
    for (const m of itemsAt(c.value, "volumeMounts", c.path)) {
      const p = m.value.mountPath;
      const why = typeof p === "string" && ABSOLUTE_PATH_PATTERN.test(p) ? mountPathProblem(p) : undefined;
      if (why) ctx.report({ code: "spec/mount-path", path: [...m.path, "mountPath"], message: `Invalid spec: invalid 'mountPath' ${show(p as string)} of ${label}. ${why[0].toUpperCase()}${why.slice(1)}`, hint: "mount at a plain absolute directory such as /data" });
    }
    for (const s of itemsAt(c.value, "secrets", c.path)) {
      const p = s.value.directoryPath;
      const why = typeof p === "string" && ABSOLUTE_PATH_PATTERN.test(p) ? mountPathProblem(p) : undefined;
      if (why) ctx.report({ code: "spec/mount-path", path: [...s.path, "directoryPath"], message: `Invalid spec: invalid 'directoryPath' ${show(p as string)} of ${label}. ${why[0].toUpperCase()}${why.slice(1)}`, hint: "put the secret files in a plain absolute directory such as /secrets/db" });
      const name = s.value.envVarName;
      const nameWhy = typeof name === "string" && name !== "" ? envNameProblem(name) : undefined;
      if (nameWhy) ctx.report({ code: "spec/env-name", path: [...s.path, "envVarName"], message: `Invalid spec: invalid 'envVarName' ${show(name as string)} of ${label}. ${nameWhy[0].toUpperCase()}${nameWhy.slice(1)}`, hint: "name it like DB_PASSWORD: a letter or '_', then letters, digits, '_', '.' or '-'" });
    }
  }
};
