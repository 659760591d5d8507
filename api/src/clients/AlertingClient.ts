import { BadGatewayError, BadRequestError, NotFoundError } from '@sightline/http';
import type { z } from 'zod';
import { AlertingSloList, AlertingTenantSlos, SloAlertList, SloHistory } from '../openapi/sloSchemas';
import { AlertingIncidents } from '../openapi/tenantActivitySchemas';
import type { InternalService } from '@sightline/http';
import { upstreamDetail } from './upstreamDetail';

/** SloAlertFilter selects alert events from alerting's event log. */
export interface SloAlertFilter {
  tenant?: string | undefined;
  state?: 'firing' | 'resolved' | undefined;
}

/**
 * AlertingClient reads SLO definitions, status, budget history and alert events over alerting's internal
 * contract. Alerting's 400 and 404 keep their status and short reason; anything else off-contract is a 502,
 * and an unreachable alerting is a 503 (from InternalService).
 */
export class AlertingClient {
  constructor(readonly service: InternalService) {}

  /** definitions lists one tenant's SLOs with their burn-rate alert thresholds. */
  definitions(tenant: string): Promise<AlertingSloList> {
    return this.get(`/internal/v1/slos?tenant=${encodeURIComponent(tenant)}`, AlertingSloList);
  }

  /** tenantSlos returns one tenant's current SLO status; a tenant without SLOs is a NotFoundError. */
  tenantSlos(tenant: string): Promise<AlertingTenantSlos> {
    return this.get(`/internal/v1/tenants/${encodeURIComponent(tenant)}/slos`, AlertingTenantSlos);
  }

  /** history returns one SLO's budget snapshots between from and to (alerting's defaults when absent). */
  history(tenant: string, slo: string, range: { from?: string; to?: string }): Promise<SloHistory> {
    const params = new URLSearchParams();
    if (range.from !== undefined) params.set('from', range.from);
    if (range.to !== undefined) params.set('to', range.to);
    const query = params.size > 0 ? `?${params.toString()}` : '';
    return this.get(
      `/internal/v1/tenants/${encodeURIComponent(tenant)}/slos/${encodeURIComponent(slo)}/history${query}`,
      SloHistory,
    );
  }

  /** alerts returns alert events, newest first. */
  alerts(filter: SloAlertFilter): Promise<SloAlertList> {
    const params = new URLSearchParams();
    if (filter.tenant !== undefined) params.set('tenant', filter.tenant);
    if (filter.state !== undefined) params.set('state', filter.state);
    const query = params.size > 0 ? `?${params.toString()}` : '';
    return this.get(`/internal/v1/slo-alerts${query}`, SloAlertList);
  }

  /**
   * incidents lists the incidents of one tenant's alert groups open at some time in [from, to). A caller bound to a
   * tenant is named in `X-Sightline-Tenant`, so alerting itself refuses to answer for any other tenant.
   */
  incidents(
    tenant: string,
    range: { from: string; to: string },
    callerTenant: string | null,
  ): Promise<AlertingIncidents> {
    const params = new URLSearchParams({ tenant, from: range.from, to: range.to });
    return this.get(
      `/internal/v1/reporting/incidents?${params.toString()}`,
      AlertingIncidents,
      callerTenant === null ? {} : { 'x-sightline-tenant': callerTenant },
    );
  }

  private async get<S extends z.ZodType>(
    path: string,
    schema: S,
    headers: Record<string, string> = {},
  ): Promise<z.output<S>> {
    const res = await this.service.fetch(path, { headers: { ...headers, accept: 'application/json' } });
    if (res.status === 400)
      throw new BadRequestError(await upstreamDetail(res, 'alerting refused the query'));
    if (res.status === 404) throw new NotFoundError(await upstreamDetail(res, 'not found'));
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new BadGatewayError(this.service.name);
    }
    const body = schema.safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new BadGatewayError(this.service.name, { cause: body.error });
    return body.data;
  }
}
