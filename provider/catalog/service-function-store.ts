import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";

/** One argument of a service function: its name and Snowflake type, upper-case, as declared. */
export interface FunctionArgument {
  name: string;
  type: string;
}

/**
 * A service function (SPCS CREATE FUNCTION … SERVICE= ENDPOINT= AS '/path') as the catalog keeps it:
 * names upper-case, `service` the target's qualified name `DB.SCHEMA.NAME`, `contextHeaders` the context
 * functions named in CONTEXT_HEADERS (`CURRENT_USER`, …), `maxBatchRows` null when not given.
 */
export interface ServiceFunctionRow {
  databaseName: string;
  schemaName: string;
  name: string;
  arguments: FunctionArgument[];
  returns: string;
  service: string;
  endpoint: string;
  path: string;
  maxBatchRows: number | null;
  contextHeaders: string[];
  comment: string | null;
  createdOn: string;
  owner: string;
}

const MAPPING: RowMapping = { json: ["arguments", "contextHeaders"] };
const COLUMNS = ["databaseName", "schemaName", "name", "arguments", "returns", "service", "endpoint", "path", "maxBatchRows", "contextHeaders", "comment", "createdOn", "owner"] as const;
const KEY = "database_name = ? AND schema_name = ? AND name = ?";

/** Rows of `service_functions`, keyed by (database, schema, name): one signature per name. */
export class ServiceFunctionStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(database: string, schema: string, name: string): ServiceFunctionRow | undefined {
    const r = this.db.prepare(`SELECT * FROM service_functions WHERE ${KEY}`).get(database, schema, name) as Record<string, unknown> | undefined;
    return r && fromDb<ServiceFunctionRow>(r, MAPPING);
  }

  list(): ServiceFunctionRow[] {
    return (this.db.prepare("SELECT * FROM service_functions ORDER BY database_name, schema_name, name").all() as Record<string, unknown>[]).map((r) => fromDb<ServiceFunctionRow>(r, MAPPING));
  }

  /** Inserts, or replaces the function of the same name (CREATE OR REPLACE). */
  put(r: ServiceFunctionRow): void {
    this.delete(r.databaseName, r.schemaName, r.name);
    this.db.prepare(insertSql("service_functions", COLUMNS)).run(toDb(r, MAPPING));
  }

  delete(database: string, schema: string, name: string): boolean {
    return this.db.prepare(`DELETE FROM service_functions WHERE ${KEY}`).run(database, schema, name).changes > 0;
  }
}
