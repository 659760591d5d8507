import type { Role } from '@sightline/contracts';

/** LOG_READER_ROLES may search logs and open traces; mirrors TRACE_READER_ROLES in @sightline/authn. */
export const LOG_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer'];

/** canReadLogs says whether any of the roles may use the explorer and trace pages. */
export function canReadLogs(roles: readonly string[] | undefined): boolean {
  return roles !== undefined && roles.some((r) => (LOG_READER_ROLES as readonly string[]).includes(r));
}
