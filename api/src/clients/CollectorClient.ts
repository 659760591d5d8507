import { RollupAggregate, TraceView } from '@sightline/contracts';
import type { SlaWindow } from '@sightline/contracts';
import { BadRequestError, ForbiddenError } from '@sightline/http';
import { BadGatewayError } from '@sightline/http';
import { LogPage, ServiceList } from '../openapi/apiSchemas';
import { RollupSeries } from '../openapi/slaHistorySchemas';
import { CollectorTopRoutes } from '../openapi/tenantActivitySchemas';
import type { FailingRoute } from '../openapi/tenantActivitySchemas';
import type { SeriesStep } from '../openapi/slaHistorySchemas';
import type { InternalService } from '@sightline/http';
import { upstreamDetail } from './upstreamDetail';

/** LogSearch is a validated log search as the collector's GET /internal/v1/logs takes it. */
export interface LogSearch {
  tenant: string;
  service?: string | undefined;
  severity?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  traceId?: string | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

/** TraceLookup is the collector's answer for one trace id. */
export type TraceLookup = { found: true; trace: TraceView } | { found: false };

/** CollectorClient reads rollups and traces over the collector's internal contract. */
export class CollectorClient {
  constructor(readonly service: InternalService) {}

  /** rollups returns one tenant's traffic summed over a window. */
  async rollups(tenantId: string, window: SlaWindow): Promise<RollupAggregate> {
    const res = await this.service.getJson(
      `/internal/v1/rollups/${encodeURIComponent(tenantId)}?window=${window}`,
      RollupAggregate,
    );
    if (!res.ok) throw new BadGatewayError(this.service.name);
    return res.body;
  }

  /** trace looks a trace up, scoped to one tenant's spans and logs when tenant is given. */
  async trace(traceId: string, tenant?: string): Promise<TraceLookup> {
    const query = tenant === undefined ? '' : `?tenant=${encodeURIComponent(tenant)}`;
    const res = await this.service.getJson(`/internal/v1/traces/${traceId}${query}`, TraceView);
    if (res.ok) return { found: true, trace: res.body };
    if (res.status === 404) return { found: false };
    if (res.status === 403) throw new ForbiddenError('this trace belongs to another tenant');
    throw new BadGatewayError(this.service.name);
  }

  /** searchLogs runs one page of a log search; the collector's own 400 (a cursor it did not issue, say) stays a 400. */
  async searchLogs(search: LogSearch): Promise<LogPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(search)) if (typeof value === 'string') params.set(key, value);
    const res = await this.service.fetch(`/internal/v1/logs?${params.toString()}`, {
      headers: { accept: 'application/json' },
    });
    if (res.status === 400) throw new BadRequestError(await upstreamDetail(res, 'the log query was refused'));
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new BadGatewayError(this.service.name);
    }
    const body = LogPage.safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new BadGatewayError(this.service.name, { cause: body.error });
    return body.data;
  }

  /** services lists the services one tenant has sent signals from. */
  async services(tenantId: string): Promise<ServiceList> {
    const res = await this.service.getJson(
      `/internal/v1/services?tenant=${encodeURIComponent(tenantId)}`,
      ServiceList,
    );
    if (!res.ok) throw new BadGatewayError(this.service.name);
    return res.body;
  }

  /** series returns one tenant's rollups per step (only steps with data); the collector's 400 stays a 400. */
  async series(tenantId: string, from: string, to: string, step: SeriesStep): Promise<RollupSeries> {
    const params = new URLSearchParams({ from, to, step });
    const res = await this.service.fetch(
      `/internal/v1/rollups/${encodeURIComponent(tenantId)}/series?${params.toString()}`,
      { headers: { accept: 'application/json' } },
    );
    if (res.status === 400)
      throw new BadRequestError(await upstreamDetail(res, 'the series query was refused'));
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new BadGatewayError(this.service.name);
    }
    const body = RollupSeries.safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new BadGatewayError(this.service.name, { cause: body.error });
    return body.data;
  }

  /**
   * topFailingRoutes returns one tenant's gateway routes that failed in [from, to), most failures first; the
   * collector's 400 stays a 400.
   */
  async topFailingRoutes(tenantId: string, from: string, to: string, limit: number): Promise<FailingRoute[]> {
    const params = new URLSearchParams({ from, to, limit: String(limit) });
    const res = await this.service.fetch(
      `/internal/v1/rollups/${encodeURIComponent(tenantId)}/routes?${params.toString()}`,
      { headers: { accept: 'application/json' } },
    );
    if (res.status === 400)
      throw new BadRequestError(await upstreamDetail(res, 'the routes query was refused'));
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new BadGatewayError(this.service.name);
    }
    const body = CollectorTopRoutes.safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new BadGatewayError(this.service.name, { cause: body.error });
    return body.data.routes;
  }

  /** isHealthy checks the collector's liveness endpoint. */
  isHealthy(): Promise<boolean> {
    return this.service.isHealthy('/healthz');
  }
}
