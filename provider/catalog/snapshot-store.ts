import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";

/** A block volume SNAPSHOT as the catalog keeps it; names upper-case, the volume name as the spec writes it. */
export interface SnapshotRow {
  databaseName: string;
  schemaName: string;
  name: string;
  /** INITIALIZED while the copy runs, CREATED once it can fill a volume, ERROR when the copy failed. */
  state: "INITIALIZED" | "CREATED" | "ERROR";
  /** The service it was taken of, fully qualified (DESCRIBE SNAPSHOT's service_name). */
  serviceName: string;
  volumeName: string;
  instance: number;
  /** The volume's size in Gi (SPCS reports GB). */
  size: number;
  encryption: string;
  comment: string | null;
  /** SYS_BACKUP_ON_DELETE snapshots only: when the platform drops it (snapshotDeleteAfter). */
  deleteAfter: string | null;
  createdOn: string;
  owner: string;
}

const MAPPING: RowMapping = {};
const COLUMNS = ["databaseName", "schemaName", "name", "state", "serviceName", "volumeName", "instance", "size", "encryption", "comment", "deleteAfter", "createdOn", "owner"] as const;
const KEY = "database_name = ? AND schema_name = ? AND name = ?";

/** Rows of `snapshots`, keyed by (database, schema, name). */
export class SnapshotStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(database: string, schema: string, name: string): SnapshotRow | undefined {
    const r = this.db.prepare(`SELECT * FROM snapshots WHERE ${KEY}`).get(database, schema, name) as Record<string, unknown> | undefined;
    return r && fromDb<SnapshotRow>(r, MAPPING);
  }

  /** SHOW SNAPSHOTS order: database, schema, name. */
  list(): SnapshotRow[] {
    return (this.db.prepare("SELECT * FROM snapshots ORDER BY database_name, schema_name, name").all() as Record<string, unknown>[]).map((r) => fromDb<SnapshotRow>(r, MAPPING));
  }

  insert(r: SnapshotRow): void {
    this.db.prepare(insertSql("snapshots", COLUMNS)).run(toDb(r, MAPPING));
  }

  setState(database: string, schema: string, name: string, state: SnapshotRow["state"]): void {
    this.db.prepare(`UPDATE snapshots SET state = ? WHERE ${KEY}`).run(state, database, schema, name);
  }

  delete(database: string, schema: string, name: string): boolean {
    return this.db.prepare(`DELETE FROM snapshots WHERE ${KEY}`).run(database, schema, name).changes > 0;
  }
}
