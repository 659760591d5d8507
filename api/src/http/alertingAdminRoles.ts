import type { Role } from '@sightline/contracts';

/**
 * ALERTING_ADMIN_ROLES may read and change the alert engine's platform configuration (channels, on-call users,
 * schedules, escalation policies, routes); their token must also be platform-wide. Tenant users only read the part
 * their tenant's routes use (ON_CALL_READER_ROLES, TenantOnCallView).
 */
export const ALERTING_ADMIN_ROLES: readonly Role[] = ['super_admin', 'sre'];
