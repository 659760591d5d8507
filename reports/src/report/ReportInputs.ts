import type { SloDefinition } from '@sightline/slo';
import type { FailingRoute, MaintenanceWindow, ReportWeek } from './WeeklyReport';

/** RollupPoint is one step of a tenant's rollup series, as the collector serves it. */
export interface RollupPoint {
  /** t is the step's start (ISO UTC). */
  t: string;
  requests: number;
  errors: number;
  rateLimited: number;
  latencyBuckets: number[];
}

/** IncidentRecord is one incident as the alerting service reports it. */
export interface IncidentRecord {
  title: string;
  severity: string | null;
  slo: string | null;
  startedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  paged: boolean;
}

/** ReportTenant is who a report is about. */
export interface ReportTenant {
  id: string;
  name: string;
  tier: string;
  timeZone: string;
}

/** ReportInputs are everything a tenant's weekly report is computed from; the computation itself is pure. */
export interface ReportInputs {
  tenant: ReportTenant;
  week: ReportWeek;
  slos: readonly SloDefinition[];
  /** points cover at least [week.end − max(SLO period, 5 weeks), week.end), at a step that divides every hour. */
  points: readonly RollupPoint[];
  incidents: readonly IncidentRecord[];
  maintenance: readonly MaintenanceWindow[];
  routes: readonly FailingRoute[];
  generatedAt: Date;
}
