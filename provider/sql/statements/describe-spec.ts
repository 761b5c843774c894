import { stringify } from "yaml";
import type { RuntimeSpec } from "./spcs-operations";

/**
 * DESCRIBE SERVICE's `spec` column: the stored specification as YAML, with each container's pinned image
 * digest as `sha256: "@sha256:…"`, as SPCS shows it. The platform keeps the runtime form (resources in
 * millicores and bytes), so this is rebuilt from it: the same containers, endpoints and volumes, with
 * defaults filled in, not the text the user wrote.
 */
export function describeSpec(runtime: RuntimeSpec, digests: Record<string, { digest?: string } | undefined>): string {
  const containers = runtime.containers.map((c) => ({
    name: c.name,
    image: c.image,
    ...(digests[c.name]?.digest && { sha256: `@${digests[c.name]!.digest}` }),
    ...(c.command && { command: c.command }),
    ...(c.args && { args: c.args }),
    ...(Object.keys(c.env ?? {}).length && { env: c.env }),
    ...(c.readinessProbe && { readinessProbe: c.readinessProbe }),
    ...(c.livenessProbe && { livenessProbe: c.livenessProbe }),
    ...(c.volumeMounts?.length && { volumeMounts: c.volumeMounts }),
  }));
  const endpoints = runtime.endpoints.map((e) => ({ name: e.name, ...(e.port !== undefined && { port: e.port }), ...(e.portRange && { portRange: e.portRange }), public: e.public, protocol: e.protocol }));
  const volumes = runtime.volumes.map((v) => ({ name: v.name, source: v.source, ...(v.size && { size: v.size }) }));
  return stringify({ spec: { containers, ...(endpoints.length && { endpoints }), ...(volumes.length && { volumes }) } }, { lineWidth: 0 });
}
