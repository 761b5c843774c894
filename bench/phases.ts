import * as fs from "node:fs";
import * as path from "node:path";
import { readPhaseTimings, summarizePhases } from "../provider/common/phase-timings";

/**
 * Per-phase timings of one measured step (`npm run bench -- --phases`): the provider appends to a file
 * named after the step (provider/common/phase-timings.ts), and the summary goes next to the results.
 * Off by default, so the measured times carry no bookkeeping.
 */
export class PhaseRecorder {
  readonly summaries: Record<string, ReturnType<typeof summarizePhases>> = {};

  constructor(private readonly dir: string | undefined) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }

  /** The environment that turns timings on for `step` (empty when off). */
  env(step: string): Record<string, string> {
    return this.dir ? { SPCS_PHASE_TIMINGS: this.file(step) } : {};
  }

  /** Runs an in-process step with timings on. */
  async around<T>(step: string, fn: () => Promise<T>): Promise<T> {
    if (!this.dir) return fn();
    const before = process.env.SPCS_PHASE_TIMINGS;
    process.env.SPCS_PHASE_TIMINGS = this.file(step);
    try {
      return await fn();
    } finally {
      if (before === undefined) delete process.env.SPCS_PHASE_TIMINGS;
      else process.env.SPCS_PHASE_TIMINGS = before;
    }
  }

  /** Summarises every step recorded so far (count, total, mean per phase). */
  collect(): void {
    if (!this.dir) return;
    for (const f of fs.readdirSync(this.dir).filter((x) => x.endsWith(".phases.jsonl"))) {
      this.summaries[f.replace(/\.phases\.jsonl$/, "")] = summarizePhases(readPhaseTimings(path.join(this.dir, f)));
    }
  }

  private file(step: string): string {
    return path.join(this.dir!, `${step}.phases.jsonl`);
  }
}
