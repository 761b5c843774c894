import { sqlRow } from "./sql-row";
import { renderProperties, renderTable, type Column } from "./table";

/**
 * Where the CLI writes and what it reads from its surroundings. Tests pass their own, so `runCli` runs
 * in-process without touching the real streams or the real environment.
 */
export interface CliIo {
  /** Text that already ends in a newline, like `stream.write`. */
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The environment `resolveConfig` reads (SPCS_HOME, DOCKER_HOST, SPCS_REGISTRY, SPCS_ACCOUNT); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** For `spcs spec`: reads a specification file; default fs.readFileSync(p, "utf8"). */
  readFile?: (p: string) => string;
}

export const OUTPUT_FORMATS = ["table", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Prints results in the chosen format. Tables are for people: a SHOW prints the few columns people read
 * first unless `--wide` asks for every SQL column. JSON is for scripts and carries every field of the
 * description, keyed by SQL column name (`compute_pool`) as `snow --format json` keys its rows. Both
 * print timestamps in Snowflake's form (sql-row.ts).
 */
export class Output {
  constructor(
    private readonly io: CliIo,
    private readonly format: () => OutputFormat,
    private readonly wide: () => boolean = () => false,
  ) {}

  isJson(): boolean {
    return this.format() === "json";
  }

  /** A SHOW result: a JSON array of row objects, or a table of `narrow` (every one of `columns` with `--wide`). */
  rows(rows: readonly object[], columns: readonly Column[], narrow?: readonly Column[]): void {
    if (this.format() === "json") return this.json(rows.map(sqlRow));
    this.io.stdout(renderTable(rows, this.wide() || !narrow ? columns : narrow));
  }

  /** A DESCRIBE result: a JSON object, or property / value lines for `keys` (default every key). */
  object(obj: object, keys?: readonly string[]): void {
    if (this.format() === "json") return this.json(sqlRow(obj));
    this.io.stdout(renderProperties(obj, keys));
  }

  /** The one-line result of CREATE / ALTER / DROP, as SQL returns it: `{"status": ...}` or a STATUS table. */
  status(message: string): void {
    if (this.format() === "json") return this.json({ status: message });
    this.io.stdout(renderTable([{ status: message }], ["status"]));
  }

  private json(value: unknown): void {
    this.io.stdout(JSON.stringify(value, null, 2) + "\n");
  }
}
