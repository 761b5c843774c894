/**
 * What SPCS's control plane does for service health between statements, as one entry the platform agent
 * calls every tick: readiness probing of every instance, which decides who receives traffic
 * (objects/services/readiness-monitor.ts). The only writer of readiness: DESCRIBE reads its verdicts.
 */
export { ReadinessMonitor } from "../objects/services/readiness-monitor";
