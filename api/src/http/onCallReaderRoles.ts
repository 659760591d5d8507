import type { Role } from '@sightline/contracts';

/**
 * ON_CALL_READER_ROLES may ask who is on call and, with a tenant token, read the escalation policies and schedules
 * their tenant's alert routes use (people and channels by name only); every role but executive. Changing any of it
 * stays with ALERTING_ADMIN_ROLES on a platform-wide token.
 */
export const ON_CALL_READER_ROLES: readonly Role[] = [
  'super_admin',
  'sre',
  'tenant_admin',
  'developer',
  'viewer',
];
