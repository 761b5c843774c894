import * as http from "node:http";

export interface UpstreamAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * fakesnow's HTTP server, which answers all SQL that is not SPCS. Bodies go up as plain JSON (the endpoint
 * has already un-gzipped them); a statement may run long, so there is no overall timeout, only the
 * connection's own.
 */
export class Upstream {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  constructor(readonly address: string) {}

  post(pathAndQuery: string, body: unknown, headers: Record<string, string> = {}): Promise<UpstreamAnswer> {
    return this.request("POST", pathAndQuery, JSON.stringify(body ?? {}), headers);
  }

  get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<UpstreamAnswer> {
    return this.request("GET", pathAndQuery, undefined, headers);
  }

  close(): void {
    this.agent.destroy();
  }

  private request(method: string, pathAndQuery: string, payload: string | undefined, headers: Record<string, string>): Promise<UpstreamAnswer> {
    const [host, port] = this.address.split(":");
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host,
          port: Number(port),
          method,
          path: pathAndQuery,
          agent: this.agent,
          headers: { Accept: "application/json", ...(payload !== undefined && { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) }), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve({ status: res.statusCode ?? 502, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
            } catch {
              resolve({ status: res.statusCode ?? 502, body: { success: false, code: "261000", message: `fakesnow answered ${res.statusCode} with a non-JSON body: ${text.slice(0, 300)}`, data: null } });
            }
          });
        },
      );
      req.on("error", (e) => reject(new Error(`fakesnow at ${this.address} did not answer ${method} ${pathAndQuery.split("?")[0]}: ${e.message}`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
