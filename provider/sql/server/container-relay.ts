import * as net from "node:net";
import type { Platform } from "../../platform/platform";
import { platformNetworkName } from "../../model/service-naming";
import { SNOWFLAKE_PORT } from "../../model/snowflake-endpoint";

/** How often the relay looks for the platform network (made with the first service, removed after the last). */
const WATCH_MS = 500;

/**
 * Lets service and job containers reach the endpoint without any egress: the platform's internal network
 * has no route out, but its gateway address is the host's own, and a container reaches it directly. The
 * endpoint listens on 127.0.0.1 only; this relays `<gateway>:SNOWFLAKE_PORT` to it, byte for byte. Every
 * instance maps SNOWFLAKE_HOST to the gateway in its /etc/hosts (objects/workloads/instance-runner.ts).
 * Only that address is bound, so nothing outside the host's own bridges reaches the endpoint.
 */
export class ContainerRelay {
  private readonly listeners = new Map<string, net.Server>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The last failure logged, so one that repeats every tick (a port taken, no root for port 80) is logged once. */
  private lastError = "";

  constructor(private readonly platform: Platform, private readonly target: { host: string; port: number }, private readonly log: (line: string) => void) {}

  start(): void {
    const tick = () => {
      this.sync()
        .then(() => (this.lastError = ""))
        .catch((e: unknown) => {
          const message = `container relay: ${e instanceof Error ? e.message : String(e)}`;
          if (message !== this.lastError) this.log(message);
          this.lastError = message;
        })
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, WATCH_MS);
        });
    };
    tick();
  }

  /** The addresses it listens on now. */
  get addresses(): string[] {
    return [...this.listeners.keys()];
  }

  private async sync(): Promise<void> {
    const docker = this.platform.docker;
    const id = await docker.networkId(platformNetworkName(this.platform.config.home));
    const gateway = id ? await docker.networkGateway(id) : undefined;
    for (const [address, server] of this.listeners) {
      if (address !== gateway) {
        server.close();
        this.listeners.delete(address);
      }
    }
    if (gateway && !this.listeners.has(gateway) && !this.stopped) this.listeners.set(gateway, await this.listen(gateway));
  }

  private listen(address: string): Promise<net.Server> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(SNOWFLAKE_PORT, address, () => {
        this.log(`containers reach the endpoint at ${address}:${SNOWFLAKE_PORT}`);
        resolve(server);
      });
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.listeners.values()) s.close();
    this.listeners.clear();
  }
}
