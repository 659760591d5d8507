import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these check just the fields the tenant page reads.

/** SlaHistoryPoint is one step of GET /v1/tenants/:id/sla/history. */
export interface SlaHistoryPoint {
  t: string;
  requests: number;
  errors: number;
  rateLimited: number;
  availability: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
}

/** SlaHistory is the body of GET /v1/tenants/:id/sla/history; only steps with traffic are listed. */
export interface SlaHistory {
  tenantId: string;
  objective: number;
  from: string;
  to: string;
  step: string;
  points: SlaHistoryPoint[];
}

/** BurnRateAlertRule is one burn-rate alert of an SLO and its threshold. */
export interface BurnRateAlertRule {
  severity: 'page' | 'ticket';
  burnrateTier: string;
  factor: number;
  longWindow: string;
  shortWindow: string;
}

/** FiringSloAlert is an SLO alert firing now. */
export interface FiringSloAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

/** SloStatus is one SLO of GET /v1/tenants/:id/slos. */
export interface SloStatus {
  slo: string;
  description: string;
  objective: number;
  period: string;
  sli: number | null;
  errorBudgetRemaining: number | null;
  timeToExhaustionSeconds: number | null;
  burnRates: Record<string, number | null> | null;
  firingAlerts: FiringSloAlert[];
  alerts: BurnRateAlertRule[];
}

/** TenantSloStatus is the body of GET /v1/tenants/:id/slos. */
export interface TenantSloStatus {
  tenant: string;
  evaluatedAt: string | null;
  slos: SloStatus[];
}

/** SloHistoryPoint is one budget snapshot. */
export interface SloHistoryPoint {
  at: string;
  sli: number | null;
  errorBudgetRemaining: number | null;
}

/** SloHistory is the body of GET /v1/tenants/:id/slos/:slo/history. */
export interface SloHistory {
  slo: string;
  from: string;
  to: string;
  stepSeconds: number;
  points: SloHistoryPoint[];
}

const numOrNull = (v: unknown) => v === null || typeof v === 'number';

/** isSlaHistory checks a GET /v1/tenants/:id/sla/history body. */
export function isSlaHistory(v: unknown): v is SlaHistory {
  return (
    isRecord(v) &&
    typeof v.objective === 'number' &&
    typeof v.from === 'string' &&
    typeof v.to === 'string' &&
    typeof v.step === 'string' &&
    Array.isArray(v.points) &&
    v.points.every(
      (p) =>
        isRecord(p) &&
        typeof p.t === 'string' &&
        typeof p.requests === 'number' &&
        numOrNull(p.availability) &&
        isRecord(p.latencyMs),
    )
  );
}

/** isTenantSloStatus checks a GET /v1/tenants/:id/slos body. */
export function isTenantSloStatus(v: unknown): v is TenantSloStatus {
  return (
    isRecord(v) &&
    Array.isArray(v.slos) &&
    v.slos.every(
      (s) =>
        isRecord(s) &&
        typeof s.slo === 'string' &&
        typeof s.period === 'string' &&
        typeof s.objective === 'number' &&
        numOrNull(s.errorBudgetRemaining) &&
        (s.burnRates === null || isRecord(s.burnRates)) &&
        Array.isArray(s.firingAlerts) &&
        Array.isArray(s.alerts),
    )
  );
}

/** isSloHistory checks a GET /v1/tenants/:id/slos/:slo/history body. */
export function isSloHistory(v: unknown): v is SloHistory {
  return (
    isRecord(v) &&
    typeof v.stepSeconds === 'number' &&
    Array.isArray(v.points) &&
    v.points.every((p) => isRecord(p) && typeof p.at === 'string' && numOrNull(p.errorBudgetRemaining))
  );
}
