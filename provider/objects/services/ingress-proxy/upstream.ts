import * as dns from "node:dns";
import * as fs from "node:fs";
import * as path from "node:path";
import { WAKE_MOUNT } from "./ingress-proxy-config";

/** Pause between attempts while no instance answers. */
export const RETRY_PAUSE_MS = 250;
/** Attempts while the name resolves but no instance accepts (a restart, an upgrade): about 5 s. */
export const CONNECT_ATTEMPTS = 20;
/**
 * Attempts once no instance carries the name: the service may be suspended, and a resume by the platform
 * agent (AUTO_RESUME) takes a few seconds; the request is held meanwhile (about 60 s).
 */
export const WAKE_ATTEMPTS = 240;
/**
 * How long one answer of the service's name is reused. Docker's DNS carries only READY instances (see
 * admitInstance), and the platform drains a leaving instance for a second after taking its name away,
 * so a short reuse never sends a request to an instance that is gone, and spares a lookup per request.
 */
const LOOKUP_REUSE_MS = 200;

/** Nobody carries the name: no instance is READY, or the service is suspended. */
export class NoInstance extends Error {}

/**
 * The READY instances' addresses, from Docker's DNS (the ingress is on the platform network, so the name
 * resolves as it does for another service). Concurrent requests share one lookup.
 */
export class InstanceResolver {
  private answer?: { at: number; addresses: Promise<string[]> };

  constructor(private readonly dnsName: string) {}

  async pick(): Promise<string> {
    const now = Date.now();
    if (!this.answer || now - this.answer.at > LOOKUP_REUSE_MS) this.answer = { at: now, addresses: this.lookup() };
    const addresses = await this.answer.addresses.catch((e) => {
      this.forget();
      throw e;
    });
    // Docker's DNS answers in random order; picking at random spreads requests the same way.
    return addresses[Math.floor(Math.random() * addresses.length)];
  }

  /** After a refused connect: the next request looks again. */
  forget(): void {
    this.answer = undefined;
  }

  private async lookup(): Promise<string[]> {
    try {
      const found = await dns.promises.lookup(this.dnsName, { all: true, family: 4 });
      if (found.length === 0) throw new NoInstance(`no instance of ${this.dnsName}`);
      return found.map((a) => a.address);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (e instanceof NoInstance || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") throw new NoInstance(`no instance of ${this.dnsName} is READY`);
      throw e;
    }
  }
}

/**
 * Runs `attempt` until it succeeds, pausing between tries while no instance answers: a connect refused is
 * tried CONNECT_ATTEMPTS times, and once no instance carries the name the platform agent is asked to
 * resume the service (a file in the wake folder) and the request is held up to WAKE_ATTEMPTS tries.
 * `attempt` throws a RetryableError only when nothing of the request was spent.
 */
export async function withRetries<T>(service: string, resolver: InstanceResolver, attempt: (address: string) => Promise<T>): Promise<T> {
  let max = CONNECT_ATTEMPTS;
  for (let i = 1; ; i++) {
    try {
      return await attempt(await resolver.pick());
    } catch (e) {
      if (e instanceof NoInstance) {
        if (max !== WAKE_ATTEMPTS) askToResume(service);
        max = WAKE_ATTEMPTS;
      } else if (e instanceof RetryableError) {
        resolver.forget();
      } else throw e;
      if (i >= max) throw e;
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
  }
}

/** A failure before any byte of the request reached an instance: another instance (or a later try) may take it. */
export class RetryableError extends Error {}

function askToResume(service: string): void {
  try {
    fs.writeFileSync(path.join(WAKE_MOUNT, service), "");
  } catch {
    /* no wake folder (an ingress started by hand): the request waits for a resume by someone else */
  }
}
