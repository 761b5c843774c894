/**
 * SPCS rejects a collection that is given but empty ("Invalid spec: invalid 'volumeMounts'. Value is
 * empty"): leave the key out instead. Empty `command`/`args` would also mean something else to Docker
 * (an empty ENTRYPOINT clears the image's). The canonical form leaves empty collections out for the same
 * reason (normalize-spec.ts), while the model keeps them, so digests are unchanged.
 */
import { has, isObj, LIST_ALIASES, type Obj } from "../spec-access";
import type { PathSegment } from "../diagnostics";
import type { RuleContext, SpecRule } from "./rule";

const CONTAINER_COLLECTIONS = ["command", "args", "env", "volumeMounts", "secrets"];

function isEmpty(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

function check(ctx: RuleContext, o: Obj, key: string, path: PathSegment[]): void {
  if (!has(o, key) || !isEmpty(o[key])) return;
  ctx.report({ code: "spec/empty-list", path: [...path, key], target: "key", message: `Invalid spec: invalid '${key}'. Value is empty`, hint: `remove ${key}, or give it at least one ${key === "env" ? "variable" : "item"}` });
}

export const checkEmptyLists: SpecRule = (ctx) => {
  if (ctx.spec) {
    for (const [plural, singular] of Object.entries(LIST_ALIASES)) {
      if (plural === "containers") continue; // the schema says a service needs at least one container
      check(ctx, ctx.spec, plural, ["spec"]);
      check(ctx, ctx.spec, singular, ["spec"]);
    }
  }
  if (isObj(ctx.root)) check(ctx, ctx.root, "serviceRoles", []);
  for (const c of ctx.containers) for (const key of CONTAINER_COLLECTIONS) check(ctx, c.value, key, c.path);
};
