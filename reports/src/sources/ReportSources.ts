import type { IncidentRecord, ReportTenant, RollupPoint } from '../report/ReportInputs';
import type { FailingRoute, MaintenanceWindow } from '../report/WeeklyReport';

/** ReportSources are where report data comes from: the owning services' internal APIs, or memory in tests. */
export interface ReportSources {
  tenants(): Promise<ReportTenant[]>;
  /** series is the tenant's rollups per quarter hour over [from, to). */
  series(tenant: string, from: Date, to: Date): Promise<RollupPoint[]>;
  incidents(tenant: string, from: Date, to: Date): Promise<IncidentRecord[]>;
  maintenance(tenant: string, from: Date, to: Date): Promise<MaintenanceWindow[]>;
  routes(tenant: string, from: Date, to: Date): Promise<FailingRoute[]>;
}
