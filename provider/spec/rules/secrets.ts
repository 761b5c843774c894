/**
 * Secrets (reference §1.6): each goes either into one env var (envVarName + secretKeyRef naming the key)
 * or into files in a directory (directoryPath, no secretKeyRef); an object snowflakeSecret names the
 * secret by objectName or objectReference, not both; at most 50 secrets per service.
 */
import { LIMITS } from "../spec-schema";
import { has, isObj, itemsAt } from "../spec-access";
import type { SpecRule } from "./rule";

export const checkSecrets: SpecRule = (ctx) => {
  let count = 0;
  for (const c of ctx.containers) {
    for (const { value: s, path } of itemsAt(c.value, "secrets", c.path)) {
      if (++count === LIMITS.secrets + 1) {
        ctx.report({ code: "spec/limit", path, message: `a service may use at most ${LIMITS.secrets} secrets`, hint: "mount related secrets once with directoryPath instead of one env var each" });
      }
      const env = has(s, "envVarName");
      const dir = has(s, "directoryPath");
      if (env && dir) {
        ctx.report({ code: "spec/secret-target", path: [...path, "directoryPath"], target: "key", message: "a secret goes either into an env var (envVarName) or into files (directoryPath), not both", hint: "split it into two secrets entries" });
      } else if (!env && !dir) {
        ctx.report({ code: "spec/secret-target", path, message: "the secret says neither envVarName nor directoryPath, so it goes nowhere", hint: "add envVarName with secretKeyRef, or directoryPath" });
      }
      if (env && !dir && !has(s, "secretKeyRef")) {
        ctx.report({ code: "spec/secret-key-ref", path: [...path, "secretKeyRef"], message: `envVarName ${String(s.envVarName)} needs secretKeyRef to say which key of the secret to use`, hint: "add secretKeyRef: username, password or secret_string" });
      }
      if (!env && has(s, "secretKeyRef")) {
        ctx.report({ code: "spec/secret-key-ref", path: [...path, "secretKeyRef"], target: "key", message: "secretKeyRef is only valid with envVarName", hint: dir ? "remove secretKeyRef; directoryPath gets a file for every key" : "add envVarName" });
      }
      const ref = s.snowflakeSecret;
      if (isObj(ref) && has(ref, "objectName") === has(ref, "objectReference")) {
        ctx.report({ code: "spec/secret-object", path: [...path, "snowflakeSecret"], message: "snowflakeSecret needs exactly one of objectName and objectReference", hint: "name the secret with objectName: <secret>; objectReference is for Native Apps" });
      }
    }
  }
};
