import type { Role } from '@sightline/contracts';

/**
 * REPORT_RECIPIENT_EDITOR_ROLES may read and change who receives reports: a tenant's admin (its own tenant's) or a
 * platform super_admin (any tenant's, and the executive summary's).
 */
export const REPORT_RECIPIENT_EDITOR_ROLES: readonly Role[] = ['super_admin', 'tenant_admin'];
