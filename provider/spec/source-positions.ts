/**
 * Maps offsets in the text that was parsed (possibly a rendered template) back to 1-based line/column
 * positions in the ORIGINAL text the user wrote.
 *
 * Rendering replaces each `{{ … }}` with its value. Every replacement is recorded as a substitution; an
 * offset outside any substitution is shifted by the length difference of the substitutions before it, and
 * an offset inside one maps to the placeholder itself (its `{{` for a start, its `}}` end for an end), so a
 * YAML or schema problem caused by a substituted value points at the placeholder that produced it.
 */
import { LineCounter } from "yaml";

export interface Substitution {
  renderedStart: number;
  renderedEnd: number;
  originalStart: number;
  originalEnd: number;
}

export interface Position {
  line: number;
  column: number;
}

/** A LineCounter for text that was not fed through the yaml parser. */
export function lineCounterFor(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lc.addNewLine(i + 1);
  return lc;
}

export class SourcePositions {
  private readonly lines: LineCounter;

  /** `substitutions` must be in ascending order, as the renderer produces them. */
  constructor(
    readonly originalText: string,
    private readonly substitutions: readonly Substitution[] = [],
    lines?: LineCounter,
  ) {
    this.lines = lines ?? lineCounterFor(originalText);
  }

  toOriginalOffset(offset: number, bias: "start" | "end" = "start"): number {
    let delta = 0;
    for (const s of this.substitutions) {
      if (offset < s.renderedStart) break;
      if (offset < s.renderedEnd || (bias === "end" && offset === s.renderedEnd)) return bias === "start" ? s.originalStart : s.originalEnd;
      delta = s.originalEnd - s.renderedEnd;
    }
    return Math.min(Math.max(offset + delta, 0), this.originalText.length);
  }

  position(offset: number, bias: "start" | "end" = "start"): Position {
    const pos = this.lines.linePos(this.toOriginalOffset(offset, bias));
    return pos.line === 0 ? { line: 1, column: pos.col + 1 } : { line: pos.line, column: pos.col };
  }
}
