import type { Role } from '@sightline/contracts';

/** ALERT_READER_ROLES may list SLO alert events: the people who act on them, not viewers or executives. */
export const ALERT_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer'];
