/**
 * One way of writing how to fix a problem. A fix is an imperative phrase, lower case, without a final
 * period ("run pulumi up again", "use CPU or GPU"); it is written once, where the problem is found, and
 * each surface appends it to its message in the shape users and tests already know:
 *  - "error": a thrown SpcsError, printed by the CLI and Pulumi: `message\n  fix: phrase`;
 *  - "check": a Pulumi check failure, one line the engine prints verbatim: `Message. Fix: phrase.`;
 *  - "diagnostic": a spec diagnostic line, after its code: `message (phrase)` (provider/spec/diagnostics.ts
 *    renders this shape itself; it sits in a layer that may call this helper).
 */
export type FixSurface = "error" | "check" | "diagnostic";

export function withFix(message: string, fix: string | undefined, surface: FixSurface): string {
  if (!fix) return message;
  switch (surface) {
    case "error":
      return `${message}\n  fix: ${fix}`;
    case "check":
      return `${message.replace(/\.$/, "")}. Fix: ${/[.?!]$/.test(fix) ? fix : `${fix}.`}`;
    case "diagnostic":
      return `${message} (${fix})`;
  }
}
