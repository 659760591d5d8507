import { DateTime } from 'luxon';
import { acmeWeeklyReport, executiveSummary, zeroTrafficReport } from './fixtures';

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('report fixtures', () => {
  const report = acmeWeeklyReport();

  it('spans Monday 00:00 to Monday 00:00 in Berlin across the end of daylight saving time, 169 hours', () => {
    const start = DateTime.fromISO(report.week.start, { zone: report.week.timeZone });
    const end = DateTime.fromISO(report.week.end, { zone: report.week.timeZone });
    expect([start.weekday, start.hour, end.weekday, end.hour]).toEqual([1, 0, 1, 0]);
    expect(end.diff(start, 'hours').hours).toBe(report.week.hours);
    expect(report.week.hours).toBe(169);
    expect(`${start.weekYear}-W${start.weekNumber}`).toBe(report.week.label);
    expect(start.toFormat('yyyy-MM-dd HH:mm ZZZZ', { locale: 'en-GB' })).toBe(report.week.startLocal);
    expect(end.toFormat('yyyy-MM-dd HH:mm ZZZZ', { locale: 'en-GB' })).toBe(report.week.endLocal);
  });

  it('has seven local days whose hours add up to the week and whose totals add up to the traffic', () => {
    expect(report.days).toHaveLength(7);
    expect(sum(report.days.map((d) => d.hours))).toBe(report.week.hours);
    expect(sum(report.days.map((d) => d.requests))).toBe(report.traffic.requests);
    expect(sum(report.days.map((d) => d.errors))).toBe(report.traffic.errors);
    expect(sum(report.days.map((d) => d.rateLimited))).toBe(report.traffic.rateLimited);
    for (const d of report.days) {
      const valid = d.requests - d.rateLimited;
      expect(d.availabilityPercent).toBe(round3(((valid - d.errors) / valid) * 100));
    }
    const valid = report.traffic.requests - report.traffic.rateLimited;
    expect(report.traffic.availabilityPercent).toBe(round3(((valid - report.traffic.errors) / valid) * 100));
    expect(report.rateLimiting.limitedRequests).toBe(report.traffic.rateLimited);
    expect(report.rateLimiting.sharePercent).toBe(
      round3((report.traffic.rateLimited / report.traffic.requests) * 100),
    );
  });

  it('has four objectives with three met, two incidents with one paged, one maintenance window and three failing routes', () => {
    expect(report.objectives).toHaveLength(4);
    expect(report.objectives.filter((o) => o.met === true)).toHaveLength(3);
    for (const o of report.objectives) {
      expect(o.achievedPercent).toBe(round3(((o.validEvents - o.badEvents) / o.validEvents) * 100));
      expect(o.met).toBe((o.achievedPercent ?? 0) >= o.objectivePercent);
      expect(o.budgetPeriodPercent).toBeGreaterThanOrEqual(o.budgetWeekPercent);
    }
    expect(report.incidents).toHaveLength(2);
    expect(report.incidents.filter((i) => i.paged)).toHaveLength(1);
    const stats = report.incidentStats;
    expect(stats.mttaSeconds).toBe(sum(report.incidents.map((i) => i.ttaSeconds ?? 0)) / 2);
    expect(stats.mttrSeconds).toBe(sum(report.incidents.map((i) => i.ttrSeconds ?? 0)) / 2);
    expect(report.maintenance).toHaveLength(1);
    expect(report.topFailingRoutes).toHaveLength(3);
  });

  it('ends the latency trend with this week and compares p99 with the mean of the four weeks before', () => {
    const { trend } = report.latency;
    expect(trend.at(-1)).toMatchObject({
      label: report.week.label,
      start: report.week.start,
      p99: report.latency.p99,
    });
    const before = sum(trend.slice(0, -1).map((w) => w.p99 ?? 0)) / 4;
    expect(report.latency.p99ChangePercent).toBe(round3(((report.latency.p99 ?? 0) / before - 1) * 100));
  });

  it('keeps the zero-traffic variant and the executive summary self-consistent', () => {
    const zero = zeroTrafficReport();
    expect(zero.days.every((d) => d.requests === 0 && d.availabilityPercent === null)).toBe(true);
    const summary = executiveSummary();
    expect(summary.rows).toHaveLength(3);
    expect(summary.counts.green + summary.counts.amber + summary.counts.red).toBe(summary.rows.length);
    expect(summary.rows.find((r) => r.tenant === 'acme')).toMatchObject({
      availabilityPercent: report.traffic.availabilityPercent,
      budgetPercent: Math.max(...report.objectives.map((o) => o.budgetPeriodPercent)),
      incidents: report.incidentStats.count,
      paged: report.incidentStats.paged,
    });
  });
});
