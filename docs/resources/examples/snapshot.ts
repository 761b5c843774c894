import * as spcs from "pulumi-spcs";

const pool = new spcs.ComputePool("notes-pool", { name: "notes_pool", instanceFamily: "CPU_X64_XS" });

// A service with a block volume: MIN_INSTANCES = MAX_INSTANCES, and a Pulumi destroy drops it with FORCE.
// snapshotOnDelete: false, so that destroy leaves no SYS_BACKUP_ON_DELETE snapshot behind.
const notes = new spcs.Service("notes", {
  database: "docs_db",
  schema: "public",
  name: "notes",
  computePool: pool.name,
  spec: `
spec:
  containers:
  - name: main
    image: /snowflake/images/snowflake_images/busybox:latest
    command: [sh, -c]
    args:
    - "[ -f /data/note.txt ] || echo first note > /data/note.txt; exec httpd -f -p 8080 -h /data"
    volumeMounts:
    - name: data
      mountPath: /data
    readinessProbe:
      port: 8080
      path: /note.txt
  endpoints:
  - name: web
    port: 8080
    public: true
  volumes:
  - name: data
    source: block
    size: 10Gi
    blockConfig:
      snapshotOnDelete: false
`,
});

// A copy of instance 0's volume "data", taken once the service is RUNNING. A new service's block volume
// starts from it with blockConfig: { initialContents: { fromSnapshot: notes_snapshot } }.
const snapshot = new spcs.Snapshot("notes-snapshot", {
  database: "docs_db",
  schema: "public",
  name: "notes_snapshot",
  service: notes.id,
  volume: "data",
  instance: 0,
  comment: "the first note",
});

export const snapshotState = snapshot.state; // CREATED
export const snapshotOf = snapshot.serviceName; // DOCS_DB.PUBLIC.NOTES
