import type { Role, Tenant } from '@sightline/contracts';

/** Principal is the verified caller behind a request or socket. */
export interface Principal {
  userId: string;
  /** null for platform-wide users. */
  tenant: string | null;
  roles: Role[];
  email?: string;
  /** When the token stops being valid, in epoch seconds. */
  expiresAt: number;
}

/** PLATFORM_WIDE_ROLES may see every tenant when their token carries no tenant. */
export const PLATFORM_WIDE_ROLES: readonly Role[] = ['super_admin', 'sre'];

/** TRACE_READER_ROLES may open a trace. */
export const TRACE_READER_ROLES: readonly Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer'];

/** seesAllTenants is true for a platform-wide token (tenant null) held by super_admin or sre. */
export function seesAllTenants(principal: Principal): boolean {
  return principal.tenant === null && principal.roles.some((r) => PLATFORM_WIDE_ROLES.includes(r));
}

/** canSeeTenant applies the tenant rule: platform-wide tokens see all tenants, any other token only its own. */
export function canSeeTenant(principal: Principal, tenantId: string): boolean {
  return seesAllTenants(principal) || (principal.tenant !== null && principal.tenant === tenantId);
}

/** visibleTenants filters a tenant list down to what the principal may see. */
export function visibleTenants(principal: Principal, tenants: readonly Tenant[]): Tenant[] {
  return tenants.filter((t) => canSeeTenant(principal, t.id));
}

/** hasAnyRole is true when the principal holds at least one of the roles. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}
