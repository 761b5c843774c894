#!/usr/bin/env node
/**
 * The SQL endpoint daemon that `spcs platform up` starts (provision/sql-endpoint.ts). Configuration comes
 * from the environment the provisioner sets; once listening it writes `{pid, address}` to
 * SPCS_SQL_ADDRESS_FILE, which is how the provisioner learns the port it got.
 */
import * as fs from "node:fs";
import { currentPlatform } from "../../platform/current-platform";
import { ContainerRelay } from "./container-relay";
import { EventTableShipper } from "./event-table-shipper";
import { Upstream } from "./upstream";
import { platformExecutor, platformFunctionCaller } from "./platform-executor";
import { startSqlEndpoint } from "./sql-endpoint-server";

async function main(): Promise<void> {
  const fakesnow = required("SPCS_SQL_FAKESNOW");
  const addressFile = required("SPCS_SQL_ADDRESS_FILE");
  const port = Number(process.env.SPCS_SQL_PORT ?? "0");
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const platform = process.env.SPCS_HOME ? currentPlatform() : undefined;
  const endpoint = await startSqlEndpoint({ fakesnow, executor: platformExecutor, functionCaller: platformFunctionCaller, log, home: platform?.config.home }, port);
  const [host, listening] = endpoint.address.split(":");
  const relay = platform && new ContainerRelay(platform, { host, port: Number(listening) }, log);
  relay?.start();
  const shipper = platform && new EventTableShipper(platform, new Upstream(fakesnow), log);
  shipper?.start();
  const tmp = `${addressFile}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, address: endpoint.address }) + "\n");
  fs.renameSync(tmp, addressFile);
  log(`SQL endpoint listening on ${endpoint.address}, fakesnow at ${fakesnow}`);
  const stop = () => void (relay?.stop(), shipper?.stop(), endpoint.close()).then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; the SQL endpoint is started by \`spcs platform up\``);
  return v;
}

main().catch((e: unknown) => {
  process.stderr.write(`SQL endpoint failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
