import type { Role } from '@sightline/contracts';

/**
 * ALERT_RESPONDER_ROLES may acknowledge and resolve alert groups, write silences and read the alert engine's audit
 * log: the people who answer pages. A tenant_admin does so for its own tenant only.
 */
export const ALERT_RESPONDER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin'];
