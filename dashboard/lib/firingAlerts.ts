import type { TenantSloStatus } from './sloApiShapes';

/** FiringAlertRow is one firing SLO alert as the tenant page lists it. */
export interface FiringAlertRow {
  key: string;
  slo: string;
  severity: string;
  burnrateTier: string;
  summary: string;
  startsAt: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

/** firingAlerts lists every alert firing across a tenant's SLOs, pages before tickets, oldest first. */
export function firingAlerts(status: TenantSloStatus): FiringAlertRow[] {
  return status.slos
    .flatMap((s) =>
      s.firingAlerts.map((a) => ({
        key: `${s.slo}/${a.labels.burnrate_tier ?? a.startsAt}`,
        slo: s.slo,
        severity: a.labels.severity ?? 'unknown',
        burnrateTier: a.labels.burnrate_tier ?? '',
        summary: a.annotations.summary ?? `${s.slo} burns its error budget too fast`,
        startsAt: a.startsAt,
        longBurnRate: a.longBurnRate,
        shortBurnRate: a.shortBurnRate,
      })),
    )
    .sort(
      (a, b) =>
        Number(a.severity !== 'page') - Number(b.severity !== 'page') ||
        Date.parse(a.startsAt) - Date.parse(b.startsAt),
    );
}
