import type { Role } from '@sightline/contracts';

// Who signed in, from the login response, kept beside the token (same tab, same lifetime).
const KEY = 'sightline.user';

/** SessionUser is what the console remembers about the signed-in user, for role-aware navigation only. */
export interface SessionUser {
  email: string;
  tenantId: string | null;
  roles: Role[];
}

function isSessionUser(value: unknown): value is SessionUser {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.email === 'string' &&
    (v.tenantId === null || typeof v.tenantId === 'string') &&
    Array.isArray(v.roles) &&
    v.roles.every((r) => typeof r === 'string')
  );
}

/** userStore reads and writes the signed-in user in sessionStorage; the api still checks every request. */
export const userStore = {
  get(): SessionUser | null {
    try {
      const raw = window.sessionStorage.getItem(KEY);
      const parsed: unknown = raw === null ? null : JSON.parse(raw);
      return isSessionUser(parsed) ? parsed : null;
    } catch {
      return null;
    }
  },
  set(user: SessionUser): void {
    window.sessionStorage.setItem(
      KEY,
      JSON.stringify({ email: user.email, tenantId: user.tenantId, roles: user.roles }),
    );
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // Storage can be disabled; there is nothing left to clear then.
    }
  },
};
