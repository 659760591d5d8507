import type { SessionUser } from './userStore';
import { canReadReports } from './roles';

/** ReportAccess is what the reports page offers the viewer; the api checks every request regardless. */
export interface ReportAccess {
  /** read: the archive, generating reports and downloads. */
  read: boolean;
  /** platform readers see every tenant and the executive summaries. */
  platform: boolean;
  /** ownTenant is the only tenant a tenant reader sees; null for platform readers. */
  ownTenant: string | null;
  /** recipients: a tenant_admin edits its own tenant's, a platform super_admin any tenant's and the summary's. */
  recipients: 'none' | 'own' | 'all';
}

// Mirrors PLATFORM_REPORT_ROLES in the api: these see every tenant when their token is bound to none.
const PLATFORM_READERS: readonly string[] = ['super_admin', 'sre', 'executive'];

/**
 * reportAccess works out the reports page for the signed-in user. Without the login response (null) the page lets
 * the api decide what to list, and offers neither executive summaries nor the recipients editor.
 */
export function reportAccess(user: SessionUser | null): ReportAccess {
  if (user === null) return { read: true, platform: false, ownTenant: null, recipients: 'none' };
  const read = canReadReports(user.roles);
  const platform = read && user.tenantId === null && user.roles.some((r) => PLATFORM_READERS.includes(r));
  const recipients =
    user.tenantId === null && user.roles.includes('super_admin')
      ? 'all'
      : user.tenantId !== null && user.roles.includes('tenant_admin')
        ? 'own'
        : 'none';
  return { read, platform, ownTenant: platform ? null : user.tenantId, recipients };
}
