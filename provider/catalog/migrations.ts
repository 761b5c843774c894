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
  // Job services are rows of `services` (is_job = 1) plus what only a job has; a finished job's
  // containers keep their exit codes and logs here after its Docker containers are gone. Job history
  // outlives the job (GET_JOB_HISTORY lists deleted jobs too), so it has no foreign key.
  `CREATE TABLE job_services (
     database_name       TEXT NOT NULL,
     schema_name         TEXT NOT NULL,
     name                TEXT NOT NULL,
     replicas            INTEGER NOT NULL,
     runtime_environment TEXT,
     query_id            TEXT NOT NULL,
     started_on          TEXT,
     completed_on        TEXT,
     message             TEXT,
     PRIMARY KEY (database_name, schema_name, name),
     FOREIGN KEY (database_name, schema_name, name) REFERENCES services (database_name, schema_name, name) ON DELETE CASCADE
   );
   CREATE TABLE job_containers (
     database_name  TEXT NOT NULL,
     schema_name    TEXT NOT NULL,
     job_name       TEXT NOT NULL,
     instance_id    INTEGER NOT NULL,
     container_name TEXT NOT NULL,
     status         TEXT NOT NULL,
     message        TEXT NOT NULL,
     exit_code      INTEGER,
     start_time     TEXT,
     end_time       TEXT,
     logs           TEXT NOT NULL,
     PRIMARY KEY (database_name, schema_name, job_name, instance_id, container_name),
     FOREIGN KEY (database_name, schema_name, job_name) REFERENCES services (database_name, schema_name, name) ON DELETE CASCADE
   );
   CREATE TABLE job_history (
     id                INTEGER PRIMARY KEY AUTOINCREMENT,
     query_id          TEXT NOT NULL,
     name              TEXT NOT NULL,
     database_name     TEXT NOT NULL,
     schema_name       TEXT NOT NULL,
     created_time      TEXT NOT NULL,
     completed_time    TEXT,
     deleted_time      TEXT,
     status            TEXT NOT NULL,
     message           TEXT,
     instance_statuses TEXT NOT NULL,
     compute_pool_name TEXT NOT NULL,
     owner             TEXT NOT NULL,
     owner_role_type   TEXT NOT NULL,
     parameters        TEXT NOT NULL
   );
   CREATE TABLE custom_runtime_environments (
     name              TEXT PRIMARY KEY,
     image_path        TEXT NOT NULL,
     image_name        TEXT NOT NULL,
     tag               TEXT NOT NULL,
     digest            TEXT NOT NULL,
     image             TEXT NOT NULL,
     base_image_type   TEXT NOT NULL,
     cre_status        TEXT NOT NULL,
     comment           TEXT,
     validation_report TEXT NOT NULL,
     created_on        TEXT NOT NULL,
     updated_on        TEXT NOT NULL,
     owner             TEXT NOT NULL
   );`,
  // Which Pulumi resource (project/stack/resource name) created an object, so a create interrupted after
  // the object came to be (a killed `pulumi up`) is finished by the next run instead of failing with
  // "already exists". Keyed by the object's kind and id; no foreign keys: objects live in several tables.
  `CREATE TABLE object_creators (
     kind    TEXT NOT NULL,
     id      TEXT NOT NULL,
     creator TEXT NOT NULL,
     PRIMARY KEY (kind, id)
   );`,
  // Egress (SPCS §6.3): NETWORK RULEs are schema objects, EXTERNAL ACCESS INTEGRATIONs account-level
  // integrations naming rules by qualified name (no foreign key: SPCS lets a rule be dropped under an
  // integration, which then allows nothing through it). JSON lists are text.
  `CREATE TABLE network_rules (
     database_name TEXT NOT NULL,
     schema_name   TEXT NOT NULL,
     name          TEXT NOT NULL,
     type          TEXT NOT NULL,
     mode          TEXT NOT NULL,
     value_list    TEXT NOT NULL,
     comment       TEXT,
     created_on    TEXT NOT NULL,
     owner         TEXT NOT NULL,
     PRIMARY KEY (database_name, schema_name, name)
   );
   CREATE TABLE external_access_integrations (
     name                  TEXT PRIMARY KEY,
     allowed_network_rules TEXT NOT NULL,
     enabled               INTEGER NOT NULL,
     comment               TEXT,
     created_on            TEXT NOT NULL,
     owner                 TEXT NOT NULL
   );`,
  // Service functions (SPCS CREATE FUNCTION … SERVICE= ENDPOINT=): schema objects naming a service by its
  // qualified name (no foreign key: SPCS lets the service be dropped under the function, which then fails
  // when called). Arguments and context headers are JSON text.
  `CREATE TABLE service_functions (
     database_name   TEXT NOT NULL,
     schema_name     TEXT NOT NULL,
     name            TEXT NOT NULL,
     arguments       TEXT NOT NULL,
     returns         TEXT NOT NULL,
     service         TEXT NOT NULL,
     endpoint        TEXT NOT NULL,
     path            TEXT NOT NULL,
     max_batch_rows  INTEGER,
     context_headers TEXT NOT NULL,
     comment         TEXT,
     created_on      TEXT NOT NULL,
     owner           TEXT NOT NULL,
     PRIMARY KEY (database_name, schema_name, name)
   );`,
  // Block volume snapshots (CREATE SNAPSHOT, SPCS §1.9): schema objects naming the service, volume and
  // instance they were taken of (no foreign key: a snapshot outlives its service). Contents live in a
  // Docker volume of the platform (objects/snapshots); `delete_after` is set for SYS_BACKUP_ON_DELETE ones.
  `CREATE TABLE snapshots (
     database_name TEXT NOT NULL,
     schema_name   TEXT NOT NULL,
     name          TEXT NOT NULL,
     state         TEXT NOT NULL,
     service_name  TEXT NOT NULL,
     volume_name   TEXT NOT NULL,
     instance      INTEGER NOT NULL,
     size          INTEGER NOT NULL,
     encryption    TEXT NOT NULL,
     comment       TEXT,
     delete_after  TEXT,
     created_on    TEXT NOT NULL,
     owner         TEXT NOT NULL,
     PRIMARY KEY (database_name, schema_name, name)
   );`,
  // Account parameters set with ALTER ACCOUNT (LOG_EVENT_LEVEL); the event table's outbox and the
  // collector's place in each container's log (see
  // objects/event-table/): rows wait here until the SQL endpoint copies them into the event table it
  // serves, so collecting works whether or not the endpoint runs. `container` is the engine's name of
  // an instance's container; `log_time` the stamp of the last line exported, `status`/`message` the
  // container status last recorded as a platform event.
  `CREATE TABLE event_outbox (
     id  INTEGER PRIMARY KEY AUTOINCREMENT,
     row TEXT NOT NULL
   );
   CREATE TABLE event_positions (
     container TEXT PRIMARY KEY,
     log_time  TEXT,
     status    TEXT,
     message   TEXT
   );
   CREATE TABLE account_parameters (
     name  TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
];
