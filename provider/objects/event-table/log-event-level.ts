import type { Platform } from "../../platform/platform";

/**
 * LOG_EVENT_LEVEL, the account parameter that turns SPCS's platform events on (monitoring-services:
 * events are off by default): OFF records none, ERROR only those at ERROR severity, INFO all of them.
 * Set with ALTER ACCOUNT SET LOG_EVENT_LEVEL = 'INFO'. (SPCS also takes it per database, schema and
 * service; the platform has the account level only.)
 */
export const LOG_EVENT_LEVEL = "LOG_EVENT_LEVEL";
export const LOG_EVENT_LEVELS = ["INFO", "ERROR", "OFF"] as const;
export type LogEventLevel = (typeof LOG_EVENT_LEVELS)[number];
export const DEFAULT_LOG_EVENT_LEVEL: LogEventLevel = "OFF";

export function logEventLevel(platform: Platform): LogEventLevel {
  return (platform.catalog.parameters.get(LOG_EVENT_LEVEL) as LogEventLevel | undefined) ?? DEFAULT_LOG_EVENT_LEVEL;
}

/** Sets it (undefined: back to the default); the caller has checked the value against LOG_EVENT_LEVELS. */
export function setLogEventLevel(platform: Platform, level: LogEventLevel | undefined): void {
  platform.catalog.write(() => (level ? platform.catalog.parameters.set(LOG_EVENT_LEVEL, level) : platform.catalog.parameters.unset(LOG_EVENT_LEVEL)));
}
