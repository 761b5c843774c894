/**
 * References between parts of the spec: a volumeMount names a volume from spec.volumes, and a service
 * role names endpoints from spec.endpoints. A broken reference is always an error, whatever else is wrong.
 */
import { suggestion } from "../did-you-mean";
import { itemsAt, namesOf } from "../spec-access";
import type { SpecRule } from "./rule";

/** Suggestions are worked out for this many broken references; later ones are past the diagnostics cap. */
const HINTED = 100;

export const checkReferences: SpecRule = (ctx) => {
  let hinted = 0;
  const hint = (make: () => string, plain: string): string => (hinted++ < HINTED ? make() : plain);
  const volumes = namesOf(ctx.volumes).map((v) => v.name);
  const volumeSet = new Set(volumes);
  for (const c of ctx.containers) {
    for (const m of itemsAt(c.value, "volumeMounts", c.path)) {
      const name = m.value.name;
      if (typeof name !== "string" || volumeSet.has(name)) continue;
      ctx.report({
        code: "spec/undeclared-volume",
        path: [...m.path, "name"],
        message: `volume '${name}' is not declared in spec.volumes`,
        hint: volumes.length ? hint(() => suggestion(name, volumes, "declared volumes"), "name a volume declared in spec.volumes") : `declare it: volumes: [{ name: ${name}, source: local }]`,
      });
    }
  }
  const endpoints = namesOf(ctx.endpoints).map((e) => e.name);
  const endpointSet = new Set(endpoints);
  for (const role of ctx.serviceRoles) {
    const list = role.value.endpoints;
    if (!Array.isArray(list)) continue;
    list.forEach((name, i) => {
      if (typeof name !== "string" || endpointSet.has(name)) return;
      ctx.report({
        code: "spec/undeclared-endpoint",
        path: [...role.path, "endpoints", i],
        message: `endpoint '${name}' is not declared in spec.endpoints`,
        hint: endpoints.length ? hint(() => suggestion(name, endpoints, "declared endpoints"), "name an endpoint declared in spec.endpoints") : "declare the endpoint under spec.endpoints, or remove it from the role",
      });
    });
  }
};
