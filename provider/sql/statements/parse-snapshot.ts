import { readObjectName, type ObjectName } from "./identifiers";
import { readOptions } from "./options";
import type { Statement } from "./statement-types";
import type { TokenCursor } from "./token-cursor";

/**
 * A volume name: SPCS says to double-quote it, since volume names are case-sensitive (a spec's `data`
 * is `"data"`); an unquoted word is an identifier and so upper-case, as Snowflake reads it.
 */
function readVolumeName(c: TokenCursor): string {
  const t = c.peek();
  if (t.kind === "quoted") return c.next().value;
  if (t.kind === "word") return c.next().value.toUpperCase();
  throw c.unexpected('the volume name, double-quoted as the spec writes it (VOLUME "data")');
}

function readInstanceId(c: TokenCursor): number {
  const t = c.peek();
  if (t.kind !== "number" || !/^\d+$/.test(t.value)) throw c.unexpected("an instance id (0, 1, …)");
  return Number(c.next().value);
}

/** CREATE [OR REPLACE] SNAPSHOT [IF NOT EXISTS] <name> FROM SERVICE <svc> VOLUME "<v>" INSTANCE <i> [COMMENT = '…'] [[WITH] TAG (…)]. */
export function readCreateSnapshot(c: TokenCursor, orReplace: boolean, ifNotExists: boolean): Statement {
  const name = readObjectName(c, "snapshot");
  c.expectWords("FROM", "SERVICE");
  const service = readObjectName(c, "service");
  c.expectWords("VOLUME");
  const volume = readVolumeName(c);
  c.expectWords("INSTANCE");
  const instance = readInstanceId(c);
  return { kind: "create-snapshot", name, orReplace, ifNotExists, service, volume, instance, options: readOptions(c) };
}

/** ALTER SERVICE <svc> RESTORE VOLUME "<v>" INSTANCES <i>[, <i>…] FROM SNAPSHOT <snapshot>. */
export function readRestoreVolume(c: TokenCursor): { kind: "restore"; volume: string; instances: number[]; snapshot: ObjectName } {
  c.expectWords("RESTORE", "VOLUME");
  const volume = readVolumeName(c);
  c.expectWords("INSTANCES");
  const instances = [readInstanceId(c)];
  while (c.acceptPunct(",")) instances.push(readInstanceId(c));
  c.expectWords("FROM", "SNAPSHOT");
  return { kind: "restore", volume, instances, snapshot: readObjectName(c, "snapshot") };
}
