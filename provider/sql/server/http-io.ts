import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync, inflateSync } from "node:zlib";

/** Request bodies above this are refused: a query text or a PUT's stage data is far smaller. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The request body, un-gzipped (connector 4.x gzips every body). Rejects if the client goes away. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("client went away")));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      try {
        const enc = String(req.headers["content-encoding"] ?? "").toLowerCase();
        resolve(enc === "gzip" ? gunzipSync(raw) : enc === "deflate" ? inflateSync(raw) : raw);
      } catch (e) {
        reject(e);
      }
    });
  });
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  if (body.length === 0) return {};
  return JSON.parse(body.toString("utf8")) as Record<string, unknown>;
}

/**
 * Writes a JSON answer unless the client has already gone: a client that disconnects mid-statement must
 * never take the server down, so a closed socket is a no-op and a write error is swallowed here.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.on("error", () => undefined);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** The session token from `Authorization: Snowflake Token="<token>"`. */
export function sessionToken(req: IncomingMessage): string | undefined {
  const m = /Snowflake\s+Token="([^"]*)"/i.exec(String(req.headers.authorization ?? ""));
  return m?.[1];
}
