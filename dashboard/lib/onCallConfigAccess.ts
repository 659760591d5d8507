import type { Role } from '@sightline/contracts';
import type { SessionUser } from './userStore';

/** ON_CALL_CONFIG_ROLES may change policies and schedules and read everything; mirrors ALERTING_ADMIN_ROLES in the api. */
export const ON_CALL_CONFIG_ROLES: readonly Role[] = ['super_admin', 'sre'];

/**
 * onCallConfigAccess says how the viewer meets the alert engine's on-call configuration: 'platform' for a platform-wide
 * super_admin or sre, who sees and may change all of it; 'tenant' for anyone else, who reads what their tenant's
 * routes use (people by name only) and changes nothing; 'unknown' when the login response was not kept, so the page
 * offers what a platform user gets and lets the api decide.
 */
export function onCallConfigAccess(user: SessionUser | null): 'platform' | 'tenant' | 'unknown' {
  if (user === null) return 'unknown';
  const admin = user.roles.some((r) => (ON_CALL_CONFIG_ROLES as readonly string[]).includes(r));
  return admin && user.tenantId === null ? 'platform' : 'tenant';
}
