import type { Principal } from '../src';
import { canSeeTenant, hasAnyRole, seesAllTenants, visibleTenants } from '../src';

const p = (tenant: string | null, roles: Principal['roles']): Principal => ({
  userId: 'u',
  tenant,
  roles,
  expiresAt: 0,
});
const tenants = [
  { id: 'acme', name: 'Acme', tier: 'enterprise' as const, timezone: 'UTC' },
  { id: 'globex', name: 'Globex', tier: 'pro' as const, timezone: 'UTC' },
];

describe('tenant and role rules', () => {
  it('lets a platform-wide super admin or SRE see every tenant', () => {
    expect(seesAllTenants(p(null, ['super_admin']))).toBe(true);
    expect(visibleTenants(p(null, ['sre']), tenants).map((t) => t.id)).toEqual(['acme', 'globex']);
  });

  it('confines a tenant-scoped token to its own tenant, whatever its roles', () => {
    const admin = p('acme', ['tenant_admin', 'sre']);
    expect(canSeeTenant(admin, 'acme')).toBe(true);
    expect(canSeeTenant(admin, 'globex')).toBe(false);
    expect(visibleTenants(admin, tenants).map((t) => t.id)).toEqual(['acme']);
  });

  it('gives a platform-wide token without a platform role no tenant at all', () => {
    expect(visibleTenants(p(null, ['viewer']), tenants)).toEqual([]);
  });

  it('checks that a principal holds one of the required roles', () => {
    expect(hasAnyRole(p('acme', ['viewer']), ['developer', 'sre'])).toBe(false);
    expect(hasAnyRole(p('acme', ['developer']), ['developer', 'sre'])).toBe(true);
  });
});
