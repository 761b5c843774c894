import type BetterSqlite3 from "better-sqlite3";

/** The states SHOW COMPUTE POOLS reports (the Terraform SDK's enum lists exactly these six). */
export const POOL_STATES = ["STARTING", "RESIZING", "IDLE", "ACTIVE", "STOPPING", "SUSPENDED"] as const;
export type PoolState = (typeof POOL_STATES)[number];

/** Who suspended a pool: an explicit ALTER ... SUSPEND, or the platform after AUTO_SUSPEND_SECS idle. */
export type SuspendedBy = "USER" | "AUTO";

/** The settable properties of a pool, all resolved (defaults filled, names upper-case). */
export interface PoolSettings {
  name: string;
  instanceFamily: string;
  minNodes: number;
  maxNodes: number;
  autoResume: boolean;
  autoSuspendSecs: number;
  initiallySuspended: boolean;
  comment: string | null;
}

export interface ComputePoolRow extends PoolSettings {
  state: PoolState;
  suspendedBy: SuspendedBy | null;
  createdOn: string;
  resumedOn: string;
  updatedOn: string;
  owner: string;
}

interface DbRow {
  name: string;
  instance_family: string;
  min_nodes: number;
  max_nodes: number;
  auto_resume: number;
  auto_suspend_secs: number;
  initially_suspended: number;
  comment: string | null;
  state: PoolState;
  suspended_by: SuspendedBy | null;
  created_on: string;
  resumed_on: string;
  updated_on: string;
  owner: string;
}

const fromDb = (r: DbRow): ComputePoolRow => ({
  name: r.name,
  instanceFamily: r.instance_family,
  minNodes: r.min_nodes,
  maxNodes: r.max_nodes,
  autoResume: r.auto_resume === 1,
  autoSuspendSecs: r.auto_suspend_secs,
  initiallySuspended: r.initially_suspended === 1,
  comment: r.comment,
  state: r.state,
  suspendedBy: r.suspended_by,
  createdOn: r.created_on,
  resumedOn: r.resumed_on,
  updatedOn: r.updated_on,
  owner: r.owner,
});

const toDb = (p: ComputePoolRow): DbRow => ({
  name: p.name,
  instance_family: p.instanceFamily,
  min_nodes: p.minNodes,
  max_nodes: p.maxNodes,
  auto_resume: p.autoResume ? 1 : 0,
  auto_suspend_secs: p.autoSuspendSecs,
  initially_suspended: p.initiallySuspended ? 1 : 0,
  comment: p.comment,
  state: p.state,
  suspended_by: p.suspendedBy,
  created_on: p.createdOn,
  resumed_on: p.resumedOn,
  updated_on: p.updatedOn,
  owner: p.owner,
});

const COLUMNS = Object.keys(toDb({} as ComputePoolRow));

/** Rows of `compute_pools`. Callers wrap read-modify-write sequences in `Catalog.write`. */
export class ComputePoolStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(name: string): ComputePoolRow | undefined {
    const r = this.db.prepare("SELECT * FROM compute_pools WHERE name = ?").get(name) as DbRow | undefined;
    return r && fromDb(r);
  }

  list(): ComputePoolRow[] {
    return (this.db.prepare("SELECT * FROM compute_pools ORDER BY name").all() as DbRow[]).map(fromDb);
  }

  insert(p: ComputePoolRow): void {
    this.db.prepare(`INSERT INTO compute_pools (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((c) => "@" + c).join(", ")})`).run(toDb(p));
  }

  update(p: ComputePoolRow): void {
    const sets = COLUMNS.filter((c) => c !== "name").map((c) => `${c} = @${c}`);
    this.db.prepare(`UPDATE compute_pools SET ${sets.join(", ")} WHERE name = @name`).run(toDb(p));
  }

  delete(name: string): boolean {
    return this.db.prepare("DELETE FROM compute_pools WHERE name = ?").run(name).changes > 0;
  }
}
