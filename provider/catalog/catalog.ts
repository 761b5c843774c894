import * as fs from "node:fs";
import * as path from "node:path";
import { ownerOnlyFile } from "../common/owner-only";
import type BetterSqlite3 from "better-sqlite3";
import { pollSync } from "../common/poll";
import { MIGRATIONS } from "./migrations";
import { ComputePoolStore } from "./compute-pool-store";
import { CustomRuntimeEnvironmentStore } from "./custom-runtime-environment-store";
import { ImageRepositoryStore } from "./image-repository-store";
import { JobStore } from "./job-store";
import { ObjectCreatorStore } from "./object-creator-store";
import { ServiceStore } from "./service-store";
import { NetworkRuleStore } from "./network-rule-store";
import { ExternalAccessIntegrationStore } from "./external-access-integration-store";
import { EventStore } from "./event-store";
import { AccountParameterStore } from "./account-parameter-store";
import { SnapshotStore } from "./snapshot-store";
import { ServiceFunctionStore } from "./service-function-store";

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

/**
 * The catalog of SPCS objects: one SQLite file under the platform home.
 *
 * Two processes at once (two `pulumi up` runs, or `pulumi up` and the `spcs` CLI) are safe: the database
 * runs in WAL mode so readers never block, every write runs in a `BEGIN IMMEDIATE` transaction so
 * read-modify-write sequences are serialised, and a busy timeout makes a second writer wait instead of
 * failing.
 */
export class Catalog {
  readonly pools: ComputePoolStore;
  readonly repositories: ImageRepositoryStore;
  readonly services: ServiceStore;
  readonly jobs: JobStore;
  readonly creators: ObjectCreatorStore;
  readonly runtimeEnvironments: CustomRuntimeEnvironmentStore;
  readonly networkRules: NetworkRuleStore;
  readonly integrations: ExternalAccessIntegrationStore;
  readonly events: EventStore;
  readonly parameters: AccountParameterStore;
  readonly snapshots: SnapshotStore;
  readonly serviceFunctions: ServiceFunctionStore;

  private constructor(private readonly db: BetterSqlite3.Database) {
    this.pools = new ComputePoolStore(db);
    this.repositories = new ImageRepositoryStore(db);
    this.services = new ServiceStore(db);
    this.jobs = new JobStore(db);
    this.creators = new ObjectCreatorStore(db);
    this.runtimeEnvironments = new CustomRuntimeEnvironmentStore(db);
    this.networkRules = new NetworkRuleStore(db);
    this.integrations = new ExternalAccessIntegrationStore(db);
    this.events = new EventStore(db);
    this.parameters = new AccountParameterStore(db);
    this.snapshots = new SnapshotStore(db);
    this.serviceFunctions = new ServiceFunctionStore(db);
  }

  static open(file: string): Catalog {
    // The catalog keeps job logs (which may print a secret) and the home holds the secrets store: both
    // readable by their owner only. SQLite gives its -wal and -shm files the database file's mode.
    // A home made here is 0700; an existing one keeps its mode (it may be a directory the user shares),
    // the files themselves are narrowed.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    ownerOnlyFile(file);
    for (const extra of [`${file}-wal`, `${file}-shm`]) if (fs.existsSync(extra)) fs.chmodSync(extra, 0o600);
    // Loaded here rather than at module scope so that merely importing the catalog costs nothing.
    const Database: typeof BetterSqlite3 = require("better-sqlite3");
    const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    untilNotBusy(() => db.pragma("journal_mode = WAL"));
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db);
    return new Catalog(db);
  }

  /** Runs `fn` in one write transaction that no other process can interleave with. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Switching a new database to WAL needs it to itself, and SQLite answers SQLITE_BUSY at once rather than
 * waiting (the busy timeout does not cover it) when another process opens the same new catalog at that
 * moment: two `pulumi up` runs on a fresh home. Retry briefly.
 */
function untilNotBusy(fn: () => unknown): void {
  let busy: unknown;
  pollSync(
    () => {
      try {
        fn();
        return true;
      } catch (e) {
        if ((e as { code?: string }).code !== "SQLITE_BUSY") throw e;
        busy = e;
        return undefined;
      }
    },
    { intervalMs: 20, timeoutMs: BUSY_TIMEOUT_MS, onTimeout: () => busy as Error },
  );
}

function migrate(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    const current = db.pragma("user_version", { simple: true }) as number;
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
