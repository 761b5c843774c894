import * as path from "node:path";
import { configEnv, homePaths, type PlatformConfig } from "../common/config";
import { readPlatformState, writePlatformState } from "../platform/platform";
import type { PartStatus } from "./part-status";
import { startDaemon } from "./system";
import { processAlive } from "../common/process-alive";

const AGENT_MAIN = path.join(__dirname, "..", "agent", "main.js");

/** The platform agent (agent/platform-agent.ts): started unless the one recorded for this home runs. */
export function ensureAgent(config: PlatformConfig, log: (line: string) => void): PartStatus {
  const state = readPlatformState(config.home);
  if (state.agent && processAlive(state.agent.pid)) return agentStatus(config);
  log("starting the platform agent");
  const env = configEnv(config);
  const pid = startDaemon(process.execPath, [AGENT_MAIN], path.join(homePaths(config.home).logs, "agent.log"), env);
  writePlatformState(config.home, { ...readPlatformState(config.home), agent: { pid } });
  return agentStatus(config);
}

export function agentStatus(config: PlatformConfig): PartStatus {
  const pid = readPlatformState(config.home).agent?.pid;
  return pid && processAlive(pid)
    ? { name: "agent", ok: true, address: `pid ${pid}`, detail: "resumes used services (AUTO_RESUME), finishes ended jobs, autoscales services, suspends idle services and pools" }
    : { name: "agent", ok: false, address: "-", detail: "not running; run `spcs platform up`" };
}

export function stopAgent(config: PlatformConfig): void {
  const state = readPlatformState(config.home);
  if (state.agent && processAlive(state.agent.pid)) process.kill(state.agent.pid, "SIGTERM");
  if (state.agent) writePlatformState(config.home, { ...state, agent: undefined });
}

