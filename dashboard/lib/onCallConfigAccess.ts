import type { Role } from '@sightline/contracts';
import type { SessionUser } from './userStore';

/** ON_CALL_CONFIG_ROLES may read policies, schedules, users and channels; mirrors ALERTING_ADMIN_ROLES in the api. */
export const ON_CALL_CONFIG_ROLES: readonly Role[] = ['super_admin', 'sre'];

/**
 * onCallConfigAccess says whether the viewer may read the alert engine's platform configuration: 'platform' for a
 * platform-wide super_admin or sre, 'tenant' for anyone else (the api refuses a tenant token whatever its role), and
 * 'unknown' when the login response was not kept, so the page asks and lets the api decide.
 */
export function onCallConfigAccess(user: SessionUser | null): 'platform' | 'tenant' | 'unknown' {
  if (user === null) return 'unknown';
  const admin = user.roles.some((r) => (ON_CALL_CONFIG_ROLES as readonly string[]).includes(r));
  return admin && user.tenantId === null ? 'platform' : 'tenant';
}
