import { terminate } from "../common/terminate";
import * as fs from "node:fs";
import * as path from "node:path";
import { configEnv, homePaths, type PlatformConfig } from "../common/config";
import { readPlatformState, writePlatformState } from "../platform/platform";
import type { PartStatus } from "./part-status";
import { startDaemon } from "./system";
import { processAlive } from "../common/process-alive";

const AGENT_MAIN = path.join(__dirname, "..", "agent", "main.js");

/**
 * Which build an agent runs: its program and when that was built. An agent keeps the code it started
 * with, and readiness probing (which decides routing) must follow the installed release.
 */
function agentBuild(): string {
  return `${AGENT_MAIN}@${fs.statSync(AGENT_MAIN).mtimeMs}`;
}

/**
 * The platform agent (agent/platform-agent.ts): started unless the one recorded for this home runs this
 * build; one started by another build (an older release, before a rebuild) is stopped and replaced.
 */
export function ensureAgent(config: PlatformConfig, log: (line: string) => void): PartStatus {
  const state = readPlatformState(config.home);
  const build = agentBuild();
  if (state.agent && processAlive(state.agent.pid)) {
    if (state.agent.build === build) return agentStatus(config);
    log(`replacing the platform agent (pid ${state.agent.pid}): it runs another build`);
    terminate(state.agent.pid);
  }
  log("starting the platform agent");
  const env = configEnv(config);
  const pid = startDaemon(process.execPath, [AGENT_MAIN], path.join(homePaths(config.home).logs, "agent.log"), env);
  writePlatformState(config.home, { ...readPlatformState(config.home), agent: { pid, build } });
  return agentStatus(config);
}

export function agentStatus(config: PlatformConfig): PartStatus {
  const pid = readPlatformState(config.home).agent?.pid;
  return pid && processAlive(pid)
    ? { name: "agent", ok: true, address: `pid ${pid}`, detail: "probes readiness, resumes used services (AUTO_RESUME), finishes ended jobs, autoscales services, suspends idle services and pools" }
    : { name: "agent", ok: false, address: "-", detail: "not running; run `spcs platform up`" };
}

export function stopAgent(config: PlatformConfig): void {
  const state = readPlatformState(config.home);
  if (state.agent && processAlive(state.agent.pid)) terminate(state.agent.pid);
  if (state.agent) writePlatformState(config.home, { ...state, agent: undefined });
}

