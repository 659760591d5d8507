import type { Role } from '@sightline/contracts';

/** LOG_READER_ROLES may search logs and open traces; mirrors TRACE_READER_ROLES in @sightline/authn. */
export const LOG_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer'];

/** canReadLogs says whether any of the roles may use the explorer and trace pages. */
export function canReadLogs(roles: readonly string[] | undefined): boolean {
  return roles !== undefined && roles.some((r) => (LOG_READER_ROLES as readonly string[]).includes(r));
}

/** ALERT_READER_ROLES may see alert groups and silences; mirrors ALERT_READER_ROLES in the api. */
export const ALERT_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer'];

/** ALERT_RESPONDER_ROLES may acknowledge, resolve and silence; mirrors ALERT_RESPONDER_ROLES in the api. */
export const ALERT_RESPONDER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin'];

/** canReadAlerts says whether any of the roles may use the alerts and silences pages. */
export function canReadAlerts(roles: readonly string[] | undefined): boolean {
  return roles !== undefined && roles.some((r) => (ALERT_READER_ROLES as readonly string[]).includes(r));
}

/** canRespondToAlerts says whether any of the roles may acknowledge or resolve a group and write silences. */
export function canRespondToAlerts(roles: readonly string[] | undefined): boolean {
  return roles !== undefined && roles.some((r) => (ALERT_RESPONDER_ROLES as readonly string[]).includes(r));
}

/** REPORT_READER_ROLES may list, generate and download weekly SLA reports; mirrors REPORT_READER_ROLES in the api. */
export const REPORT_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'executive', 'tenant_admin'];

/** canReadReports says whether any of the roles may use the reports page. */
export function canReadReports(roles: readonly string[] | undefined): boolean {
  return roles !== undefined && roles.some((r) => (REPORT_READER_ROLES as readonly string[]).includes(r));
}

/** ON_CALL_READER_ROLES may see the on-call page; mirrors ON_CALL_READER_ROLES in the api (every role but executive). */
export const ON_CALL_READER_ROLES: readonly Role[] = [
  'super_admin',
  'sre',
  'tenant_admin',
  'developer',
  'viewer',
];

/** canReadOnCall says whether any of the roles may see who is on call and the policies and schedules behind it. */
export function canReadOnCall(roles: readonly string[] | undefined): boolean {
  return roles !== undefined && roles.some((r) => (ON_CALL_READER_ROLES as readonly string[]).includes(r));
}
