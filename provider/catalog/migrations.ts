/**
 * Catalog schema, one entry per version. `PRAGMA user_version` records how many have run, so a newer
 * package opening an older catalog upgrades it in place and an older package never sees half a schema.
 * Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE compute_pools (
     name                TEXT PRIMARY KEY,
     instance_family     TEXT NOT NULL,
     min_nodes           INTEGER NOT NULL,
     max_nodes           INTEGER NOT NULL,
     auto_resume         INTEGER NOT NULL,
     auto_suspend_secs   INTEGER NOT NULL,
     initially_suspended INTEGER NOT NULL,
     comment             TEXT,
     state               TEXT NOT NULL,
     suspended_by        TEXT,
     created_on          TEXT NOT NULL,
     resumed_on          TEXT NOT NULL,
     updated_on          TEXT NOT NULL,
     owner               TEXT NOT NULL
   );
   CREATE TABLE image_repositories (
     database_name TEXT NOT NULL,
     schema_name   TEXT NOT NULL,
     name          TEXT NOT NULL,
     comment       TEXT,
     encryption    TEXT NOT NULL,
     created_on    TEXT NOT NULL,
     updated_on    TEXT NOT NULL,
     owner         TEXT NOT NULL,
     PRIMARY KEY (database_name, schema_name, name)
   );`,
];
