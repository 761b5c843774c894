import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";

/** A NETWORK RULE as the catalog keeps it; names upper-case, `valueList` as written (`host[:port]`). */
export interface NetworkRuleRow {
  databaseName: string;
  schemaName: string;
  name: string;
  type: "HOST_PORT";
  mode: "EGRESS";
  valueList: string[];
  comment: string | null;
  createdOn: string;
  owner: string;
}

const MAPPING: RowMapping = { json: ["valueList"] };
const COLUMNS = ["databaseName", "schemaName", "name", "type", "mode", "valueList", "comment", "createdOn", "owner"] as const;
const KEY = "database_name = ? AND schema_name = ? AND name = ?";

/** Rows of `network_rules`, keyed by (database, schema, name). */
export class NetworkRuleStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(database: string, schema: string, name: string): NetworkRuleRow | undefined {
    const r = this.db.prepare(`SELECT * FROM network_rules WHERE ${KEY}`).get(database, schema, name) as Record<string, unknown> | undefined;
    return r && fromDb<NetworkRuleRow>(r, MAPPING);
  }

  list(): NetworkRuleRow[] {
    return (this.db.prepare("SELECT * FROM network_rules ORDER BY database_name, schema_name, name").all() as Record<string, unknown>[]).map((r) => fromDb<NetworkRuleRow>(r, MAPPING));
  }

  insert(r: NetworkRuleRow): void {
    this.db.prepare(insertSql("network_rules", COLUMNS)).run(toDb(r, MAPPING));
  }

  update(database: string, schema: string, name: string, changes: { valueList?: string[]; comment?: string | null }): void {
    const row = this.get(database, schema, name);
    if (!row) return;
    const next = { ...row, ...changes };
    this.db.prepare(`UPDATE network_rules SET value_list = ?, comment = ? WHERE ${KEY}`).run(JSON.stringify(next.valueList), next.comment, database, schema, name);
  }

  delete(database: string, schema: string, name: string): boolean {
    return this.db.prepare(`DELETE FROM network_rules WHERE ${KEY}`).run(database, schema, name).changes > 0;
  }
}
