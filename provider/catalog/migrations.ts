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
  `CREATE TABLE services (
     database_name       TEXT NOT NULL,
     schema_name         TEXT NOT NULL,
     name                TEXT NOT NULL,
     compute_pool        TEXT NOT NULL,
     status              TEXT NOT NULL,
     spec                TEXT NOT NULL,
     spec_digest         TEXT NOT NULL,
     dns_name            TEXT NOT NULL,
     min_instances       INTEGER NOT NULL,
     max_instances       INTEGER NOT NULL,
     min_ready_instances INTEGER NOT NULL,
     auto_resume         INTEGER NOT NULL,
     auto_suspend_secs   INTEGER NOT NULL,
     external_access_integrations TEXT,
     query_warehouse     TEXT,
     comment             TEXT,
     images              TEXT NOT NULL,
     is_job              INTEGER NOT NULL,
     is_async_job        INTEGER NOT NULL,
     is_upgrading        INTEGER NOT NULL,
     created_on          TEXT NOT NULL,
     updated_on          TEXT NOT NULL,
     resumed_on          TEXT,
     suspended_on        TEXT,
     owner               TEXT NOT NULL,
     PRIMARY KEY (database_name, schema_name, name)
   );
   CREATE TABLE service_instances (
     database_name TEXT NOT NULL,
     schema_name   TEXT NOT NULL,
     service_name  TEXT NOT NULL,
     instance_id   INTEGER NOT NULL,
     compute_pool  TEXT NOT NULL,
     node_id       TEXT,
     spec_digest   TEXT NOT NULL,
     cpu_milli     INTEGER NOT NULL,
     memory_bytes  INTEGER NOT NULL,
     gpus          INTEGER NOT NULL,
     creation_time TEXT NOT NULL,
     start_time    TEXT,
     PRIMARY KEY (database_name, schema_name, service_name, instance_id),
     FOREIGN KEY (database_name, schema_name, service_name) REFERENCES services (database_name, schema_name, name) ON DELETE CASCADE
   );
   CREATE INDEX service_instances_by_pool ON service_instances (compute_pool, node_id);`,
];
