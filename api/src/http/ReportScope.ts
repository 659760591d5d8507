import { ForbiddenError } from '@sightline/http';
import { hasAnyRole } from '@sightline/authn';
import type { Principal } from '@sightline/authn';
import { EXECUTIVE_TENANT } from '../openapi/reportSchemas';
import type { ReportsQuery } from '../openapi/reportSchemas';
import { PLATFORM_REPORT_ROLES } from './platformReportRoles';

/**
 * ReportScope is which reports a verified principal may see: every tenant's and the executive summaries for a
 * platform token (no tenant) held by super_admin, sre or executive; otherwise its own tenant's tenant reports only,
 * never an executive summary. A token bound to no tenant without one of those roles sees no report at all.
 */
export class ReportScope {
  private constructor(
    /** tenant is the only tenant the caller sees; null sees every tenant and the executive summaries. */
    readonly tenant: string | null,
  ) {}

  /** of works out a reader's scope (the route has already checked it holds a reader role). */
  static of(principal: Principal): ReportScope {
    if (principal.tenant !== null) return new ReportScope(principal.tenant);
    if (hasAnyRole(principal, PLATFORM_REPORT_ROLES)) return new ReportScope(null);
    throw new ForbiddenError('this token is not bound to a tenant and sees no reports');
  }

  /**
   * recipientsEditor admits a platform super_admin to any tenant's recipients and to the executive summary's, and a
   * tenant_admin to its own tenant's only.
   */
  static recipientsEditor(principal: Principal, tenant: string): void {
    if (principal.tenant === null && principal.roles.includes('super_admin')) return;
    if (tenant === EXECUTIVE_TENANT)
      throw new ForbiddenError(
        'only a platform super_admin may see or change who receives the executive summary',
      );
    if (principal.tenant === tenant && principal.roles.includes('tenant_admin')) return;
    throw new ForbiddenError(
      principal.tenant === null
        ? "only a platform super_admin or the tenant's tenant_admin may see or change its report recipients"
        : `this token may only see or change the report recipients of tenant ${principal.tenant}`,
    );
  }

  /** sees is true when the caller may see a report of that kind and tenant. */
  sees(report: { kind: string; tenantId: string }): boolean {
    return this.tenant === null || (report.kind === 'tenant' && report.tenantId === this.tenant);
  }

  /** narrow confines a listing to the caller: a tenant caller naming another tenant or the summaries is a 403. */
  narrow(query: ReportsQuery): ReportsQuery {
    if (this.tenant === null) return query;
    if (query.kind === 'executive')
      throw new ForbiddenError('executive summaries cover every tenant; a tenant token may not see them');
    const named = query.tenant?.split(',') ?? [];
    if (named.some((t) => t !== this.tenant))
      throw new ForbiddenError(`this token may only see the reports of tenant ${this.tenant}`);
    return { ...query, tenant: this.tenant, kind: 'tenant' };
  }

  /** target is the tenant a report request is for: a tenant caller may ask for its own tenant's only. */
  target(kind: 'tenant' | 'executive', tenant: string | undefined): string | undefined {
    if (this.tenant === null) return tenant;
    if (kind === 'executive')
      throw new ForbiddenError('executive summaries cover every tenant; a tenant token may not ask for one');
    if (tenant !== undefined && tenant !== this.tenant)
      throw new ForbiddenError(`this token may only ask for the reports of tenant ${this.tenant}`);
    return this.tenant;
  }
}
