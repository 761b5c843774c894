import type BetterSqlite3 from "better-sqlite3";

/** Where the collector stands in one container: the last line exported, the last status recorded. */
export interface EventPosition {
  logTime: string | null;
  status: string | null;
  message: string | null;
}

/**
 * Rows of `event_outbox` (event-table rows, JSON, waiting to be copied into the event table) and
 * `event_positions`. The rows are opaque here: objects/event-table/ makes them, the SQL endpoint ships them.
 */
export class EventStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  position(container: string): EventPosition | undefined {
    const r = this.db.prepare("SELECT log_time, status, message FROM event_positions WHERE container = ?").get(container) as { log_time: string | null; status: string | null; message: string | null } | undefined;
    return r && { logTime: r.log_time, status: r.status, message: r.message };
  }

  setLogTime(container: string, logTime: string): void {
    this.db.prepare("INSERT INTO event_positions (container, log_time) VALUES (?, ?) ON CONFLICT (container) DO UPDATE SET log_time = excluded.log_time").run(container, logTime);
  }

  setStatus(container: string, status: string, message: string): void {
    this.db.prepare("INSERT INTO event_positions (container, status, message) VALUES (?, ?, ?) ON CONFLICT (container) DO UPDATE SET status = excluded.status, message = excluded.message").run(container, status, message);
  }

  /** Forgets the positions of containers whose name starts with `prefix` (their service was dropped). */
  forgetPositions(prefix: string): void {
    this.db.prepare("DELETE FROM event_positions WHERE substr(container, 1, length(?)) = ?").run(prefix, prefix);
  }

  append(rows: object[]): void {
    const insert = this.db.prepare("INSERT INTO event_outbox (row) VALUES (?)");
    for (const r of rows) insert.run(JSON.stringify(r));
  }

  /** The oldest `limit` rows waiting, in the order they were collected. */
  pending(limit: number): { id: number; row: Record<string, unknown> }[] {
    const rows = this.db.prepare("SELECT id, row FROM event_outbox ORDER BY id LIMIT ?").all(limit) as { id: number; row: string }[];
    return rows.map((r) => ({ id: r.id, row: JSON.parse(r.row) as Record<string, unknown> }));
  }

  /** Drops the rows up to `id` (they are in the event table now). */
  shipped(id: number): void {
    this.db.prepare("DELETE FROM event_outbox WHERE id <= ?").run(id);
  }
}
