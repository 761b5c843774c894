#!/usr/bin/env node
/**
 * The ingress container's program (see ../ingress.ts): one HTTP proxy per public endpoint port, with
 * the configuration in the environment. Runs on the node binary the platform copies into the ingress
 * image, from these compiled files alone.
 */
import { endpointServer } from "./forward-request";
import { INGRESS_CONFIG_ENV, INGRESS_LISTENING, type IngressProxyConfig } from "./ingress-proxy-config";

const config = JSON.parse(process.env[INGRESS_CONFIG_ENV] ?? "null") as IngressProxyConfig | null;
if (!config) {
  console.error(`ingress: ${INGRESS_CONFIG_ENV} is not set`);
  process.exit(2);
}
// `docker stop`: go at once (the connections it drops are the ones SPCS's suspend drops too).
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));

Promise.all(
  config.endpoints.map((endpoint) => new Promise<void>((resolve, reject) => endpointServer(config, endpoint).once("error", reject).listen(endpoint.port, "0.0.0.0", resolve))),
).then(
  () => console.log(`${INGRESS_LISTENING} on ${config.endpoints.map((e) => e.port).join(", ")} for ${config.dnsName}`),
  (e) => {
    console.error(`ingress: cannot listen: ${(e as Error).message}`);
    process.exit(1);
  },
);
