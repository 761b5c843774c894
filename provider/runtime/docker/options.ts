import type Dockerode from "dockerode";

/** A dockerode client for DOCKER_HOST's forms: unset (the default socket), `unix://path`, `tcp://host:port`. */
export function dockerClient(host?: string): Dockerode {
  const Docker: typeof Dockerode = require("dockerode");
  return new Docker(dockerOptions(host));
}

export function dockerOptions(host?: string): Dockerode.DockerOptions {
  if (!host) return {};
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  const u = new URL(host.replace(/^tcp:/, "http:"));
  return { host: u.hostname, port: Number(u.port || 2375), protocol: u.protocol === "https:" ? "https" : "http" };
}

/** Where the engine is, as an error names it: the socket path or host:port (dockerode's default socket when unset). */
export function engineAddress(host?: string): string {
  const o = dockerOptions(host);
  return o.socketPath ? String(o.socketPath) : o.host ? `${o.host}:${o.port}` : "/var/run/docker.sock";
}
