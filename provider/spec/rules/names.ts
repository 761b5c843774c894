/**
 * Names are keys: containers, endpoints and volumes are addressed by name (logs, volumeMounts, service
 * roles), so each must be unique within its list. Service role names are unquoted Snowflake identifiers,
 * which compare case-insensitively, and SPCS creates ALL_ENDPOINTS_USAGE for every service itself.
 */
import { formatPath } from "../diagnostics";
import { namesOf, type Item } from "../spec-access";
import type { RuleContext, SpecRule } from "./rule";

function checkUnique(ctx: RuleContext, items: Item[], noun: string, fold: (s: string) => string = (s) => s): void {
  const first = new Map<string, string>();
  for (const { name, path } of namesOf(items)) {
    const key = fold(name);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, formatPath(path.slice(0, -1)));
      continue;
    }
    ctx.report({
      code: "spec/duplicate-name",
      path,
      message: `${noun} name '${name}' is already used by ${earlier}`,
      hint: `give each ${noun} a unique name`,
    });
  }
}

export const checkNames: SpecRule = (ctx) => {
  checkUnique(ctx, ctx.containers, "container");
  checkUnique(ctx, ctx.endpoints, "endpoint");
  checkUnique(ctx, ctx.volumes, "volume");
  checkUnique(ctx, ctx.serviceRoles, "service role", (s) => s.toUpperCase());
  for (const { name, path } of namesOf(ctx.serviceRoles)) {
    if (name.toUpperCase() === "ALL_ENDPOINTS_USAGE") {
      ctx.report({
        code: "spec/reserved-name",
        path,
        message: `service role '${name}' is created by SPCS for every service and cannot be declared`,
        hint: "choose another name; ALL_ENDPOINTS_USAGE already grants usage on all endpoints",
      });
    }
  }
};
