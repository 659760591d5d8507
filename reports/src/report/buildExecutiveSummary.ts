import type { ExecutiveRow, ExecutiveSummary, TenantWeeklyReport } from './WeeklyReport';

/** TenantWeekPair is a tenant's report for the week and, when there is one, for the week before. */
export interface TenantWeekPair {
  current: TenantWeeklyReport;
  previous: TenantWeeklyReport | null;
}

const STATUS_RANK = { red: 0, amber: 1, green: 2 } as const;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function row({ current, previous }: TenantWeekPair): ExecutiveRow {
  const judged = current.objectives.filter((o) => o.met !== null);
  const budget = (r: TenantWeeklyReport): number =>
    r.objectives.reduce((m, o) => Math.max(m, o.budgetPeriodPercent), 0);
  const availability = current.traffic.availabilityPercent;
  const before = previous?.traffic.availabilityPercent ?? null;
  return {
    tenant: current.tenant.id,
    name: current.tenant.name,
    tier: current.tenant.tier,
    status: current.status,
    objectivesMet: judged.filter((o) => o.met === true).length,
    objectivesJudged: judged.length,
    availabilityPercent: availability,
    budgetPercent: budget(current),
    incidents: current.incidentStats.count,
    paged: current.incidentStats.paged,
    change:
      previous === null
        ? null
        : {
            availabilityPoints:
              availability === null || before === null ? null : round3(availability - before),
            budgetPoints: round3(budget(current) - budget(previous)),
            incidents: current.incidentStats.count - previous.incidentStats.count,
          },
  };
}

/**
 * buildExecutiveSummary ranks tenants worst first: red before amber before green, then more objectives missed,
 * then more budget used, then lower availability, then by tenant id so equal rows keep a stable order.
 */
export function buildExecutiveSummary(
  weekLabel: string,
  pairs: readonly TenantWeekPair[],
  generatedAt: Date,
): ExecutiveSummary {
  const rows = pairs
    .map(row)
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        b.objectivesJudged - b.objectivesMet - (a.objectivesJudged - a.objectivesMet) ||
        b.budgetPercent - a.budgetPercent ||
        (a.availabilityPercent ?? 101) - (b.availabilityPercent ?? 101) ||
        a.tenant.localeCompare(b.tenant),
    );
  return {
    kind: 'executive-summary',
    weekLabel,
    generatedAt: generatedAt.toISOString(),
    counts: {
      green: rows.filter((r) => r.status === 'green').length,
      amber: rows.filter((r) => r.status === 'amber').length,
      red: rows.filter((r) => r.status === 'red').length,
    },
    rows,
  };
}
