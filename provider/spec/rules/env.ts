/**
 * Environment variables are strings. YAML reads unquoted `1.0`, `1e3` or `0x1F` as numbers, and the
 * stringified number is not what was written ("1", "1000", "31"), so such values get a warning asking
 * for quotes. A variable set both in env and by a secret is almost always a mistake.
 */
import { isObj, itemsAt } from "../spec-access";
import type { SpecRule } from "./rule";

export const checkEnv: SpecRule = (ctx) => {
  for (const c of ctx.containers) {
    const env = c.value.env;
    if (!isObj(env)) continue;
    for (const [key, value] of Object.entries(env)) {
      if (typeof value !== "number" && typeof value !== "boolean") continue;
      const path = [...c.path, "env", key];
      const written = ctx.sourceText(path);
      if (written !== undefined && written !== String(value)) {
        ctx.report({ code: "spec/env-number", severity: "warning", path, message: `env ${key} is written ${written} but YAML reads it as the ${typeof value} ${String(value)}, so the container gets "${String(value)}"`, hint: `quote it to keep the text: ${key}: "${written}"` });
      }
    }
    for (const s of itemsAt(c.value, "secrets", c.path)) {
      const name = s.value.envVarName;
      if (typeof name === "string" && Object.prototype.hasOwnProperty.call(env, name)) {
        ctx.report({ code: "spec/env-conflict", severity: "warning", path: [...s.path, "envVarName"], message: `env var ${name} is set both in env and by this secret`, hint: `remove ${name} from env, or use another envVarName` });
      }
    }
  }
};
