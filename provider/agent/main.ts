#!/usr/bin/env node
/**
 * The platform agent's process (see platform-agent.ts), started in the background by `spcs platform up`
 * with the platform's settings in the environment (SPCS_HOME, SPCS_REGISTRY, DOCKER_HOST, SPCS_ACCOUNT).
 * Logs go to stdout, which the starter points at `<home>/log/agent.log`.
 */
import { resolveConfig } from "../common/config";
import { runAgent } from "./platform-agent";

const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop.abort());
const config = resolveConfig();
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
log(`agent for ${config.home} started (pid ${process.pid})`);
runAgent(config, log, stop.signal).then(() => log("agent stopped"));
