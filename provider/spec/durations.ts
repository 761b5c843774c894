/**
 * Durations used by volume settings, and their canonical text.
 *
 * - `stageConfig.metadataCache`: `90s`, `5m`, `1h30m45s` (hours, minutes, seconds in that order, each
 *   at most once). Canonical form carries the seconds over (`90s` → `1m30s`), so equal durations compare equal.
 * - `blockConfig.snapshotDeleteAfter`: `<hours>h` or `<days>d`. Canonical form uses days when the hours
 *   divide by 24 (`168h` → `7d`).
 */

export const CACHE_DURATION_PATTERN = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
export const RETENTION_PATTERN = /^([1-9]\d*)([hd])$/;

export function cacheDurationSeconds(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = CACHE_DURATION_PATTERN.exec(value);
  if (!m) return undefined;
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  // Past 2^53 the count is not exact (and 400 digits read as Infinity, printed "Infinityh").
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

export function formatCacheDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}

export function retentionHours(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = RETENTION_PATTERN.exec(value);
  if (!m) return undefined;
  const hours = Number(m[1]) * (m[2] === "d" ? 24 : 1);
  return Number.isSafeInteger(hours) ? hours : undefined;
}

export function formatRetention(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}
