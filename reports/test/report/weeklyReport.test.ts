import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { loadSpecs } from '@sightline/slo';
import { buildExecutiveSummary } from '../../src/report/buildExecutiveSummary';
import { buildTenantReport } from '../../src/report/buildTenantReport';
import { latencyPercentile } from '../../src/report/latencyPercentile';
import type { ReportInputs, RollupPoint } from '../../src/report/ReportInputs';
import { lastCompleteWeek, weekByLabel, weekContaining, weekDays } from '../../src/week/reportWeek';

const SPECS = resolve(__dirname, '../../../rules/slos');
const GOLDEN = join(__dirname, '..', 'golden');
const slos = loadSpecs(SPECS, SPECS);

function golden(name: string, value: unknown): void {
  const path = join(GOLDEN, name);
  const text = JSON.stringify(value, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, text);
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

// A histogram with most requests fast and a tail: `slow` of every 1000 land above 300 ms.
function buckets(requests: number, slowPerMille: number): number[] {
  const b = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  const slow = Math.round((requests * slowPerMille) / 1000);
  const fast = requests - slow;
  b[2] = Math.round(fast * 0.5); // ≤ 25 ms
  b[4] = Math.round(fast * 0.4); // ≤ 100 ms
  b[6] = fast - b[2] - b[4]; // ≤ 300 ms
  b[7] = slow; // ≤ 500 ms
  return b;
}

/**
 * The synthetic traffic: 1000 requests every 15 minutes for six weeks before the report week's end; an outage
 * (20 % errors) for the local hour Wednesday 10:00 of the report week; a rate-limit storm Tuesday 14:00-16:00
 * local; latency slower this week (8 ‰ above 300 ms) than before (3 ‰).
 */
function traffic(weekLabel: string, timeZone: string): { inputs: ReportInputs; points: RollupPoint[] } {
  const week = weekByLabel(weekLabel, timeZone);
  const end = Date.parse(week.end);
  const start = end - 42 * 86_400_000;
  const days = weekDays(week);
  const points: RollupPoint[] = [];
  for (let t = start; t < end; t += 900_000) {
    const thisWeek = t >= Date.parse(week.start);
    const outage =
      t >= days[2]!.start.getTime() + 10 * 3_600_000 && t < days[2]!.start.getTime() + 11 * 3_600_000;
    const storm =
      t >= days[1]!.start.getTime() + 14 * 3_600_000 && t < days[1]!.start.getTime() + 16 * 3_600_000;
    const rateLimited = thisWeek && storm ? 150 : 0;
    const requests = 1000 + rateLimited;
    points.push({
      t: new Date(t).toISOString(),
      requests,
      errors: thisWeek && outage ? 200 : 1,
      rateLimited,
      latencyBuckets: buckets(requests - rateLimited, thisWeek ? 8 : 3),
    });
  }
  const at = (day: number, hour: number, minute = 0) =>
    new Date(days[day]!.start.getTime() + hour * 3_600_000 + minute * 60_000).toISOString();
  return {
    points,
    inputs: {
      tenant: { id: 'acme', name: 'Acme Corp', tier: 'enterprise', timeZone },
      week,
      slos,
      points,
      incidents: [
        {
          title: 'SloErrorBudgetBurn availability',
          severity: 'page',
          slo: 'availability',
          startedAt: at(2, 10, 5),
          acknowledgedAt: at(2, 10, 9),
          acknowledgedBy: 'alice',
          resolvedAt: at(2, 11, 20),
          paged: true,
        },
        {
          title: 'TenantRateLimitedContinuously',
          severity: 'ticket',
          slo: null,
          startedAt: at(1, 14, 10),
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: at(1, 16, 30),
          paged: false,
        },
        {
          title: 'Still open at the week end',
          severity: 'ticket',
          slo: 'latency',
          startedAt: at(6, 23, 0),
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: null,
          paged: false,
        },
        {
          title: 'Over before the week began',
          severity: 'page',
          slo: null,
          startedAt: new Date(Date.parse(week.start) - 7200_000).toISOString(),
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: new Date(Date.parse(week.start) - 3600_000).toISOString(),
          paged: true,
        },
      ],
      maintenance: [
        {
          comment: 'database upgrade',
          createdBy: 'bob',
          startsAt: at(3, 2),
          endsAt: at(3, 3),
          recurring: false,
        },
      ],
      routes: [
        { route: 'GET /orders/:id', requests: 5000, errors: 600, errorPercent: 12 },
        { route: 'POST /orders', requests: 900, errors: 100, errorPercent: 11.111 },
      ],
      generatedAt: new Date(Date.parse(week.end) + 8 * 3_600_000),
    },
  };
}

describe('report weeks are calendar weeks in the tenant time zone', () => {
  it('runs a week from Monday 00:00 to Monday 00:00 local, whatever the instant inside it', () => {
    const w = weekContaining(new Date('2026-11-26T03:00:00Z'), 'America/New_York');
    expect(w).toMatchObject({
      label: '2026-W48',
      start: '2026-11-23T05:00:00Z',
      end: '2026-11-30T05:00:00Z',
      hours: 168,
      dstNote: null,
    });
    // Early on Monday in Tokyo is still Sunday in UTC: the week is Tokyo's.
    expect(weekContaining(new Date('2026-11-22T16:30:00Z'), 'Asia/Tokyo').label).toBe('2026-W48');
    expect(lastCompleteWeek(new Date('2026-11-30T07:00:00Z'), 'Europe/Berlin').label).toBe('2026-W48');
  });

  it('says a week that crosses the end of summer time has 169 hours, and one that crosses its start 167', () => {
    const autumn = weekByLabel('2026-W43', 'Europe/Berlin');
    expect(autumn.hours).toBe(169);
    expect(autumn.dstNote).toMatch(/169 hours.*went back one hour on Sunday 25 October/);
    expect(weekDays(autumn).map((d) => d.hours)).toEqual([24, 24, 24, 24, 24, 24, 25]);
    // New York springs forward on Sunday 8 March 2026, the last day of 2026-W10.
    const spring = weekByLabel('2026-W10', 'America/New_York');
    expect(spring.hours).toBe(167);
    expect(spring.dstNote).toMatch(
      /167 hours.*went forward one hour on Sunday 8 March \((EST|GMT-5) → (EDT|GMT-4)\)/,
    );
    expect(weekByLabel('2026-W11', 'America/New_York').hours).toBe(168);
    expect(weekByLabel('2026-W43', 'UTC').hours).toBe(168);
  });

  it('refuses a week label that is not an ISO week and a time zone that does not exist', () => {
    expect(() => weekByLabel('2026-47', 'UTC')).toThrow(/2026-W47/);
    expect(() => weekByLabel('2026-W54', 'UTC')).toThrow(/not a week/);
    expect(() => weekByLabel('2026-W10', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('latency percentiles follow histogram_quantile', () => {
  it('interpolates within the bucket that holds the rank and gives the top bound for +Inf', () => {
    const b = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    b[0] = 50; // ≤ 5 ms
    b[1] = 50; // ≤ 10 ms
    expect(latencyPercentile(b, 0.5)).toBe(5);
    expect(latencyPercentile(b, 0.75)).toBe(7.5);
    b[LATENCY_BUCKETS_MS.length] = 100;
    expect(latencyPercentile(b, 0.99)).toBe(10000);
    expect(latencyPercentile(new Array<number>(13).fill(0), 0.5)).toBeNull();
  });
});

describe('a fixed synthetic week gives exactly the expected report', () => {
  const { inputs } = traffic('2026-W43', 'Europe/Berlin');
  const report = buildTenantReport(inputs);

  it('matches the golden report data', () => {
    golden('acme-2026-W43.json', report);
  });

  it('judges each objective on the week and measures budget against the 30-day period', () => {
    const availability = report.objectives.find((o) => o.slo === 'availability')!;
    // 169 h × 4 steps × 1000 valid requests; errors 1 per step, 200 per step in the outage hour.
    expect(availability.validEvents).toBe(169 * 4 * 1000);
    expect(availability.badEvents).toBe(169 * 4 - 4 + 4 * 200);
    expect(availability.met).toBe(false);
    expect(report.status).toBe('red');
    expect(report.summary).toMatch(/^Met \d of 2 objectives; budget \d+ % used; 3 incidents \(1 paged\)\.$/);
    expect(report.week.dstNote).toMatch(/169 hours/);
    expect(report.days.map((d) => d.hours)).toEqual([24, 24, 24, 24, 24, 24, 25]);
  });

  it('counts incidents open during the week with time to acknowledge and resolve, and leaves out earlier ones', () => {
    expect(report.incidents.map((i) => i.title)).toEqual([
      'TenantRateLimitedContinuously',
      'SloErrorBudgetBurn availability',
      'Still open at the week end',
    ]);
    expect(report.incidents[1]).toMatchObject({
      ttaSeconds: 240,
      ttrSeconds: 4500,
      paged: true,
      ongoing: false,
    });
    expect(report.incidents[2]).toMatchObject({ ongoing: true, ttrSeconds: null, durationSeconds: 7200 });
    expect(report.incidentStats).toEqual({
      count: 3,
      paged: 1,
      mttaSeconds: 240,
      mttrSeconds: (4500 + 8400) / 2,
    });
  });

  it('reports rate limiting with its peak local hour and latency against the four weeks before', () => {
    expect(report.rateLimiting.limitedRequests).toBe(8 * 150);
    expect(report.rateLimiting.peakHour?.limited).toBe(600);
    expect(report.latency.trend).toHaveLength(5);
    expect(report.latency.p99ChangePercent).toBeGreaterThan(0);
  });

  it('ranks tenants worst first on the executive summary with the change from the week before', () => {
    const previous = buildTenantReport({
      ...inputs,
      week: weekByLabel('2026-W42', 'Europe/Berlin'),
      incidents: [],
    });
    const calm = buildTenantReport({
      ...traffic('2026-W43', 'Asia/Kathmandu').inputs,
      tenant: { id: 'globex', name: 'Globex', tier: 'pro', timeZone: 'Asia/Kathmandu' },
      incidents: [],
      points: inputs.points.map((p) => ({ ...p, errors: 0 })),
    });
    const summary = buildExecutiveSummary(
      '2026-W43',
      [
        { current: calm, previous: null },
        { current: report, previous },
      ],
      new Date('2026-10-26T08:00:00Z'),
    );
    expect(summary.rows.map((r) => r.tenant)).toEqual(['acme', 'globex']);
    expect(summary.rows[0]!.change).toMatchObject({ incidents: 3 });
    expect(summary.rows[0]!.change!.availabilityPoints).toBeLessThan(0);
    expect(summary.rows[1]!.change).toBeNull();
    golden('executive-2026-W43.json', summary);
  });
});
