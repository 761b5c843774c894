/**
 * Mount targets inside one container: volume mounts and secret directories may not share a path, and the
 * session token directory may not be, contain or sit inside any of them (reference §1.3).
 */
import { has, isObj, itemsAt } from "../spec-access";
import type { PathSegment } from "../diagnostics";
import type { SpecRule } from "./rule";

const trim = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, "") : p);
const overlaps = (a: string, b: string): boolean => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`) || a === "/" || b === "/";

export const checkMounts: SpecRule = (ctx) => {
  for (const c of ctx.containers) {
    const targets: { dir: string; path: PathSegment[]; what: string }[] = [];
    for (const m of itemsAt(c.value, "volumeMounts", c.path)) {
      if (typeof m.value.mountPath === "string") targets.push({ dir: trim(m.value.mountPath), path: [...m.path, "mountPath"], what: `the mount of volume '${String(m.value.name)}'` });
    }
    for (const s of itemsAt(c.value, "secrets", c.path)) {
      if (typeof s.value.directoryPath === "string") targets.push({ dir: trim(s.value.directoryPath), path: [...s.path, "directoryPath"], what: "a secret directory" });
    }
    const seen = new Map<string, string>();
    for (const t of targets) {
      const earlier = seen.get(t.dir);
      if (earlier) {
        ctx.report({ code: "spec/mount-conflict", path: t.path, message: `${t.what} uses ${t.dir}, which ${earlier} already uses`, hint: "mount each volume or secret at its own path" });
      } else seen.set(t.dir, t.what);
    }
    const cfg = c.value.sessionTokenConfig;
    if (isObj(cfg) && has(cfg, "path") && typeof cfg.path === "string" && cfg.path.startsWith("/")) {
      const dir = trim(cfg.path);
      const hit = targets.find((t) => overlaps(dir, t.dir));
      if (hit) {
        ctx.report({ code: "spec/mount-conflict", path: [...c.path, "sessionTokenConfig", "path"], message: `the session token directory ${dir} overlaps ${hit.what} at ${hit.dir}`, hint: "put the token in a directory of its own" });
      }
    }
  }
};
