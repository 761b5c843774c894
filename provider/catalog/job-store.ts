import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";
import type { ServiceKey } from "./service-store";

/** What only a job service has, beside its `services` row (is_job = 1). */
export interface JobRow {
  databaseName: string;
  schemaName: string;
  name: string;
  replicas: number;
  /** `cre@NAME` when the job runs on a Custom Runtime Environment. */
  runtimeEnvironment: string | null;
  /** The id of the EXECUTE JOB SERVICE statement (GET_JOB_HISTORY's QUERY_ID). */
  queryId: string;
  startedOn: string | null;
  /** Set once every container has exited (or the job was cancelled): the job is finished. */
  completedOn: string | null;
  message: string | null;
}

/** A container of a finished job: what SHOW SERVICE CONTAINERS and the logs keep after Docker's copy is gone. */
export interface JobContainerRow {
  databaseName: string;
  schemaName: string;
  jobName: string;
  instanceId: number;
  containerName: string;
  status: string;
  message: string;
  exitCode: number | null;
  startTime: string | null;
  endTime: string | null;
  logs: string;
}

/** One row of SNOWFLAKE.SPCS.GET_JOB_HISTORY(), camelCased. */
export interface JobHistoryRow {
  id: number;
  queryId: string;
  name: string;
  databaseName: string;
  schemaName: string;
  createdTime: string;
  completedTime: string | null;
  deletedTime: string | null;
  status: string;
  message: string | null;
  instanceStatuses: Record<string, unknown>;
  computePoolName: string;
  owner: string;
  ownerRoleType: string;
  parameters: Record<string, unknown>;
}

const HISTORY_MAP: RowMapping = { json: ["instanceStatuses", "parameters"] };
const KEY = "database_name = ? AND schema_name = ? AND name = ?";
const CKEY = "database_name = ? AND schema_name = ? AND job_name = ?";

/** Rows of `job_services`, `job_containers` and `job_history`. Callers wrap writes in `Catalog.write`. */
export class JobStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(k: ServiceKey): JobRow | undefined {
    const r = this.db.prepare(`SELECT * FROM job_services WHERE ${KEY}`).get(k.database, k.schema, k.name) as Record<string, unknown> | undefined;
    return r && fromDb<JobRow>(r, {});
  }

  insert(row: JobRow): void {
    this.db.prepare(insertSql("job_services", Object.keys(row))).run(toDb(row, {}));
  }

  update(k: ServiceKey, changes: Partial<JobRow>): void {
    const db = toDb(changes, {});
    const sets = Object.keys(db).map((c) => `${c} = @${c}`);
    if (sets.length) this.db.prepare(`UPDATE job_services SET ${sets.join(", ")} WHERE database_name = @k_db AND schema_name = @k_schema AND name = @k_name`).run({ ...db, k_db: k.database, k_schema: k.schema, k_name: k.name });
  }

  containers(k: ServiceKey): JobContainerRow[] {
    return (this.db.prepare(`SELECT * FROM job_containers WHERE ${CKEY} ORDER BY instance_id, container_name`).all(k.database, k.schema, k.name) as Record<string, unknown>[]).map((r) => fromDb<JobContainerRow>(r, {}));
  }

  insertContainer(row: JobContainerRow): void {
    this.db.prepare(insertSql("job_containers", Object.keys(row)).replace("INSERT", "INSERT OR REPLACE")).run(toDb(row, {}));
  }

  insertHistory(row: Omit<JobHistoryRow, "id">): void {
    this.db.prepare(insertSql("job_history", Object.keys(row))).run(toDb(row, HISTORY_MAP));
  }

  updateHistory(queryId: string, changes: Partial<Omit<JobHistoryRow, "id" | "queryId">>): void {
    const db = toDb(changes, HISTORY_MAP);
    const sets = Object.keys(db).map((c) => `${c} = @${c}`);
    if (sets.length) this.db.prepare(`UPDATE job_history SET ${sets.join(", ")} WHERE query_id = @k_query`).run({ ...db, k_query: queryId });
  }

  /** GET_JOB_HISTORY: jobs created in [start, end], most recent first, at most `limit`. */
  history(opts: { start: string; end: string; limit: number }): JobHistoryRow[] {
    return (this.db.prepare("SELECT * FROM job_history WHERE created_time >= ? AND created_time <= ? ORDER BY created_time DESC, id DESC LIMIT ?").all(opts.start, opts.end, opts.limit) as Record<string, unknown>[]).map((r) => fromDb<JobHistoryRow>(r, HISTORY_MAP));
  }
}
