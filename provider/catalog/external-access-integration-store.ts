import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";

/** An EXTERNAL ACCESS INTEGRATION: account-level, naming its network rules as `DB.SCHEMA.RULE`. */
export interface ExternalAccessIntegrationRow {
  name: string;
  allowedNetworkRules: string[];
  enabled: boolean;
  comment: string | null;
  createdOn: string;
  owner: string;
}

const MAPPING: RowMapping = { json: ["allowedNetworkRules"], booleans: ["enabled"] };
const COLUMNS = ["name", "allowedNetworkRules", "enabled", "comment", "createdOn", "owner"] as const;

/** Rows of `external_access_integrations`, keyed by name. */
export class ExternalAccessIntegrationStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(name: string): ExternalAccessIntegrationRow | undefined {
    const r = this.db.prepare("SELECT * FROM external_access_integrations WHERE name = ?").get(name) as Record<string, unknown> | undefined;
    return r && fromDb<ExternalAccessIntegrationRow>(r, MAPPING);
  }

  list(): ExternalAccessIntegrationRow[] {
    return (this.db.prepare("SELECT * FROM external_access_integrations ORDER BY name").all() as Record<string, unknown>[]).map((r) => fromDb<ExternalAccessIntegrationRow>(r, MAPPING));
  }

  insert(r: ExternalAccessIntegrationRow): void {
    this.db.prepare(insertSql("external_access_integrations", COLUMNS)).run(toDb(r, MAPPING));
  }

  update(name: string, changes: Partial<Pick<ExternalAccessIntegrationRow, "allowedNetworkRules" | "enabled" | "comment">>): void {
    const row = this.get(name);
    if (!row) return;
    const next = { ...row, ...changes };
    this.db.prepare("UPDATE external_access_integrations SET allowed_network_rules = ?, enabled = ?, comment = ? WHERE name = ?").run(JSON.stringify(next.allowedNetworkRules), next.enabled ? 1 : 0, next.comment, name);
  }

  delete(name: string): boolean {
    return this.db.prepare("DELETE FROM external_access_integrations WHERE name = ?").run(name).changes > 0;
  }
}
