/**
 * The data of the weekly SLA reports. Everything a rendered report shows is here, computed once, so the golden test
 * checks figures and the renderers only lay them out. Instants are ISO-8601 UTC strings; local dates and times are
 * in the tenant's time zone; percentages are 0..100 numbers rounded to 3 decimals; durations are seconds.
 */

/** ReportWeek is one calendar week, Monday 00:00 to the next Monday 00:00 in the tenant's time zone. */
export interface ReportWeek {
  /** label is the ISO week, e.g. "2026-W47". */
  label: string;
  timeZone: string;
  /** start and end are the two Mondays 00:00 local, as UTC instants. */
  start: string;
  end: string;
  /** startLocal and endLocal are "YYYY-MM-DD HH:mm" with the zone's abbreviation, e.g. "2026-03-23 00:00 CET". */
  startLocal: string;
  endLocal: string;
  /** hours is 168, or 167 / 169 when the week crosses a daylight-saving change. */
  hours: number;
  /** dstNote explains a 167- or 169-hour week in one sentence; null for an ordinary week. */
  dstNote: string | null;
}

/** ObjectiveResult is one SLO's outcome for the week. */
export interface ObjectiveResult {
  /** slo is the SLO's name (its `slo` label), e.g. "availability". */
  slo: string;
  description: string;
  indicator: 'availability' | 'latency';
  /** thresholdMs is the latency bound of a latency SLO. */
  thresholdMs: number | null;
  objectivePercent: number;
  /** achievedPercent is good ÷ valid events this week; null when there were no valid events. */
  achievedPercent: number | null;
  /** met is null when there was no traffic to judge. */
  met: boolean | null;
  validEvents: number;
  badEvents: number;
  /** budgetWeekPercent is the share of the SLO period's error budget that this week's bad events used. */
  budgetWeekPercent: number;
  /** budgetPeriodPercent is the share used over the SLO period that ends with this week (e.g. 30 days). */
  budgetPeriodPercent: number;
  periodDays: number;
}

/** LatencyPercentiles are request latency percentiles in milliseconds (null without traffic). */
export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** LatencyWeek is one week of the latency trend. */
export interface LatencyWeek extends LatencyPercentiles {
  label: string;
  start: string;
}

/** DayFigures are one local day of the week (23, 24 or 25 hours long). */
export interface DayFigures {
  /** date is the local date "YYYY-MM-DD". */
  date: string;
  hours: number;
  requests: number;
  errors: number;
  rateLimited: number;
  /** availabilityPercent excludes rate-limited requests; null without traffic. */
  availabilityPercent: number | null;
  p99: number | null;
}

/** Incident is one alert group's incident that was open during the week. */
export interface Incident {
  title: string;
  severity: string | null;
  slo: string | null;
  startedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  /** durationSeconds runs to the resolve, or to the week's end while it was still open. */
  durationSeconds: number;
  ongoing: boolean;
  /** ttaSeconds is time to acknowledge; null when never acknowledged. */
  ttaSeconds: number | null;
  /** ttrSeconds is time to resolve; null while open. */
  ttrSeconds: number | null;
  /** paged is true when a PagerDuty trigger was sent for it. */
  paged: boolean;
}

/** IncidentStats summarise the week's incidents. */
export interface IncidentStats {
  count: number;
  paged: number;
  /** mttaSeconds is the mean time to acknowledge over acknowledged incidents; null when none. */
  mttaSeconds: number | null;
  /** mttrSeconds is the mean time to resolve over resolved incidents; null when none. */
  mttrSeconds: number | null;
}

/** MaintenanceWindow is one maintenance window (a silence occurrence) that overlapped the week. */
export interface MaintenanceWindow {
  comment: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  recurring: boolean;
}

/** FailingRoute is one route with its failed requests during the week. */
export interface FailingRoute {
  route: string;
  requests: number;
  errors: number;
  errorPercent: number;
}

/** RateLimiting summarises the requests the gateway limited during the week. */
export interface RateLimiting {
  limitedRequests: number;
  /** sharePercent is limited ÷ all requests. */
  sharePercent: number;
  /** peakHour is the local hour with the most limited requests. */
  peakHour: { start: string; limited: number } | null;
}

/** TenantWeeklyReport is everything one tenant's weekly report says. */
export interface TenantWeeklyReport {
  kind: 'tenant-weekly';
  tenant: { id: string; name: string; tier: string; timeZone: string };
  week: ReportWeek;
  generatedAt: string;
  /** summary is the plain-language first line, e.g. "Met 3 of 4 objectives; budget 38 % used." */
  summary: string;
  /** status is the tenant's colour on the executive summary. */
  status: 'green' | 'amber' | 'red';
  traffic: { requests: number; errors: number; rateLimited: number; availabilityPercent: number | null };
  objectives: ObjectiveResult[];
  latency: LatencyPercentiles & {
    /** trend is the four weeks before this one, oldest first, then this week. */
    trend: LatencyWeek[];
    /** p99ChangePercent compares this week's p99 with the mean p99 of the previous weeks that had traffic. */
    p99ChangePercent: number | null;
  };
  days: DayFigures[];
  incidents: Incident[];
  incidentStats: IncidentStats;
  maintenance: MaintenanceWindow[];
  topFailingRoutes: FailingRoute[];
  rateLimiting: RateLimiting;
}

/** ExecutiveRow is one tenant's line on the executive summary. */
export interface ExecutiveRow {
  tenant: string;
  name: string;
  tier: string;
  status: 'green' | 'amber' | 'red';
  objectivesMet: number;
  objectivesJudged: number;
  availabilityPercent: number | null;
  /** budgetPercent is the largest budgetPeriodPercent over the tenant's objectives. */
  budgetPercent: number;
  incidents: number;
  paged: number;
  /** change compares with the previous week's report; null when there was none. */
  change: { availabilityPoints: number | null; budgetPoints: number; incidents: number } | null;
}

/** ExecutiveSummary is the one-page view across tenants, worst first. */
export interface ExecutiveSummary {
  kind: 'executive-summary';
  /** weekLabel is the ISO week every row reports on (each tenant's week is in its own time zone). */
  weekLabel: string;
  generatedAt: string;
  counts: { green: number; amber: number; red: number };
  rows: ExecutiveRow[];
}
