import { randomUUID } from "node:crypto";
import type { Platform } from "../../platform/platform";
import { EVENT_TABLE, EVENT_TABLE_COLUMNS, eventsShipped, eventsToShip } from "../../statements/event-table";
import type { Upstream } from "./upstream";

/** How often the outbox is emptied into the event table, and how many rows go in one INSERT. */
const SHIP_MS = 1000;
const BATCH_ROWS = 200;

/**
 * Keeps the account's event table in fakesnow, where SQL reads it: creates SNOWFLAKE.TELEMETRY.EVENTS with
 * Snowflake's columns once fakesnow answers, then copies the rows the platform agent collected into the
 * catalog's outbox (statements/event-table.ts), oldest first, and acknowledges them only once fakesnow
 * has them. A crash between the INSERT and the acknowledgement repeats that batch once; nothing is lost.
 * The endpoint's own fakesnow session does this; clients never write the table through it.
 */
export class EventTableShipper {
  private token: string | undefined;
  private tableReady = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastError = "";

  constructor(private readonly platform: Platform, private readonly upstream: Upstream, private readonly log: (line: string) => void) {}

  start(): void {
    const tick = () => {
      this.shipAll()
        .then(() => (this.lastError = ""))
        .catch((e: unknown) => {
          // fakesnow restarted (its sessions are gone) or is down: log in and create the table again.
          this.token = undefined;
          this.tableReady = false;
          const message = `event table: ${e instanceof Error ? e.message : String(e)}`;
          if (message !== this.lastError) this.log(message);
          this.lastError = message;
        })
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, SHIP_MS);
        });
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Ships until the outbox is empty; returns the number of rows shipped. */
  async shipAll(): Promise<number> {
    await this.ensureTable();
    let shipped = 0;
    for (;;) {
      const batch = eventsToShip(this.platform, BATCH_ROWS);
      if (!batch.length) return shipped;
      await this.insert(batch.map((b) => b.row));
      eventsShipped(this.platform, batch[batch.length - 1].id);
      shipped += batch.length;
    }
  }

  private async ensureTable(): Promise<void> {
    if (this.tableReady) return;
    const [database, schema] = EVENT_TABLE.split(".");
    const columns = EVENT_TABLE_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", ");
    await this.sql(`CREATE DATABASE IF NOT EXISTS ${database}`);
    await this.sql(`CREATE SCHEMA IF NOT EXISTS ${database}.${schema}`);
    await this.sql(`CREATE TABLE IF NOT EXISTS ${EVENT_TABLE} (${columns})`);
    this.tableReady = true;
  }

  /** One INSERT … SELECT … UNION ALL …, every value bound: JSON through PARSE_JSON, times cast. */
  private async insert(rows: Record<string, unknown>[]): Promise<void> {
    const select = `SELECT ${EVENT_TABLE_COLUMNS.map(([, type]) => (type === "VARCHAR" ? "?" : type === "TIMESTAMP_NTZ" ? "CAST(? AS TIMESTAMP_NTZ)" : "PARSE_JSON(?)")).join(", ")}`;
    const sqlText = `INSERT INTO ${EVENT_TABLE} (${EVENT_TABLE_COLUMNS.map(([name]) => name).join(", ")}) ${rows.map(() => select).join(" UNION ALL ")}`;
    const values = rows.flatMap((r) =>
      EVENT_TABLE_COLUMNS.map(([name, type]) => {
        const v = r[name];
        if (v === undefined || v === null) return null;
        return type === "VARCHAR" || type === "TIMESTAMP_NTZ" ? String(v) : JSON.stringify(v);
      }),
    );
    await this.sql(sqlText, values);
  }

  private async sql(sqlText: string, values: (string | null)[] = []): Promise<void> {
    const token = this.token ?? (this.token = await this.login());
    const bindings = Object.fromEntries(values.map((value, i) => [String(i + 1), { type: "TEXT", value }]));
    const r = await this.upstream.post(`/queries/v1/query-request?requestId=${randomUUID()}`, { sqlText, ...(values.length && { bindings }) }, { Authorization: `Snowflake Token="${token}"` });
    if (r.body.success !== true) throw new Error(`fakesnow refused ${sqlText.slice(0, 60)}…: ${String(r.body.code ?? r.status)} ${String(r.body.message ?? "")}`);
  }

  private async login(): Promise<string> {
    const r = await this.upstream.post("/session/v1/login-request", { data: { LOGIN_NAME: "spcs-event-table", SESSION_PARAMETERS: {} } });
    const token = (r.body.data as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`fakesnow did not log the event table's session in: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return token;
  }
}
