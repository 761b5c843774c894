import type Dockerode from "dockerode";
import type { LogLine } from "../container-runtime";
import { afterTime, parseDockerTime, timeParam } from "./docker-time";
import { ignoreMissing } from "./errors";
import { readFrames } from "./log-frames";

/**
 * A container's log after a position, line by line with the engine's stamp and stream: what an exporter
 * needs to read on where it stopped (the event table's collector). Docker's `since` is inclusive to the
 * nanosecond, so reading on from a line starts one nanosecond after its stamp. A TTY container's log is
 * not framed: all of it is stdout.
 */
export async function logLinesAfter(docker: Dockerode, id: string, after: string | undefined): Promise<LogLine[]> {
  const from = after ? parseDockerTime(after) : undefined;
  const buf = (await ignoreMissing(docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, timestamps: true, ...(from && { since: timeParam(afterTime(from)) }) }))) as Buffer | undefined;
  if (!buf?.length) return [];
  const { frames, consumed } = readFrames(buf);
  const entries = consumed === buf.length ? frames.map((f) => ({ stream: f.stream, text: f.payload.toString("utf8") })) : [{ stream: "stdout" as const, text: buf.toString("utf8") }];
  const lines: LogLine[] = [];
  for (const e of entries) {
    for (const raw of e.text.split("\n")) {
      if (!raw) continue;
      const space = raw.indexOf(" ");
      const time = space > 0 ? raw.slice(0, space) : "";
      if (!parseDockerTime(time)) continue; // every line Docker sends with `timestamps` starts with its stamp
      lines.push({ time, stream: e.stream, text: raw.slice(space + 1).replace(/\r$/, "") });
    }
  }
  return lines;
}
