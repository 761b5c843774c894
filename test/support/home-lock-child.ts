/**
 * One contender for a home lock, for the two-process lock tests. argv[2]: {"home", "name", "rounds",
 * "holdMs", "staleMs", "heartbeatMs", "log"}. Each round takes the lock, appends `enter <pid>`, checks
 * no one else is inside (a marker file), holds it for holdMs, appends `exit <pid>` and releases.
 * "hang": take the lock once and never return (the parent kills the process: a dead holder).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withHomeLock } from "../../provider/platform/home-lock";

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]) as { home: string; name: string; rounds: number; holdMs: number; staleMs: number; heartbeatMs: number; log: string; hang?: boolean };
  const marker = path.join(o.home, "inside");
  const timing = { staleMs: o.staleMs, heartbeatMs: o.heartbeatMs, retryMs: 5 };
  for (let i = 0; i < o.rounds; i++) {
    await withHomeLock(o.home, o.name, async () => {
      fs.appendFileSync(o.log, `enter ${process.pid}\n`);
      try {
        fs.writeFileSync(marker, String(process.pid), { flag: "wx" });
      } catch {
        fs.appendFileSync(o.log, `VIOLATION ${process.pid} found ${fs.readFileSync(marker, "utf8")}\n`);
      }
      if (o.hang) {
        fs.appendFileSync(o.log, `holding ${process.pid}\n`);
        await new Promise(() => undefined);
      }
      await new Promise((r) => setTimeout(r, o.holdMs));
      fs.rmSync(marker, { force: true });
      fs.appendFileSync(o.log, `exit ${process.pid}\n`);
    }, timing);
  }
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
