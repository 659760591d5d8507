import type { IncidentRecord, ReportTenant, RollupPoint } from '../report/ReportInputs';
import type { FailingRoute, MaintenanceWindow } from '../report/WeeklyReport';
import type { ReportSources } from './ReportSources';

/** InMemorySources serve report data held in memory: the test double of PlatformSources. */
export class InMemorySources implements ReportSources {
  /** constructor takes the data per tenant. */
  constructor(
    readonly data: {
      tenants: ReportTenant[];
      points?: Record<string, RollupPoint[]>;
      incidents?: Record<string, IncidentRecord[]>;
      maintenance?: Record<string, MaintenanceWindow[]>;
      routes?: Record<string, FailingRoute[]>;
    },
  ) {}

  /** tenants lists the tenants. */
  tenants(): Promise<ReportTenant[]> {
    return Promise.resolve(this.data.tenants);
  }

  /** series returns the tenant's points in [from, to). */
  series(tenant: string, from: Date, to: Date): Promise<RollupPoint[]> {
    return Promise.resolve(
      (this.data.points?.[tenant] ?? []).filter((p) => {
        const t = Date.parse(p.t);
        return t >= from.getTime() && t < to.getTime();
      }),
    );
  }

  /** incidents returns the tenant's incidents. */
  incidents(tenant: string): Promise<IncidentRecord[]> {
    return Promise.resolve(this.data.incidents?.[tenant] ?? []);
  }

  /** maintenance returns the tenant's windows. */
  maintenance(tenant: string): Promise<MaintenanceWindow[]> {
    return Promise.resolve(this.data.maintenance?.[tenant] ?? []);
  }

  /** routes returns the tenant's failing routes. */
  routes(tenant: string): Promise<FailingRoute[]> {
    return Promise.resolve(this.data.routes?.[tenant] ?? []);
  }
}
