import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { CorsConfig } from "./ingress-proxy-config";

/** How long a browser may cache a preflight answer: SPCS's proxy sends 2 hours. */
export const CORS_MAX_AGE_SECS = 7200;

/**
 * Response headers SPCS's proxy always sets (see security-headers.ts); its CORS answer exposes them
 * together with the endpoint's own Access-Control-Expose-Headers.
 */
export const FIXED_EXPOSED_HEADERS = ["X-Frame-Options", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "X-Content-Type-Options", "Cross-Origin-Embedder-Policy"];

/** The request's Origin when the endpoint's corsSettings allow it (exact match, as an origin is compared). */
export function allowedOrigin(cors: CorsConfig | undefined, headers: IncomingHttpHeaders): string | undefined {
  const origin = headers.origin;
  if (!cors || !origin) return undefined;
  const wanted = origin.replace(/\/+$/, "").toLowerCase();
  return cors["Access-Control-Allow-Origin"].some((o) => o.replace(/\/+$/, "").toLowerCase() === wanted) ? origin : undefined;
}

/** A CORS preflight: OPTIONS naming the method it asks about. */
export function isPreflight(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  return method === "OPTIONS" && headers.origin !== undefined && headers["access-control-request-method"] !== undefined;
}

/** The proxy's own answer to an allowed preflight (the service never sees it). */
export function preflightHeaders(cors: CorsConfig, origin: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {
    ...originHeaders(origin),
    Vary: "Origin",
    "Access-Control-Max-Age": String(CORS_MAX_AGE_SECS),
    "Content-Length": "0",
  };
  if (cors["Access-Control-Allow-Methods"]?.length) out["Access-Control-Allow-Methods"] = cors["Access-Control-Allow-Methods"].join(", ");
  if (cors["Access-Control-Allow-Headers"]?.length) out["Access-Control-Allow-Headers"] = cors["Access-Control-Allow-Headers"].join(", ");
  return out;
}

/**
 * Rewrites a response's headers (lower-case names, as Node gives them) for an endpoint with corsSettings:
 * the service's own Access-Control-* headers go; an allowed Origin gets the proxy's.
 */
export function applyCors(cors: CorsConfig | undefined, origin: string | undefined, headers: OutgoingHttpHeaders): void {
  if (!cors) return;
  for (const name of Object.keys(headers)) if (name.toLowerCase().startsWith("access-control-")) delete headers[name];
  if (!origin) return;
  Object.assign(headers, originHeaders(origin));
  const expose = [...(cors["Access-Control-Expose-Headers"] ?? []), ...FIXED_EXPOSED_HEADERS];
  headers["Access-Control-Expose-Headers"] = [...new Set(expose)].join(", ");
  const vary = headers.vary ? String(headers.vary) : "";
  if (!/(^|,\s*)origin\s*(,|$)/i.test(vary)) headers.vary = vary ? `${vary}, Origin` : "Origin";
}

function originHeaders(origin: string): OutgoingHttpHeaders {
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true" };
}
