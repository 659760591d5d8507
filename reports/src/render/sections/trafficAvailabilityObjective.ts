import type { TenantWeeklyReport } from '../../report/WeeklyReport';

/**
 * trafficAvailabilityObjective picks the availability objective that the whole-traffic figures (days[] and
 * traffic) are judged against: the availability SLO whose valid events are all non-rate-limited requests,
 * else the one covering the most events. The report does not name it, and comparing all traffic with a
 * stricter SLO over a subset (say, auth calls) would flag days that met their objective.
 */
export function trafficAvailabilityObjective(report: TenantWeeklyReport): number | null {
  const candidates = report.objectives.filter((o) => o.indicator === 'availability');
  const valid = report.traffic.requests - report.traffic.rateLimited;
  const exact = candidates.find((o) => valid > 0 && o.validEvents === valid);
  if (exact) return exact.objectivePercent;
  const widest = candidates.reduce<(typeof candidates)[number] | null>(
    (best, o) => (best === null || o.validEvents > best.validEvents ? o : best),
    null,
  );
  return widest?.objectivePercent ?? null;
}
