import { INPUT_LIMITS } from "../input-limits";
import { ADOPT_PROPERTY, stringProperty as s, integerProperty as i, booleanProperty as b, type PropertySpec, type ResourceSchema } from "../resource-schema";


export const SERVICE_SCHEMA: ResourceSchema = {
  kind: "Service",
  description:
    "An SPCS long-running service (CREATE / ALTER / DROP SERVICE) from a service specification, run as containers on the local Docker engine. Outputs follow DESCRIBE SERVICE and SHOW SERVICE INSTANCES / CONTAINERS / ENDPOINTS.",
  properties: [
    ADOPT_PROPERTY,
    s("database", "Database, an unquoted identifier.", { input: true, required: true, replaceOnChanges: true }),
    s("schema", "Schema, an unquoted identifier.", { input: true, required: true, replaceOnChanges: true }),
    s("name", "Service name, an unquoted identifier that must also be a DNS label once lower-cased with '_' as '-'.", { input: true, replaceOnChanges: true, defaultInfo: "the resource name plus a random suffix" }),
    s("computePool", "Compute pool the service runs in.", { input: true, required: true, replaceOnChanges: true }),
    s("spec", "The service specification YAML. Validated in preview; a change upgrades the service in place (rolling, descending instance id).", { input: true, optional: true }),
    s("specTemplate", "A specification template with {{ var }} placeholders, rendered with `using`.", { input: true, optional: true }),
    { name: "using", type: { map: "string" }, description: "USING values for specTemplate: alphanumeric strings, or JSON values that substitute whole sub-trees.", input: true, optional: true },
    i("minInstances", "Instances to run; changes scale in place.", { input: true, default: 1, maximum: INPUT_LIMITS.instances }),
    i("maxInstances", "Maximum instances.", { input: true, defaultInfo: "minInstances", maximum: INPUT_LIMITS.instances }),
    i("minReadyInstances", "Instances that must be READY for the service to be RUNNING (and for create/update to finish).", { input: true, defaultInfo: "minInstances", maximum: INPUT_LIMITS.instances }),
    b("autoResume", "Resume on use when suspended.", { input: true, default: true }),
    i("autoSuspendSecs", "AUTO_SUSPEND_SECS: seconds a RUNNING service may be idle (no service function calls) before the platform suspends it; 0 never. As in SPCS, services with a public endpoint never auto-suspend.", { input: true, default: 0, minimum: 0, maximum: INPUT_LIMITS.autoSuspendSecs }),
    { name: "externalAccessIntegrations", type: { array: "string" }, description: "External access integrations (egress).", input: true, nullable: true, maxItems: INPUT_LIMITS.externalAccessIntegrations },
    s("queryWarehouse", "Default warehouse of the service user.", { input: true, nullable: true }),
    s("comment", "Free-text comment.", { input: true, nullable: true, maxLength: INPUT_LIMITS.commentLength }),
    i("readyTimeoutSeconds", "How long create and update wait for READY before reporting a partial failure.", { input: true, default: 300, minimum: 0, maximum: INPUT_LIMITS.timeoutSeconds }),
    { name: "secrets", type: { map: { ref: "ServiceSecret" } }, description: "Values of the Snowflake secrets the spec's `secrets` reference (`snowflakeSecret: name`), by secret name: `{ secretString }` for GENERIC_STRING, `{ username, password }` for PASSWORD. Always a Pulumi secret: encrypted in state, never in the catalog, labels or logs.", input: true, optional: true, maxItems: INPUT_LIMITS.secrets },
    b("suspended", "Keep the service suspended (true: containers stopped, block volumes kept) or running (false): ALTER SERVICE ... SUSPEND / RESUME.", { input: true, default: false }),
    s("status", "PENDING, RUNNING, FAILED, SUSPENDING, SUSPENDED or DELETING."),
    s("databaseName", "Database, upper-case."),
    s("schemaName", "Schema, upper-case."),
    s("owner", "Owning role."),
    s("dnsName", "<name-with-dashes>.<hash>.svc.spcs.internal: how other services reach it."),
    i("currentInstances", "Instances placed on nodes."),
    i("targetInstances", "Instances the service is scaled to."),
    s("createdOn", "Creation time."),
    s("updatedOn", "Last change."),
    s("resumedOn", "Last resume.", { nullable: true }),
    s("suspendedOn", "Last suspend.", { nullable: true }),
    s("ownerRoleType", "ROLE or DATABASE_ROLE."),
    b("isJob", "Always false for a Service."),
    b("isAsyncJob", "Always false for a Service."),
    s("specDigest", "sha256 of the canonical specification: formatting does not change it."),
    b("isUpgrading", "True during a rolling upgrade."),
    { name: "instances", type: { array: { ref: "ServiceInstance" } }, description: "SHOW SERVICE INSTANCES IN SERVICE." },
    { name: "containers", type: { array: { ref: "ServiceContainer" } }, description: "SHOW SERVICE CONTAINERS IN SERVICE." },
    { name: "endpoints", type: { array: { ref: "ServiceEndpoint" } }, description: "SHOW ENDPOINTS IN SERVICE." },
    s("ingressUrl", "http://127.0.0.1:<port> of the first public endpoint, or null.", { nullable: true }),
    { name: "drift", type: { array: "string" }, description: "What the engine holds that differs from the deployed service (a container removed, stopped or altered out of band, an extra instance), as of the last refresh; `pulumi up` repairs it." },
  ],
  types: {
    ServiceSecret: {
      description: "A Snowflake secret's value: GENERIC_STRING (secretString) or PASSWORD (username and password).",
      properties: [
        s("secretString", "The value of a GENERIC_STRING secret (key secret_string).", { optional: true, maxLength: INPUT_LIMITS.secretValueLength }),
        s("username", "The username of a PASSWORD secret.", { optional: true, maxLength: INPUT_LIMITS.secretValueLength }),
        s("password", "The password of a PASSWORD secret.", { optional: true, maxLength: INPUT_LIMITS.secretValueLength }),
        s("accessToken", "The access token of an OAUTH2 secret.", { optional: true, maxLength: INPUT_LIMITS.secretValueLength }),
      ],
    },
    ServiceInstance: {
      description: "One row of SHOW SERVICE INSTANCES IN SERVICE.",
      properties: [
        s("instanceId", "Instance id, from \"0\"."), s("status", "PENDING, READY, FAILED, TERMINATING."), s("message", "Status message in SPCS's words."),
        s("specDigest", "Digest of the specification this instance runs."), s("creationTime", "Creation time."), s("startTime", "When placed on a node.", { nullable: true }),
        s("ipAddress", "The instance's IP address.", { nullable: true }), s("nodeId", "Pool node, or null while pending.", { nullable: true }),
      ],
    },
    ServiceContainer: {
      description: "One row of SHOW SERVICE CONTAINERS IN SERVICE.",
      properties: [
        s("instanceId", "Instance id."), s("instanceStatus", "The instance's status."), s("containerName", "Container name from the spec."),
        s("status", "PENDING, READY, DONE, FAILED, TERMINATING or UNKNOWN."), s("message", "e.g. Running, Pending scheduling., Readiness probe is failing at path: /x, port: 8080."),
        s("imageName", "Image as the spec names it."), s("imageDigest", "The digest pinned at create (re-resolved only by an upgrade)."),
        i("restartCount", "Restarts of the container."), s("startTime", "Last start.", { nullable: true }),
        i("lastExitCode", "Exit code of the last exit, null if it never exited.", { nullable: true }), s("lastRestartTime", "Last restart, null if never restarted.", { nullable: true }),
      ],
    },
    ServiceEndpoint: {
      description: "One row of SHOW ENDPOINTS IN SERVICE.",
      properties: [
        s("name", "Endpoint name."), i("port", "Port, or null for a port range.", { nullable: true }), s("portRange", "Port range, or null.", { nullable: true }),
        s("protocol", "HTTP, HTTPS or TCP."), b("isPublic", "Whether it is published."), s("ingressUrl", "127.0.0.1:<port> of a public endpoint, without scheme as SPCS prints it.", { nullable: true }),
      ],
    },
  },
};
