/**
 * Every diagnostic code the spec language can report, with what it means.
 *
 * Codes are stable: tools and tests may match on them, so a code is never renamed or reused for another
 * meaning. The scheme is `<stage>/<kebab-name>`: `yaml/*` for syntax (one per eemeli/yaml error code),
 * `template/*` for rendering, `spec/*` for the specification itself. docs/spec-language.md lists the same
 * table; a unit test keeps the two in step.
 */
export const SPEC_CODES = {
  // Templates (rendered before the YAML is parsed)
  "template/syntax": "A `{{ … }}` placeholder is malformed or not closed.",
  "template/unsupported": "Template syntax other than `{{ var }}` and `{{ var | default(…) }}` (Jinja statements, comments, other filters).",
  "template/missing-value": "A variable without a default has no USING value.",
  "template/invalid-value": "A USING value is neither alphanumeric nor valid JSON.",
  "template/invalid-key": "A USING key is not a valid identifier.",
  "template/unused-value": "(warning) A USING value is not referenced by the template.",
  // Structure (from the zod schema)
  "spec/unknown-key": "A key the specification does not define (with a 'did you mean' suggestion).",
  "spec/required": "A required field or list is missing or empty.",
  "spec/type": "A value has the wrong type (e.g. a string where a list is expected).",
  "spec/enum": "A value is not one of the allowed words (protocol, log level, encryption, …).",
  "spec/empty": "A string that must not be empty is empty.",
  "spec/range": "A number is outside its allowed range (ports, probe settings, iops, throughput, uid/gid, …).",
  "spec/limit": "More containers, endpoints, volumes, block/stage volumes or secrets than one service may have.",
  "spec/alias-conflict": "Both the singular and the plural spelling of a list are given (`container` and `containers`).",
  // Names and references
  "spec/name-format": "A container, endpoint, volume or service role name breaks the naming rules.",
  "spec/duplicate-name": "Two containers, endpoints, volumes or service roles share a name.",
  "spec/reserved-name": "A service role uses the name SPCS creates itself (ALL_ENDPOINTS_USAGE).",
  "spec/undeclared-volume": "A volumeMount names a volume that spec.volumes does not declare.",
  "spec/undeclared-endpoint": "A service role names an endpoint that spec.endpoints does not declare.",
  // Containers
  "spec/image": "An image is not a valid image reference.",
  "spec/image-registry": "(warning) An image is not in a Snowflake image repository path form.",
  "spec/quantity": "A cpu or memory quantity is malformed (memory needs a unit).",
  "spec/request-exceeds-limit": "A resource request is larger than its limit.",
  "spec/gpu-request-limit": "A GPU request and limit are not both given with the same value.",
  "spec/absolute-path": "A mount path, secret directory or token path is not absolute.",
  "spec/path-format": "sessionTokenConfig.path is not a normalised path of allowed characters.",
  "spec/mount-conflict": "Two mounts in one container use the same path, or the token path overlaps a mount.",
  "spec/probe-path": "A probe path does not start with '/'.",
  "spec/secret-target": "A secret needs exactly one of envVarName and directoryPath.",
  "spec/secret-key-ref": "secretKeyRef is missing for envVarName, or given with directoryPath.",
  "spec/secret-object": "snowflakeSecret as an object needs exactly one of objectName and objectReference.",
  "spec/session-token": "sessionTokenConfig is empty, used with mountSessionToken: false, or has permission without path.",
  "spec/permission": "A token permission is not a quoted 4-digit octal mode no more permissive than 0644 with owner read.",
  "spec/env-number": "(warning) An unquoted number in env changes its text when stringified (1.0 becomes \"1\").",
  "spec/env-conflict": "(warning) An env var is set both in env and by a secret's envVarName.",
  // Endpoints
  "spec/endpoint-port": "An endpoint needs exactly one of port and portRange.",
  "spec/port-range": "A portRange is malformed, out of order or out of bounds, or used with HTTP or public.",
  "spec/public-protocol": "A public endpoint does not use HTTP.",
  "spec/cors": "corsSettings has an origin that is '*' or not a URL without a path.",
  "spec/cors-ignored": "(warning) corsSettings on an endpoint that is not public has no effect.",
  "spec/duplicate-port": "(warning) Two endpoints declare the same port and protocol.",
  // Volumes
  "spec/volume-source": "A volume source is not local, memory, block, stage or '@stage'.",
  "spec/volume-field": "A volume field does not go with its source (size on local, blockConfig on memory, …).",
  "spec/block-size": "A block volume size is not a whole number of Gi between 1Gi and 16384Gi.",
  "spec/block-instances": "A service with block volumes has MIN_INSTANCES different from MAX_INSTANCES.",
  "spec/stage-name": "stageConfig.name does not start with '@'.",
  "spec/duration": "metadataCache or snapshotDeleteAfter is not a valid duration.",
  "spec/deprecated": "(warning) A deprecated form is used (the legacy '@stage' volume source).",
  // Jobs
  "spec/job-public-endpoint": "A job service declares a public endpoint.",
  "spec/job-autoscaling": "A job service declares resourceManagement (autoscaling never applies to jobs).",
  "spec/job-probe": "(warning) A job service declares a readiness or liveness probe; jobs ignore them.",
  "spec/autoscaling-policies": "(warning) A service declares resourceManagement.autoScalingPolicies, which the local platform does not apply (it scales by CPU).",
  // What the runtime cannot honour (issue 13): worded like SPCS, "Invalid spec: …"
  "spec/too-large": "The specification is bigger than 128 KiB, as written or once its USING values are substituted.",
  "spec/too-many-diagnostics": "More than 100 problems: the 100th diagnostic says how many more were left out (a warning when all of those are warnings).",
  "spec/quantity-range": "A cpu, memory or size quantity, or a duration, is too large to be represented exactly.",
  "spec/resource-minimum": "A cpu or memory limit is 0 or below what the container runtime can enforce (cpu 10m, memory 6Mi).",
  "spec/volume-size": "A memory volume size is 0 or not a whole number of bytes.",
  "spec/env-name": "An env var name or a secret's envVarName is not a portable name (a letter or '_', then letters, digits, '_', '.', '-'; not __proto__).",
  "spec/nul-character": "An env value or a command or args item contains a NUL character, which no process can receive.",
  "spec/mount-path": "A mountPath or secret directoryPath is '/', or has ':', a '.' or '..' segment, or a control character.",
  "spec/image-path": "An image path has a '.' or '..' segment.",
  "spec/empty-list": "A list or env map is given but empty; SPCS rejects it (\"Invalid spec: invalid 'volumeMounts'. Value is empty\").",
  // Safety net
  "spec/internal": "An unexpected internal error; please report it with the spec that caused it.",
} as const;

export type DiagnosticCode = keyof typeof SPEC_CODES | `yaml/${string}`;
