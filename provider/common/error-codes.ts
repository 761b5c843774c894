/**
 * Every code an SpcsError can carry, with what it means.
 *
 * Codes are stable: the CLI, tests and users' scripts may match on them, so a code is never renamed or
 * reused for another meaning. The spec language has its own table (provider/spec/diagnostic-codes.ts);
 * this one covers everything else the provider throws. A unit test fails on a code used in provider/ that
 * is not listed here, and on a listed code nothing uses.
 */
export const SPCS_ERROR_CODES = {
  // SPCS's own answers to statements
  "does-not-exist": "The named object does not exist (SPCS: `… does not exist or not authorized.`).",
  "already-exists": "An object of that name already exists (SPCS: `Object '…' already exists.`).",
  "invalid-identifier": "A name is not a valid Snowflake identifier.",
  "invalid-value-list": "A network rule's VALUE_LIST entry is not a host[:port] SPCS lets a service reach.",
  "unsupported-rule": "A network rule of a TYPE or MODE other than HOST_PORT / EGRESS, the ones services use.",
  "invalid-network-rule-name": "An external access integration names a network rule without DATABASE.SCHEMA.RULE.",
  "invalid-service-name": "A service name does not give a valid DNS label (RFC 1035) for its DNS name.",
  "invalid-property": "A compute pool property has a value SPCS refuses.",
  "invalid-value": "A custom runtime environment property has a value outside its allowed words.",
  "invalid-image-path": "A custom runtime environment's IMAGE_PATH is not an image repository path.",
  "invalid-runtime-environment": "A job's runtime environment reference is not `cre@<name>`.",
  "pool-has-services": "DROP COMPUTE POOL of a pool that still has services.",
  "pool-not-suspended": "ALTER COMPUTE POOL of a property SPCS changes only on a suspended pool.",
  "pool-suspended": "A service or job needs a suspended compute pool whose AUTO_RESUME is FALSE.",
  "unschedulable": "A service's or job's instance could never fit a node of its compute pool.",
  "block-volume-instances": "A service with block volumes with MIN_INSTANCES other than MAX_INSTANCES, or an ALTER of its counts.",
  "block-volumes-fixed": "An upgrade whose specification adds, removes or resizes a block volume.",
  "block-volumes-need-force": "DROP SERVICE without FORCE of a service that has block volumes.",
  "not-a-block-volume": "CREATE SNAPSHOT or RESTORE VOLUME names a volume that is not one of the service's block volumes.",
  "invalid-instance": "CREATE SNAPSHOT or RESTORE VOLUME names an instance id the service does not have.",
  "service-not-suspended": "ALTER SERVICE … RESTORE VOLUME of a service that is not suspended.",
  "snapshot-encryption-mismatch": "A block volume's fromSnapshot names a snapshot of another encryption (SNOWFLAKE_SSE / SNOWFLAKE_FULL).",
  "volume-copy-failed": "Copying a block volume to or from a snapshot failed in the engine.",
  "snapshot-not-created": "A snapshot used to fill a volume is not in state CREATED, or its contents are gone.",
  "job-not-alterable": "ALTER SERVICE (suspend, resume, …) of a job service, which SPCS refuses.",
  "not-a-job": "A job-only statement (cancel) names a service that is not a job.",
  "invalid-stage-name": "A stage reference (`@db.schema.stage/folder`) is malformed or would leave the stage's folder.",
  "stage-file-not-found": "`FROM @stage SPECIFICATION_FILE` names a file the stage does not hold.",
  // Waits
  "service-not-ready": "A service (or an upgraded instance) crash-looped or did not become READY in time.",
  "service-vanished": "A service was dropped while a wait for it was running.",
  "job-timeout": "A synchronous job did not finish within its timeout and was cancelled.",
  "job-vanished": "A job was dropped while a wait for it was running.",
  "ingress-not-listening": "A service's ingress proxy did not start listening in time.",
  "ingress-image-build": "Building the platform's ingress image (haproxy from Debian's packages) failed.",
  "ingress-config-invalid": "A service's ingress settings hold a value the ingress cannot carry safely (a DNS name, a CORS list, a user name).",
  "wait-timeout": "A wait without a message of its own ran out of time.",
  // Images, registry and custom runtime environments
  "image-not-found": "An image, tag or digest is not in the registry.",
  "invalid-image": "An image reference is not one of this platform's registry.",
  "unsupported-image-platform": "An image has no linux/amd64 build, the only platform SPCS runs.",
  "registry-error": "The registry answered with an unexpected status, or does not hold what a push just wrote.",
  "registry-protocol": "The registry's answer breaks the distribution protocol (missing digest, mismatched manifest).",
  "registry-unavailable": "The registry does not answer.",
  "registry-delete-disabled": "The registry refuses deletes (storage.delete.enabled is off).",
  "cre-validation-failed": "A custom runtime environment's image failed its validation checks.",
  "runtime-environment-deprecated": "A job names a custom runtime environment that is DEPRECATED.",
  "runtime-environment-digest-mismatch": "A custom runtime environment's tag no longer names its registered digest.",
  "runtime-environment-image-missing": "A custom runtime environment's image is no longer in the registry.",
  "runtime-environment-unused": "A job names a runtime environment none of its containers runs.",
  // The Docker engine and the platform's own containers
  "docker-unavailable": "The Docker engine does not answer when the platform starts.",
  "engine-unreachable": "The Docker engine stopped answering during a statement; what was recorded is kept.",
  "docker-error": "The Docker engine answered in a way the platform cannot use (e.g. a network with no subnet).",
  "docker-conflict": "A container of that name already exists in the engine.",
  "secrets-unreadable": "A service's stored secret values are missing, unreadable or not JSON: its instances do not start (never with empty values).",
  "secret-missing": "A container uses a Snowflake secret that has no stored value: its instance does not start.",
  "egress-firewall": "The egress filter (iptables in an instance's network namespace) could not be loaded.",
  // spcs logs
  "container-not-found": "`spcs logs --container` names a container the service's spec does not have.",
  "container-missing": "A container the catalog records is gone from the engine (removed outside the platform).",
  "instance-not-found": "`spcs logs --instance` names an instance the service does not have.",
  "instance-pending": "The instance waits for capacity: it has no container and so no logs yet.",
  "service-suspended": "The service is suspended: it has no containers and so no logs, and a service function on it with AUTO_RESUME FALSE cannot be called.",
  "invalid-function-target": "CREATE FUNCTION … SERVICE= names a job, an endpoint the service lacks, or a TCP endpoint.",
  "service-function-failed": "A service function's service did not answer a batch, answered an error status, or answered outside SPCS's format.",
  "no-previous-logs": "`spcs logs --previous` of a container that has not restarted.",
  // The catalog
  "catalog-spec-format": "A service's stored runtime spec is in a format a newer release wrote.",
  "catalog-spec-unreadable": "A service's stored runtime spec is not JSON of a runtime spec (edited by hand or damaged).",
  "import-spec-unknown": "`pulumi import` of a service or job service whose row an earlier release stored without the specification's text.",
  // Provisioning (spcs platform up)
  "command-failed": "A command the provisioning runs could not start or exited non-zero.",
  "provision-timeout": "A server provisioning started (engine, registry) did not answer in time.",
  "provision-unsupported": "Provisioning needs packages and this machine has no apt-get.",
  "runtime-image-build": "Building a platform runtime image failed.",
} as const;

export type SpcsErrorCode = keyof typeof SPCS_ERROR_CODES;
