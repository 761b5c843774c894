/**
 * Upper bounds of resource inputs, enforced by `check` (input-failures.ts) so that no input reaches the
 * catalog, Docker or the filesystem at a size nothing can honour. Where SPCS documents a limit, it is used
 * as is; where it documents none, the local choice is explained (docs/platform-choices.md, "Input bounds").
 */
export const INPUT_LIMITS = {
  /** SPCS: an account provisions at most 150 nodes of one instance family (reference, instance families). */
  nodes: 150,
  /**
   * SPCS documents no instance cap per service; a service's instances share its pool's nodes, and the
   * platform keeps one catalog row and one container set per instance. 1,000 keeps the instance ids to
   * three digits in container names and the placement lists small.
   */
  instances: 1000,
  /** REPLICAS of a job: the same choice as instances. */
  replicas: 1000,
  /** Snowflake's STATEMENT_TIMEOUT_IN_SECONDS ranges 0 to 604,800 (7 days); the waits use the same ceiling. */
  timeoutSeconds: 604_800,
  /** AUTO_SUSPEND_SECS: an integer of Snowflake's NUMBER type; bounded to a signed 32-bit value here. */
  autoSuspendSecs: 2_147_483_647,
  /** SPCS: at most 10 external access integrations per service. */
  externalAccessIntegrations: 10,
  /** SPCS: at most 50 secrets per service. */
  secrets: 50,
  /** A free-text COMMENT: a local choice (16 KiB) that keeps DESCRIBE rows and state small. */
  commentLength: 16_384,
  /** A secret's value: a local choice (64 KiB); it is written to a file the container reads. */
  secretValueLength: 65_536,
  /** Any other string input (specs included): 1 MiB, far above a realistic specification. */
  stringLength: 1_048_576,
} as const;
