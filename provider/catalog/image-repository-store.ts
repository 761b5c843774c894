import type BetterSqlite3 from "better-sqlite3";

export const ENCRYPTION_TYPES = ["SNOWFLAKE_FULL", "SNOWFLAKE_SSE"] as const;
export type EncryptionType = (typeof ENCRYPTION_TYPES)[number];

export interface ImageRepositoryRow {
  databaseName: string;
  schemaName: string;
  name: string;
  comment: string | null;
  encryption: EncryptionType;
  createdOn: string;
  updatedOn: string;
  owner: string;
}

interface DbRow {
  database_name: string;
  schema_name: string;
  name: string;
  comment: string | null;
  encryption: EncryptionType;
  created_on: string;
  updated_on: string;
  owner: string;
}

const fromDb = (r: DbRow): ImageRepositoryRow => ({
  databaseName: r.database_name,
  schemaName: r.schema_name,
  name: r.name,
  comment: r.comment,
  encryption: r.encryption,
  createdOn: r.created_on,
  updatedOn: r.updated_on,
  owner: r.owner,
});

const KEY = "database_name = ? AND schema_name = ? AND name = ?";

/** Rows of `image_repositories`, keyed by (database, schema, name), all upper-case. */
export class ImageRepositoryStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(database: string, schema: string, name: string): ImageRepositoryRow | undefined {
    const r = this.db.prepare(`SELECT * FROM image_repositories WHERE ${KEY}`).get(database, schema, name) as DbRow | undefined;
    return r && fromDb(r);
  }

  list(): ImageRepositoryRow[] {
    const rows = this.db.prepare("SELECT * FROM image_repositories ORDER BY database_name, schema_name, name").all() as DbRow[];
    return rows.map(fromDb);
  }

  insert(r: ImageRepositoryRow): void {
    this.db
      .prepare(
        `INSERT INTO image_repositories (database_name, schema_name, name, comment, encryption, created_on, updated_on, owner)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.databaseName, r.schemaName, r.name, r.comment, r.encryption, r.createdOn, r.updatedOn, r.owner);
  }

  setComment(database: string, schema: string, name: string, comment: string | null, updatedOn: string): void {
    this.db.prepare(`UPDATE image_repositories SET comment = ?, updated_on = ? WHERE ${KEY}`).run(comment, updatedOn, database, schema, name);
  }

  delete(database: string, schema: string, name: string): boolean {
    return this.db.prepare(`DELETE FROM image_repositories WHERE ${KEY}`).run(database, schema, name).changes > 0;
  }
}
