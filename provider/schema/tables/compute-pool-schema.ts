import { ADOPT_PROPERTY, type ResourceSchema } from "../resource-schema";
import { INSTANCE_FAMILY_NAMES } from "../../model/instance-families";
import { INPUT_LIMITS } from "../input-limits";

const out = (name: string, type: "string" | "integer" | "boolean", description: string, nullable = false) => ({ name, type, description, nullable });

export const COMPUTE_POOL_SCHEMA: ResourceSchema = {
  kind: "ComputePool",
  description:
    "An SPCS compute pool (CREATE / ALTER / DROP COMPUTE POOL): nodes of one instance family on which services and jobs run. Outputs follow SHOW and DESCRIBE COMPUTE POOLS.",
  properties: [
    ADOPT_PROPERTY,
    { name: "name", type: "string", input: true, replaceOnChanges: true, description: "Pool name, an unquoted identifier, stored upper-case.", defaultInfo: "the resource name plus a random suffix" },
    { name: "instanceFamily", type: "string", input: true, required: true, enum: INSTANCE_FAMILY_NAMES, description: "Instance family of every node. Changes only while the pool is suspended." },
    { name: "minNodes", type: "integer", input: true, default: 1, maximum: INPUT_LIMITS.nodes, description: "Minimum number of nodes, at least 1." },
    { name: "maxNodes", type: "integer", input: true, maximum: INPUT_LIMITS.nodes, description: "Maximum number of nodes, at least minNodes, at most 150.", defaultInfo: "minNodes" },
    { name: "autoResume", type: "boolean", input: true, default: true, description: "Resume automatically when a service or job needs the pool." },
    { name: "autoSuspendSecs", type: "integer", input: true, default: 3600, maximum: INPUT_LIMITS.autoSuspendSecs, description: "Idle seconds before the pool suspends itself; 0 never suspends." },
    { name: "initiallySuspended", type: "boolean", input: true, default: false, description: "Create the pool suspended (create-time only)." },
    { name: "comment", type: "string", input: true, nullable: true, maxLength: INPUT_LIMITS.commentLength, description: "Free-text comment." },
    { name: "suspended", type: "boolean", input: true, description: "Keep the pool suspended (true) or running (false).", defaultInfo: "initiallySuspended" },
    out("state", "string", "STARTING, RESIZING, IDLE, ACTIVE, STOPPING or SUSPENDED."),
    out("numServices", "integer", "Services on the pool."),
    out("numJobs", "integer", "Jobs on the pool."),
    out("activeNodes", "integer", "Nodes running at least one service or job."),
    out("idleNodes", "integer", "Nodes with no work."),
    out("targetNodes", "integer", "Nodes the pool is sized to (0 when suspended)."),
    out("createdOn", "string", "Creation time, ISO 8601."),
    out("resumedOn", "string", "Last resume time; the Unix epoch if never resumed."),
    out("updatedOn", "string", "Last change."),
    out("owner", "string", "Owning role."),
    out("isExclusive", "boolean", "Whether the pool belongs to one application."),
    out("application", "string", "Application owning the pool, if exclusive.", true),
    out("errorCode", "string", "DESCRIBE's error code, empty when healthy."),
    out("statusMessage", "string", "DESCRIBE's status message."),
    out("placementGroup", "string", "Placement group, if any.", true),
    out("backupInstanceFamilies", "string", "Comma-separated backup families, empty if none."),
  ],
};
