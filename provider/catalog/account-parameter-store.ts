import type BetterSqlite3 from "better-sqlite3";

/** Rows of `account_parameters`: the account parameters ALTER ACCOUNT SET, by upper-case name. */
export class AccountParameterStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(name: string): string | undefined {
    return (this.db.prepare("SELECT value FROM account_parameters WHERE name = ?").get(name) as { value: string } | undefined)?.value;
  }

  set(name: string, value: string): void {
    this.db.prepare("INSERT INTO account_parameters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value").run(name, value);
  }

  unset(name: string): void {
    this.db.prepare("DELETE FROM account_parameters WHERE name = ?").run(name);
  }
}
