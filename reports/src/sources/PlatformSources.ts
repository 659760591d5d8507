import { Tenant } from '@sightline/contracts';
import { BadGatewayError, InternalService } from '@sightline/http';
import { z } from 'zod';
import type { IncidentRecord, ReportTenant, RollupPoint } from '../report/ReportInputs';
import type { FailingRoute, MaintenanceWindow } from '../report/WeeklyReport';
import type { ReportSources } from './ReportSources';

const STEP_SECONDS = 900;
// The collector answers at most 2000 steps per series request; 1800 leaves room for partial steps at the ends.
const CHUNK_MS = 1800 * STEP_SECONDS * 1000;

const count = z.number().int().nonnegative();
const Series = z.object({
  points: z.array(
    z.object({
      t: z.string(),
      requests: count,
      errors: count,
      rateLimited: count,
      latencyBuckets: z.array(count),
    }),
  ),
});
const Incidents = z.object({
  incidents: z.array(
    z.object({
      title: z.string(),
      severity: z.string().nullable(),
      slo: z.string().nullable(),
      startedAt: z.string(),
      acknowledgedAt: z.string().nullable(),
      acknowledgedBy: z.string().nullable(),
      resolvedAt: z.string().nullable(),
      paged: z.boolean(),
    }),
  ),
});
const Maintenance = z.object({
  windows: z.array(
    z.object({
      comment: z.string(),
      createdBy: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      recurring: z.boolean(),
    }),
  ),
});
const Routes = z.object({
  routes: z.array(z.object({ route: z.string(), requests: count, errors: count, errorPercent: z.number() })),
});

/** PlatformSourcesOptions say where the owning services are. */
export interface PlatformSourcesOptions {
  collectorUrl: string;
  alertingUrl: string;
  gatewayAdminUrl: string;
  internalToken: string;
  timeoutMs: number;
}

/** PlatformSources read report data from the gateway, collector and alerting internal APIs (never their tables). */
export class PlatformSources implements ReportSources {
  private readonly collector: InternalService;
  private readonly alerting: InternalService;
  private readonly gateway: InternalService;

  /** constructor makes one client per service. */
  constructor(options: PlatformSourcesOptions) {
    const make = (name: string, baseUrl: string) =>
      new InternalService({
        name,
        baseUrl,
        internalToken: options.internalToken,
        timeoutMs: options.timeoutMs,
      });
    this.collector = make('collector', options.collectorUrl);
    this.alerting = make('alerting', options.alertingUrl);
    this.gateway = make('gateway', options.gatewayAdminUrl);
  }

  private async get<S extends z.ZodType>(
    service: InternalService,
    path: string,
    schema: S,
  ): Promise<z.output<S>> {
    const res = await service.getJson(path, schema);
    if (!res.ok) throw new BadGatewayError(`${service.name} answered ${res.status} to ${path.split('?')[0]}`);
    return res.body;
  }

  /** tenants lists every tenant with its tier and time zone. */
  async tenants(): Promise<ReportTenant[]> {
    const list = await this.get(this.gateway, '/internal/v1/tenants', z.array(Tenant));
    return list.map((t) => ({ id: t.id, name: t.name, tier: t.tier, timeZone: t.timezone }));
  }

  /** series fetches quarter-hour rollups in chunks the collector accepts. */
  async series(tenant: string, from: Date, to: Date): Promise<RollupPoint[]> {
    const points: RollupPoint[] = [];
    for (let start = from.getTime(); start < to.getTime(); start += CHUNK_MS) {
      const end = Math.min(to.getTime(), start + CHUNK_MS);
      const q = new URLSearchParams({
        from: new Date(start).toISOString(),
        to: new Date(end).toISOString(),
        step: '15m',
      });
      const body = await this.get(
        this.collector,
        `/internal/v1/rollups/${encodeURIComponent(tenant)}/series?${q}`,
        Series,
      );
      points.push(...body.points);
    }
    return points;
  }

  private range(tenant: string, from: Date, to: Date): string {
    return new URLSearchParams({ tenant, from: from.toISOString(), to: to.toISOString() }).toString();
  }

  /** incidents lists the tenant's incidents open during [from, to). */
  async incidents(tenant: string, from: Date, to: Date): Promise<IncidentRecord[]> {
    const path = `/internal/v1/reporting/incidents?${this.range(tenant, from, to)}`;
    return (await this.get(this.alerting, path, Incidents)).incidents;
  }

  /** maintenance lists the tenant's maintenance windows overlapping [from, to). */
  async maintenance(tenant: string, from: Date, to: Date): Promise<MaintenanceWindow[]> {
    const path = `/internal/v1/reporting/maintenance?${this.range(tenant, from, to)}`;
    return (await this.get(this.alerting, path, Maintenance)).windows;
  }

  /** routes lists the tenant's ten most failing routes in [from, to). */
  async routes(tenant: string, from: Date, to: Date): Promise<FailingRoute[]> {
    const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), limit: '10' });
    const path = `/internal/v1/rollups/${encodeURIComponent(tenant)}/routes?${q}`;
    return (await this.get(this.collector, path, Routes)).routes;
  }
}
