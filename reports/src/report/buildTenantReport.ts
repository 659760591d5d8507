import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { sliCounts, windowSeconds } from '@sightline/slo';
import type { SliSums } from '@sightline/slo';
import { DateTime } from 'luxon';
import { previousWeek, weekDays } from '../week/reportWeek';
import { latencyPercentile } from './latencyPercentile';
import type { ReportInputs, RollupPoint } from './ReportInputs';
import type {
  Incident,
  IncidentStats,
  LatencyPercentiles,
  LatencyWeek,
  ObjectiveResult,
  TenantWeeklyReport,
} from './WeeklyReport';

/** TREND_WEEKS is how many weeks before the report's week the latency trend compares against. */
export const TREND_WEEKS = 4;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const percent = (part: number, whole: number): number | null =>
  whole > 0 ? round3((part / whole) * 100) : null;

function emptySums(): SliSums & { latencyBuckets: number[] } {
  return {
    requests: 0,
    errors: 0,
    rateLimited: 0,
    latencyBuckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
  };
}

function sumBetween(
  points: readonly RollupPoint[],
  from: number,
  to: number,
): SliSums & { latencyBuckets: number[] } {
  const s = emptySums();
  for (const p of points) {
    const t = Date.parse(p.t);
    if (t < from || t >= to) continue;
    s.requests += p.requests;
    s.errors += p.errors;
    s.rateLimited += p.rateLimited;
    p.latencyBuckets.forEach((n, i) => {
      if (i < s.latencyBuckets.length) s.latencyBuckets[i]! += n;
    });
  }
  return s;
}

function percentiles(s: SliSums): LatencyPercentiles {
  return {
    p50: latencyPercentile(s.latencyBuckets, 0.5),
    p95: latencyPercentile(s.latencyBuckets, 0.95),
    p99: latencyPercentile(s.latencyBuckets, 0.99),
  };
}

function availability(s: SliSums): number | null {
  const valid = Math.max(0, s.requests - s.rateLimited);
  return percent(valid - Math.min(s.errors, valid), valid);
}

function incident(r: ReportInputs['incidents'][number], weekEnd: number): Incident {
  const start = Date.parse(r.startedAt);
  const resolved = r.resolvedAt === null ? null : Date.parse(r.resolvedAt);
  const acked = r.acknowledgedAt === null ? null : Date.parse(r.acknowledgedAt);
  const ongoing = resolved === null || resolved > weekEnd;
  const seconds = (to: number): number => Math.max(0, Math.round((to - start) / 1000));
  return {
    title: r.title,
    severity: r.severity,
    slo: r.slo,
    startedAt: r.startedAt,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedBy,
    resolvedAt: ongoing ? null : r.resolvedAt,
    durationSeconds: seconds(ongoing ? weekEnd : resolved),
    ongoing,
    ttaSeconds: acked === null || acked > weekEnd ? null : seconds(acked),
    ttrSeconds: ongoing ? null : seconds(resolved),
    paged: r.paged,
  };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/**
 * buildTenantReport computes a tenant's weekly report from its inputs. Objectives are judged on the week alone;
 * budget is measured against the SLO's period that ends with the week (e.g. the 30 days to the week's end), so
 * "budget used this week" and "over the period" are shares of the same budget. Status: red when an objective was
 * missed or the period's budget is spent; amber when the week used more than its fair share of the budget
 * (7 days' worth) or the period has used half; green otherwise.
 */
export function buildTenantReport(inputs: ReportInputs): TenantWeeklyReport {
  const { week, points } = inputs;
  const weekStart = Date.parse(week.start);
  const weekEnd = Date.parse(week.end);
  const weekSums = sumBetween(points, weekStart, weekEnd);

  const objectives: ObjectiveResult[] = [];
  for (const def of inputs.slos) {
    if (def.tenant !== inputs.tenant.id || def.rollupSli === undefined) continue;
    const periodSeconds = windowSeconds(def.period);
    const periodSums = sumBetween(points, weekEnd - periodSeconds * 1000, weekEnd);
    const w = sliCounts(def.rollupSli, weekSums);
    const p = sliCounts(def.rollupSli, periodSums);
    const budget = (1 - def.objective) * p.valid;
    const achieved = w.valid > 0 ? (w.valid - w.bad) / w.valid : null;
    objectives.push({
      slo: def.slo,
      description: def.description,
      indicator: def.rollupSli.kind,
      thresholdMs: def.rollupSli.kind === 'latency' ? def.rollupSli.thresholdMs : null,
      objectivePercent: round3(def.objective * 100),
      achievedPercent: achieved === null ? null : round3(achieved * 100),
      // Compared as counts, not rounded percentages: 99.9 % of 1000 is exactly 999 good events.
      met: achieved === null ? null : w.valid - w.bad >= def.objective * w.valid - 1e-9,
      validEvents: w.valid,
      badEvents: w.bad,
      budgetWeekPercent: budget > 0 ? round3((w.bad / budget) * 100) : 0,
      budgetPeriodPercent: budget > 0 ? round3((p.bad / budget) * 100) : 0,
      periodDays: Math.round(periodSeconds / 86_400),
    });
  }

  const trend: LatencyWeek[] = [];
  let w = week;
  const weeks = [week];
  for (let i = 0; i < TREND_WEEKS; i++) weeks.unshift((w = previousWeek(w)));
  for (const k of weeks)
    trend.push({
      label: k.label,
      start: k.start,
      ...percentiles(sumBetween(points, Date.parse(k.start), Date.parse(k.end))),
    });
  const current = percentiles(weekSums);
  const earlierP99 = trend.slice(0, -1).flatMap((t) => (t.p99 === null ? [] : [t.p99]));
  const baseline = earlierP99.length > 0 ? earlierP99.reduce((a, b) => a + b, 0) / earlierP99.length : null;

  const days = weekDays(week).map((d) => {
    const s = sumBetween(points, d.start.getTime(), d.end.getTime());
    return {
      date: d.date,
      hours: d.hours,
      requests: s.requests,
      errors: s.errors,
      rateLimited: s.rateLimited,
      availabilityPercent: availability(s),
      p99: latencyPercentile(s.latencyBuckets, 0.99),
    };
  });

  const incidents = inputs.incidents
    .filter(
      (r) =>
        Date.parse(r.startedAt) < weekEnd && (r.resolvedAt === null || Date.parse(r.resolvedAt) >= weekStart),
    )
    .map((r) => incident(r, weekEnd))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const incidentStats: IncidentStats = {
    count: incidents.length,
    paged: incidents.filter((i) => i.paged).length,
    mttaSeconds: mean(incidents.flatMap((i) => (i.ttaSeconds === null ? [] : [i.ttaSeconds]))),
    mttrSeconds: mean(incidents.flatMap((i) => (i.ttrSeconds === null ? [] : [i.ttrSeconds]))),
  };

  // Limited requests per local hour; the series step divides an hour, so each step falls in exactly one hour.
  const perHour = new Map<string, number>();
  for (const p of points) {
    const t = Date.parse(p.t);
    if (t < weekStart || t >= weekEnd || p.rateLimited === 0) continue;
    const hour = DateTime.fromMillis(t, { zone: week.timeZone })
      .startOf('hour')
      .toUTC()
      .toISO({ suppressMilliseconds: true })!;
    perHour.set(hour, (perHour.get(hour) ?? 0) + p.rateLimited);
  }
  let peakHour: { start: string; limited: number } | null = null;
  for (const [start, limited] of [...perHour].sort((a, b) => a[0].localeCompare(b[0])))
    if (peakHour === null || limited > peakHour.limited) peakHour = { start, limited };

  const judged = objectives.filter((o) => o.met !== null);
  const met = judged.filter((o) => o.met === true).length;
  const budgetUsed = objectives.reduce((m, o) => Math.max(m, o.budgetPeriodPercent), 0);
  const fairShare = (o: ObjectiveResult): number => (7 / o.periodDays) * 100;
  const status: TenantWeeklyReport['status'] =
    judged.some((o) => o.met === false) || budgetUsed >= 100
      ? 'red'
      : budgetUsed >= 50 || objectives.some((o) => o.budgetWeekPercent > fairShare(o))
        ? 'amber'
        : 'green';
  const incidentText =
    incidentStats.count === 0
      ? 'no incidents'
      : `${incidentStats.count} incident${incidentStats.count === 1 ? '' : 's'} (${incidentStats.paged} paged)`;
  const summary =
    judged.length === 0
      ? `No traffic to judge this week; ${incidentText}.`
      : `Met ${met} of ${judged.length} objectives; budget ${Math.round(budgetUsed)} % used; ${incidentText}.`;

  return {
    kind: 'tenant-weekly',
    tenant: { ...inputs.tenant },
    week,
    generatedAt: inputs.generatedAt.toISOString(),
    summary,
    status,
    traffic: {
      requests: weekSums.requests,
      errors: weekSums.errors,
      rateLimited: weekSums.rateLimited,
      availabilityPercent: availability(weekSums),
    },
    objectives,
    latency: {
      ...current,
      trend,
      p99ChangePercent:
        baseline === null || baseline === 0 || current.p99 === null
          ? null
          : round3(((current.p99 - baseline) / baseline) * 100),
    },
    days,
    incidents,
    incidentStats,
    maintenance: [...inputs.maintenance].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    topFailingRoutes: [...inputs.routes],
    rateLimiting: {
      limitedRequests: weekSums.rateLimited,
      sharePercent: percent(weekSums.rateLimited, weekSums.requests) ?? 0,
      peakHour,
    },
  };
}
