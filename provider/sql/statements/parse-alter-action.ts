import { readOptions } from "./options";
import type { AlterAction } from "./statement-types";
import type { TokenCursor } from "./token-cursor";

/**
 * The ALTER actions SPCS objects share: SUSPEND, RESUME, STOP ALL, SET props, UNSET prop[, prop]. `allowed`
 * lists the ones this object takes; the error names them.
 */
export function readAlterAction(c: TokenCursor, allowed: readonly AlterAction["kind"][]): AlterAction {
  const may = (k: AlterAction["kind"]) => allowed.includes(k);
  if (may("suspend") && c.acceptWords("SUSPEND")) return { kind: "suspend" };
  if (may("resume") && c.acceptWords("RESUME")) return { kind: "resume" };
  if (may("stop-all") && c.acceptWords("STOP", "ALL")) {
    // STOP ALL OF TYPE ALL is STOP ALL; other workload types do not exist locally (every workload is USER).
    if (c.acceptWords("OF", "TYPE")) {
      do {
        if (c.peek().kind !== "word") throw c.unexpected("a workload type, e.g. ALL or USER");
        c.next();
      } while (c.acceptPunct(","));
    }
    return { kind: "stop-all" };
  }
  if (may("set") && c.acceptWords("SET")) {
    const options = readOptions(c);
    if (!options.length) throw c.unexpected("a property to set, e.g. COMMENT = '…'");
    return { kind: "set", options };
  }
  if (may("unset") && c.acceptWords("UNSET")) {
    const properties: string[] = [];
    do {
      if (c.peek().kind !== "word") throw c.unexpected("a property to unset, e.g. COMMENT");
      properties.push(c.next().value.toUpperCase());
    } while (c.acceptPunct(","));
    return { kind: "unset", properties };
  }
  const names: Record<AlterAction["kind"], string> = { suspend: "SUSPEND", resume: "RESUME", "stop-all": "STOP ALL", set: "SET …", unset: "UNSET …" };
  throw c.unexpected(allowed.map((k) => names[k]).join(", "));
}
