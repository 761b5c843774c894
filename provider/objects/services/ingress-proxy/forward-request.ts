import * as http from "node:http";
import type { Duplex } from "node:stream";
import { allowedOrigin, applyCors, isPreflight, preflightHeaders } from "./cors";
import type { IngressEndpointConfig, IngressProxyConfig } from "./ingress-proxy-config";
import { requestHeaders, responseHeaders } from "./sf-context-headers";
import { InstanceResolver, NoInstance, RetryableError, withRetries } from "./upstream";

/**
 * One public endpoint's HTTP proxy: every request goes to a READY instance of the service over kept-alive
 * connections (Node copies bodies in 64 KiB blocks), with SPCS's ingress headers, CORS and idle timeout.
 */
export function endpointServer(config: IngressProxyConfig, endpoint: IngressEndpointConfig): http.Server {
  const resolver = new InstanceResolver(config.dnsName);
  const agent = new http.Agent({ keepAlive: true, scheduling: "lifo", maxFreeSockets: 64 });
  const idleMs = config.idleTimeoutSecs * 1000;
  const server = http.createServer({ requestTimeout: 0, headersTimeout: idleMs, keepAliveTimeout: idleMs, noDelay: true }, (req, res) => {
    handle(config, endpoint, resolver, agent, req, res).catch((e) => fail(res, e));
  });
  // SPCS closes a connection with no traffic either way for the idle timeout (a held request included).
  server.setTimeout(idleMs);
  server.on("upgrade", (req, socket, head) => {
    upgrade(config, endpoint, resolver, req, socket, head, idleMs).catch(() => socket.destroy());
  });
  server.on("clientError", (_e, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    socket.destroy();
  });
  return server;
}

async function handle(config: IngressProxyConfig, endpoint: IngressEndpointConfig, resolver: InstanceResolver, agent: http.Agent, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // SPCS's proxy refuses these methods.
  if (req.method === "TRACE" || req.method === "CONNECT") return answer(res, 405, "Method Not Allowed\n");
  const origin = allowedOrigin(endpoint.cors, req.headers);
  if (endpoint.cors && origin && isPreflight(req.method, req.headers)) {
    res.writeHead(204, preflightHeaders(endpoint.cors, origin));
    res.end();
    return;
  }
  const headers = requestHeaders(config, req.headers, false);
  const hasBody = req.headers["content-length"] !== undefined ? req.headers["content-length"] !== "0" : req.headers["transfer-encoding"] !== undefined;
  let upReq: http.ClientRequest | undefined;
  // A client that leaves stops the try in flight (and, below, the answer's copy).
  res.once("close", () => {
    if (!res.headersSent) upReq?.destroy();
  });
  const upRes = await withRetries(config.service, resolver, (address) => {
    if (res.destroyed) throw new Error("the client left");
    upReq = http.request({ host: address, port: endpoint.port, method: req.method, path: req.url, headers, agent, setHost: false });
    return send(upReq, req, hasBody);
  });
  res.once("close", () => {
    if (!res.writableFinished) upRes.destroy();
  });
  const out = responseHeaders(upRes.headers);
  applyCors(endpoint.cors, origin, out);
  res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, out);
  upRes.pipe(res);
  upRes.on("error", () => res.destroy());
}

/**
 * One try at one instance. The request's body is piped only once the connection stands, so a refused
 * connect leaves it unread for the next try; a body-less request may also be retried when a kept-alive
 * connection turns out closed before an answer came.
 */
function send(upReq: http.ClientRequest, req: http.IncomingMessage, hasBody: boolean): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    let bodyStarted = false;
    upReq.setNoDelay(true);
    const startBody = () => {
      bodyStarted = true;
      if (hasBody) req.pipe(upReq);
      else upReq.end();
    };
    upReq.on("socket", (socket) => {
      if ((socket as { connecting?: boolean }).connecting) socket.once("connect", startBody);
      else startBody();
    });
    upReq.on("response", resolve);
    upReq.on("error", (e) => reject(!bodyStarted || !hasBody ? new RetryableError(e.message) : e));
  });
}

async function upgrade(config: IngressProxyConfig, endpoint: IngressEndpointConfig, resolver: InstanceResolver, req: http.IncomingMessage, socket: Duplex, head: Buffer, idleMs: number): Promise<void> {
  const headers = requestHeaders(config, req.headers, true);
  const [upRes, upSocket, upHead] = await withRetries(config.service, resolver, (address) =>
    new Promise<[http.IncomingMessage, Duplex, Buffer]>((resolve, reject) => {
      const upReq = http.request({ host: address, port: endpoint.port, method: req.method, path: req.url, headers, setHost: false });
      upReq.on("upgrade", (r, s, h) => resolve([r, s, h]));
      upReq.on("response", (r) => {
        // Not upgraded: pass the answer on and close.
        socket.end(`HTTP/1.1 ${r.statusCode} ${r.statusMessage}\r\nConnection: close\r\n\r\n`);
        r.resume();
        reject(new Error("not upgraded"));
      });
      upReq.on("error", (e) => reject(new RetryableError(e.message)));
      upReq.end();
    }),
  );
  const lines = [`HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}`];
  for (let i = 0; i < upRes.rawHeaders.length; i += 2) lines.push(`${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}`);
  socket.write(lines.join("\r\n") + "\r\n\r\n");
  if (upHead.length) socket.write(upHead);
  if (head.length) upSocket.write(head);
  for (const s of [socket, upSocket]) {
    (s as Duplex & { setTimeout(ms: number, cb: () => void): void }).setTimeout(idleMs, () => {
      socket.destroy();
      upSocket.destroy();
    });
    s.on("error", () => (s === socket ? upSocket : socket).destroy());
    s.on("close", () => (s === socket ? upSocket : socket).destroy());
  }
  socket.pipe(upSocket);
  upSocket.pipe(socket);
}

function fail(res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) return void res.destroy();
  const why = e instanceof NoInstance ? `${e.message}\n` : `the service did not answer: ${(e as Error).message}\n`;
  answer(res, e instanceof NoInstance || e instanceof RetryableError ? 503 : 502, why);
}

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
