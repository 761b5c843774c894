/**
 * Endpoint combinations (reference §1.7): exactly one of port and portRange; portRange only with TCP and
 * not public; public endpoints speak HTTP; CORS origins are URLs without a path and never '*', and only
 * matter on public endpoints.
 */
import { PORT_RANGE_PATTERN } from "../formats";
import { has, type Obj } from "../spec-access";
import type { PathSegment } from "../diagnostics";
import type { RuleContext, SpecRule } from "./rule";

const ORIGIN = "Access-Control-Allow-Origin";

function protocolOf(e: Obj): string {
  return typeof e.protocol === "string" ? e.protocol : "HTTP";
}

function checkPorts(ctx: RuleContext, e: Obj, path: PathSegment[], label: string): void {
  const hasPort = has(e, "port");
  const hasRange = has(e, "portRange");
  if (!hasPort && !hasRange) {
    ctx.report({ code: "spec/endpoint-port", path, message: `${label} has neither port nor portRange`, hint: "add port: <number>, or portRange: '<start>-<end>' with protocol: TCP" });
  } else if (hasPort && hasRange) {
    ctx.report({ code: "spec/endpoint-port", path: [...path, "portRange"], target: "key", message: `${label} has both port and portRange`, hint: "keep only one of them" });
  }
  if (!hasRange) return;
  const m = typeof e.portRange === "string" ? PORT_RANGE_PATTERN.exec(e.portRange) : null;
  if (m) {
    const [start, end] = [Number(m[1]), Number(m[2])];
    if (start < 1 || end > 65535 || start > end) {
      ctx.report({ code: "spec/port-range", path: [...path, "portRange"], message: `${label} portRange '${e.portRange}' must run from a lower to a higher port within 1-65535`, hint: "write '<start>-<end>' with 1 <= start <= end <= 65535" });
    }
  }
  if (protocolOf(e) !== "TCP") {
    ctx.report({ code: "spec/port-range", path: [...path, "portRange"], target: "key", message: `${label} uses portRange with protocol ${protocolOf(e)}; portRange is only allowed with protocol TCP`, hint: "set protocol: TCP, since the default is HTTP, or use a single port" });
  }
  if (e.public === true) {
    ctx.report({ code: "spec/port-range", path: [...path, "public"], message: `${label} uses portRange and is public; portRange endpoints cannot be public`, hint: "set public: false; port ranges are reachable only through instance IPs" });
  }
}

function checkCors(ctx: RuleContext, e: Obj, path: PathSegment[], label: string): void {
  if (!has(e, "corsSettings")) return;
  if (e.public !== true) {
    ctx.report({ code: "spec/cors-ignored", severity: "warning", path: [...path, "corsSettings"], target: "key", message: `${label} is not public, so its corsSettings have no effect`, hint: "set public: true, or remove corsSettings" });
  }
  const cors = e.corsSettings as Obj | null;
  const origins = cors && typeof cors === "object" ? cors[ORIGIN] : undefined;
  if (!Array.isArray(origins)) return;
  origins.forEach((o, i) => {
    if (typeof o !== "string") return;
    const at = [...path, "corsSettings", ORIGIN, i];
    if (o.trim() === "*") {
      ctx.report({ code: "spec/cors", path: at, message: `${label} allows origin '*'; SPCS does not accept wildcard origins`, hint: "list each allowed origin, e.g. 'https://app.example.com'" });
      return;
    }
    let url: URL | undefined;
    try {
      url = new URL(o);
    } catch {
      url = undefined;
    }
    const bare = url && (url.protocol === "https:" || url.protocol === "http:") && `${url.protocol}//${url.host}` === o;
    if (!bare) {
      ctx.report({ code: "spec/cors", path: at, message: `${label} origin '${o}' is not an origin: it must be a URL with scheme and host and no path`, hint: url ? `write '${url.protocol}//${url.host}'` : "write it like 'https://app.example.com'" });
    }
  });
}

export const checkEndpoints: SpecRule = (ctx) => {
  const seenPorts = new Map<string, string>();
  for (const { value: e, path } of ctx.endpoints) {
    const label = `endpoint '${typeof e.name === "string" ? e.name : path.join(".")}'`;
    checkPorts(ctx, e, path, label);
    if (e.public === true && protocolOf(e) === "TCP") {
      ctx.report({ code: "spec/public-protocol", path: [...path, "protocol"], message: `${label} is public with protocol TCP; public endpoints must use HTTP`, hint: "set protocol: HTTP, or make the endpoint private with public: false" });
    }
    checkCors(ctx, e, path, label);
    if (typeof e.port === "number") {
      const key = `${e.port}/${protocolOf(e)}`;
      const other = seenPorts.get(key);
      if (other) {
        ctx.report({ code: "spec/duplicate-port", severity: "warning", path: [...path, "port"], message: `${label} uses port ${e.port} (${protocolOf(e)}) like endpoint '${other}'`, hint: "one endpoint per port is enough; remove one or change its port" });
      } else seenPorts.set(key, String(e.name));
    }
  }
};
