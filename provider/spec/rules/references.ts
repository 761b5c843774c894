/**
 * References between parts of the spec: a volumeMount names a volume from spec.volumes, and a service
 * role names endpoints from spec.endpoints. A broken reference is always an error, whatever else is wrong.
 */
import { suggestion } from "../did-you-mean";
import { itemsAt, namesOf } from "../spec-access";
import type { SpecRule } from "./rule";

export const checkReferences: SpecRule = (ctx) => {
  const volumes = namesOf(ctx.volumes).map((v) => v.name);
  for (const c of ctx.containers) {
    for (const m of itemsAt(c.value, "volumeMounts", c.path)) {
      const name = m.value.name;
      if (typeof name !== "string" || volumes.includes(name)) continue;
      ctx.report({
        code: "spec/undeclared-volume",
        path: [...m.path, "name"],
        message: `volume '${name}' is not declared in spec.volumes`,
        hint: volumes.length ? suggestion(name, volumes, "declared volumes") : `declare it: volumes: [{ name: ${name}, source: local }]`,
      });
    }
  }
  const endpoints = namesOf(ctx.endpoints).map((e) => e.name);
  for (const role of ctx.serviceRoles) {
    const list = role.value.endpoints;
    if (!Array.isArray(list)) continue;
    list.forEach((name, i) => {
      if (typeof name !== "string" || endpoints.includes(name)) return;
      ctx.report({
        code: "spec/undeclared-endpoint",
        path: [...role.path, "endpoints", i],
        message: `endpoint '${name}' is not declared in spec.endpoints`,
        hint: endpoints.length ? suggestion(name, endpoints, "declared endpoints") : "declare the endpoint under spec.endpoints, or remove it from the role",
      });
    });
  }
};
