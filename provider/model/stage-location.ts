import * as path from "node:path";
import { SpcsError } from "../common/errors";
import { stagesDir } from "../common/home-layout";

/** An internal stage and a folder in it, as `@db.schema.stage/folder` names them. */
export interface StageLocation {
  database: string;
  schema: string;
  /** As stored: upper-case unless it was quoted. */
  stage: string;
  /** The folder's path segments (none: the whole stage). */
  folder: string[];
}

const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_$]*$/;
/**
 * A quoted part keeps its case; it becomes a folder name, so it may hold no `/`, `\`, NUL or `.` (the SQL
 * engine splits stage names at dots) and may not be blank.
 */
const QUOTED_CONTENT = /^[^/\\\0."]*[^/\\\0."\s][^/\\\0."]*$/;

/** Splits `a."b c".d` at the dots outside quotes, keeping the quotes. */
function splitParts(name: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '"') {
      if (quoted && name[i + 1] === '"') (current += '""'), i++;
      else (quoted = !quoted), (current += ch);
    } else if (ch === "." && !quoted) (parts.push(current), (current = ""));
    else current += ch;
  }
  parts.push(current);
  return parts;
}

function part(text: string, what: string, reference: string): string {
  if (UNQUOTED.test(text)) return text.toUpperCase();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    const inner = text.slice(1, -1).replace(/""/g, '"');
    if (QUOTED_CONTENT.test(inner)) return inner;
  }
  throw new SpcsError(
    "invalid-stage-name",
    `The stage ${JSON.stringify(reference)} has an invalid ${what} ${JSON.stringify(text)}.`,
    `name the stage as @stage, @schema.stage or @database.schema.stage with unquoted identifiers (letters, digits, '_', '$'), e.g. "@app_db.public.models/v1"`,
  );
}

/**
 * Reads `@[db.][schema.]stage[/folder…]` (a stage volume's `stageConfig.name`, the legacy `@stage/path`
 * volume source, or `FROM @stage`); a name without database or schema takes them from `defaults` (the
 * service's, or the SQL session's). Unquoted parts are upper-cased, as Snowflake stores them. The folder
 * may not step out of the stage (`.` and `..` segments are refused).
 */
export function parseStageLocation(reference: string, defaults: { database?: string; schema?: string }): StageLocation {
  if (!reference.startsWith("@")) throw new SpcsError("invalid-stage-name", `The stage ${JSON.stringify(reference)} does not start with '@'.`, 'write it as "@database.schema.stage" or "@stage/folder"');
  const body = reference.slice(1);
  const slash = body.search(/\/(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const name = slash < 0 ? body : body.slice(0, slash);
  const folder = slash < 0 ? [] : body.slice(slash + 1).split("/").filter((s) => s !== "");
  const parts = splitParts(name);
  if (parts.length > 3) part(name, "name (more than database.schema.stage)", reference);
  const stage = part(parts[parts.length - 1], "stage name", reference);
  // Defaults are stored names already; a session's may still be in the case it was typed.
  const asStored = (s: string | undefined) => (s && UNQUOTED.test(s) ? s.toUpperCase() : s);
  const schema = parts.length >= 2 ? part(parts[parts.length - 2], "schema name", reference) : asStored(defaults.schema);
  const database = parts.length === 3 ? part(parts[0], "database name", reference) : asStored(defaults.database);
  if (!database || !schema) {
    throw new SpcsError("invalid-stage-name", `The stage ${JSON.stringify(reference)} names no ${database ? "schema" : "database"}, and there is no current one.`, "qualify it: @database.schema.stage");
  }
  for (const seg of folder) {
    if (seg === "." || seg === ".." || seg.includes("\0") || seg.includes("\\")) {
      throw new SpcsError("invalid-stage-name", `The stage path ${JSON.stringify(reference)} has the segment ${JSON.stringify(seg)}; a stage folder cannot step outside its stage.`, 'name a folder inside the stage, e.g. "@models/v1"');
    }
  }
  return { database, schema, stage, folder };
}

/** The host folder holding a stage's files (or the folder's), below the platform's stage folder. */
export function stageHostPath(home: string, loc: StageLocation): string {
  const root = stagesDir(home);
  const dir = path.join(root, loc.database, loc.schema, loc.stage, ...loc.folder);
  // The parts were checked above; this is the last line of defence against a path that leaves the root.
  const rel = path.relative(root, dir);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new SpcsError("invalid-stage-name", `The stage folder ${dir} is outside ${root}.`);
  return dir;
}

/** `DB.SCHEMA.STAGE`, as errors name a stage. */
export function stageDisplayName(loc: StageLocation): string {
  return `${loc.database}.${loc.schema}.${loc.stage}`;
}
