import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureFakesnowVenv, httpAnswers, startFakesnow } from "../../provider/provision/fakesnow";
import { waitFor } from "../../provider/provision/system";
import { startSqlEndpoint, type SqlEndpoint } from "../../provider/sql/server/sql-endpoint-server";
import { SqlError, type SqlResult, type SqlSession } from "../../provider/sql/sql-types";

/**
 * A real fakesnow (from the venv `spcs platform up` installs) behind the SQL endpoint, with a small SPCS
 * executor of the tests' own, so the protocol half is tested without the statement layer:
 * - `SHOW TEST WIDGETS`: one row of every wire type the executor contract has;
 * - `CALL TEST$SLOW(<ms>)`: answers after <ms>, for "in progress" polling and disconnects;
 * - `DESCRIBE WIDGET <name>`: fails with SPCS's 002003 "does not exist or not authorized";
 * - `SHOW TEST SESSION`: the session the endpoint passed in (user, role, database, schema).
 */
export interface SqlTestEndpoint {
  endpoint: SqlEndpoint;
  address: string;
  fakesnow: string;
  /** Statements the executor was asked about, in order. */
  seen: string[];
  dispose(): Promise<void>;
}

export const WIDGET_COLUMNS = ["name", "size", "price", "enabled", "disabled", "created_on"];

export async function testExecutor(sql: string, session: SqlSession): Promise<SqlResult | undefined> {
  const s = sql.trim().replace(/;\s*$/, "");
  let m: RegExpExecArray | null;
  if (/^show\s+test\s+widgets$/i.test(s)) {
    return {
      columns: [
        { name: "name", type: "text" },
        { name: "size", type: "fixed" },
        { name: "price", type: "fixed", scale: 2 },
        { name: "enabled", type: "boolean" },
        { name: "disabled", type: "boolean" },
        { name: "created_on", type: "timestamp_ltz" },
      ],
      rows: [["W1", 3, 9.5, true, false, new Date("2026-12-01T10:00:00.250Z")]],
      statementType: "show",
    };
  }
  if ((m = /^call\s+test\$slow\((\d+)\)$/i.exec(s))) {
    const ms = Number(m[1]);
    await new Promise((r) => setTimeout(r, ms));
    return { columns: [{ name: "status", type: "text" }], rows: [[`slept ${ms}`]], statementType: "select" };
  }
  if ((m = /^describe\s+widget\s+(\w+)$/i.exec(s))) {
    throw new SqlError("002003", "02000", `Widget '${m[1].toUpperCase()}' does not exist or not authorized.`);
  }
  if (/^show\s+test\s+session$/i.test(s)) {
    return {
      columns: ["user", "role", "database", "schema"].map((name) => ({ name, type: "text" as const })),
      rows: [[session.user, session.role, session.database ?? null, session.schema ?? null]],
      statementType: "show",
    };
  }
  return undefined;
}

export async function startSqlTestEndpoint(opts: { syncWaitMs?: number; pollWaitMs?: number } = {}): Promise<SqlTestEndpoint> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-sql-"));
  const { venv } = await ensureFakesnowVenv(() => undefined);
  const fs_ = await startFakesnow(venv, path.join(home, "fakesnow"), path.join(home, "stages"), path.join(home, "fakesnow.log"));
  try {
    await waitFor("fakesnow", async () => ((await httpAnswers(fs_.address)) ? true : undefined), 60_000, `see ${path.join(home, "fakesnow.log")}`);
  } catch (e) {
    process.kill(fs_.pid, "SIGTERM");
    throw e;
  }
  const seen: string[] = [];
  const endpoint = await startSqlEndpoint({
    fakesnow: fs_.address,
    executor: (sql, session) => {
      seen.push(sql);
      return testExecutor(sql, session);
    },
    syncWaitMs: opts.syncWaitMs ?? 500,
    pollWaitMs: opts.pollWaitMs ?? 500,
  });
  return {
    endpoint,
    address: endpoint.address,
    fakesnow: fs_.address,
    seen,
    async dispose() {
      await endpoint.close();
      try {
        process.kill(fs_.pid, "SIGTERM");
      } catch {
        /* gone */
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
