import { ADOPT_PROPERTY, type ResourceSchema } from "../resource-schema";

export const SNAPSHOT_SCHEMA: ResourceSchema = {
  kind: "Snapshot",
  description:
    "A SNAPSHOT of one service instance's block volume (CREATE SNAPSHOT … FROM SERVICE … VOLUME … INSTANCE): a copy taken when it is created, kept after the service is gone. A block volume's blockConfig.initialContents.fromSnapshot starts new volumes from it, and ALTER SERVICE … RESTORE VOLUME puts it back. Every input is create-time: a change takes a new snapshot.",
  properties: [
    ADOPT_PROPERTY,
    { name: "database", type: "string", input: true, required: true, replaceOnChanges: true, description: "Database, an unquoted identifier." },
    { name: "schema", type: "string", input: true, required: true, replaceOnChanges: true, description: "Schema, an unquoted identifier." },
    { name: "name", type: "string", input: true, replaceOnChanges: true, description: "Snapshot name, an unquoted identifier, stored upper-case.", defaultInfo: "the resource name plus a random suffix" },
    { name: "service", type: "string", input: true, required: true, replaceOnChanges: true, description: "The service it is taken of, DATABASE.SCHEMA.NAME (a Service's id)." },
    { name: "volume", type: "string", input: true, required: true, replaceOnChanges: true, description: "The block volume, exactly as the spec names it (volume names are case-sensitive)." },
    { name: "instance", type: "integer", input: true, replaceOnChanges: true, description: "The service instance, from 0 to MAX_INSTANCES - 1.", defaultInfo: "0" },
    { name: "comment", type: "string", input: true, nullable: true, replaceOnChanges: true, description: "Free-text comment." },
    { name: "state", type: "string", description: "INITIALIZED while the copy runs, CREATED once it can fill a volume, ERROR if the copy failed." },
    { name: "serviceName", type: "string", description: "The service it was taken of, fully qualified (DESCRIBE SNAPSHOT's service_name)." },
    { name: "volumeName", type: "string", description: "The volume it was taken of (volume_name)." },
    { name: "size", type: "integer", description: "The volume's size in GB." },
    { name: "encryption", type: "string", description: "SNOWFLAKE_SSE or SNOWFLAKE_FULL: the volume's encryption." },
    { name: "createdOn", type: "string", description: "Creation time (created_on)." },
    { name: "databaseName", type: "string", description: "Database, upper-case (database_name)." },
    { name: "schemaName", type: "string", description: "Schema, upper-case (schema_name)." },
    { name: "owner", type: "string", description: "Owning role." },
    { name: "ownerRoleType", type: "string", description: "ROLE or DATABASE_ROLE." },
  ],
};
