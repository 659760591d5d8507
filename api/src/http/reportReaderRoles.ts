import type { Role } from '@sightline/contracts';

/**
 * REPORT_READER_ROLES may list, generate and download weekly SLA reports: the people who read them, and the tenant
 * admins and platform roles who look after them; developers and viewers may not.
 */
export const REPORT_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'executive', 'tenant_admin'];
