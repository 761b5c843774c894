/**
 * The three spec lists: `containers` is required (at least one), and each list may be written in the
 * plural or in the singular spelling of Snowflake's samples, but not both at once.
 */
import { has, LIST_ALIASES } from "../spec-access";
import type { SpecRule } from "./rule";

export const checkLists: SpecRule = (ctx) => {
  const spec = ctx.spec;
  if (!spec) return;
  for (const [plural, singular] of Object.entries(LIST_ALIASES)) {
    if (has(spec, plural) && has(spec, singular)) {
      ctx.report({
        code: "spec/alias-conflict",
        path: ["spec", singular],
        target: "key",
        message: `spec.${singular} and spec.${plural} are the same list written twice`,
        hint: `merge the items into spec.${plural} and remove spec.${singular}`,
      });
    }
  }
  if (!has(spec, "containers") && !has(spec, "container")) {
    ctx.report({
      code: "spec/required",
      path: ["spec", "containers"],
      message: "spec.containers is required: a service runs at least one container",
      hint: "add containers: with at least one item that has a name and an image",
    });
  }
};
