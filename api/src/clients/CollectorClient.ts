import { RollupAggregate, TraceView } from '@sightline/contracts';
import type { SlaWindow } from '@sightline/contracts';
import { ForbiddenError } from '@sightline/http';
import { BadGatewayError } from '@sightline/http';
import type { InternalService } from './InternalService';

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

  /** isHealthy checks the collector's liveness endpoint. */
  isHealthy(): Promise<boolean> {
    return this.service.isHealthy('/healthz');
  }
}
