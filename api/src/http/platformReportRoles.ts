import type { Role } from '@sightline/contracts';

/** PLATFORM_REPORT_ROLES see every tenant's reports and the executive summaries when their token has no tenant. */
export const PLATFORM_REPORT_ROLES: readonly Role[] = ['super_admin', 'sre', 'executive'];
