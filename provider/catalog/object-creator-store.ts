import type BetterSqlite3 from "better-sqlite3";

/** Rows of `object_creators`: which Pulumi resource created an object of the platform. */
export class ObjectCreatorStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(kind: string, id: string): string | undefined {
    return (this.db.prepare("SELECT creator FROM object_creators WHERE kind = ? AND id = ?").get(kind, id) as { creator: string } | undefined)?.creator;
  }

  set(kind: string, id: string, creator: string): void {
    this.db.prepare("INSERT OR REPLACE INTO object_creators (kind, id, creator) VALUES (?, ?, ?)").run(kind, id, creator);
  }

  /** Forgets whoever created the object (it was deleted). */
  forget(kind: string, id: string): void {
    this.db.prepare("DELETE FROM object_creators WHERE kind = ? AND id = ?").run(kind, id);
  }

  /** Forgets the creator, only if it is still `creator` (a later create by someone else keeps its own). */
  clear(kind: string, id: string, creator: string): void {
    this.db.prepare("DELETE FROM object_creators WHERE kind = ? AND id = ? AND creator = ?").run(kind, id, creator);
  }
}
