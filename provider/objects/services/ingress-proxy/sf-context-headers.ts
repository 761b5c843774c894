import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { IngressProxyConfig } from "./ingress-proxy-config";

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate"]);

/** Response headers SPCS's proxy removes (§6.2 of the reference). */
const STRIPPED_RESPONSE = new Set(["x-xss-protection", "server", "x-powered-by", "public-key-pins"]);

/** Response headers SPCS's proxy sets on every answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Embedder-Policy": "credentialless",
};

/**
 * The headers a request reaches the service with: the client's, minus hop-by-hop headers, minus what SPCS's
 * proxy strips (`X-SF-SPCS-Authorization`, a Snowflake-token `Authorization`) and any `Sf-Context-*` a
 * client sent (only the proxy speaks for the caller), plus `Sf-Context-Current-User` and, with
 * executeAsCaller, `Sf-Context-Current-User-Token`.
 */
export function requestHeaders(config: IngressProxyConfig, incoming: IncomingHttpHeaders, upgrade: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connectionTokens = new Set(String(incoming.connection ?? "").toLowerCase().split(",").map((t) => t.trim()));
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionTokens.has(name)) continue;
    if (name.startsWith("sf-context-") || name === "x-sf-spcs-authorization") continue;
    if (name === "authorization" && /^\s*snowflake\s+token=/i.test(String(value))) continue;
    out[name] = value;
  }
  if (upgrade) {
    out.connection = "Upgrade";
    out.upgrade = incoming.upgrade;
  }
  out["Sf-Context-Current-User"] = config.user;
  if (config.executeAsCaller) out["Sf-Context-Current-User-Token"] = callerToken(config);
  return out;
}

/**
 * A caller token stand-in. SPCS hands the service a short-lived token for the calling user, which the
 * service appends to its own OAuth token to open a caller's-rights session. Locally there is no Snowflake
 * login to mint one from: the token names the user and its expiry, and is unique per request.
 */
export function callerToken(config: IngressProxyConfig, now = Date.now()): string {
  const claims = { user: config.user, exp: Math.floor(now / 1000) + config.callerTokenValiditySecs, jti: randomBytes(8).toString("hex") };
  return `local-caller.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
}

/** The service's response headers as SPCS's proxy passes them: hop-by-hop and stripped ones out, security ones set. */
export function responseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connectionTokens = new Set(String(incoming.connection ?? "").toLowerCase().split(",").map((t) => t.trim()));
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionTokens.has(name) || STRIPPED_RESPONSE.has(name)) continue;
    out[name] = value;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    delete out[name.toLowerCase()];
    out[name] = value;
  }
  return out;
}
