/** PagerDutySeverity is the `payload.severity` enum of the Events API v2. */
export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

// A Map, not an object literal: a label such as "constructor" must not find Object.prototype's members.
const SEVERITIES = new Map<string, PagerDutySeverity>([
  ['page', 'critical'],
  ['critical', 'critical'],
  ['error', 'error'],
  ['ticket', 'warning'],
  ['warning', 'warning'],
  ['info', 'info'],
]);

/**
 * pagerDutySeverity maps a group's `severity` label to PagerDuty's enum: page/critical → critical, error → error,
 * ticket/warning → warning, info → info; anything else → error, so an unknown label still reaches a human rather than
 * being filed as informational.
 */
export function pagerDutySeverity(severity: string): PagerDutySeverity {
  return SEVERITIES.get(severity.trim().toLowerCase()) ?? 'error';
}
