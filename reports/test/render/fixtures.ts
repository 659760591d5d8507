import type { DayFigures, ExecutiveSummary, TenantWeeklyReport } from '../../src/report/WeeklyReport';

/**
 * acmeWeek is a realistic week for tenant acme in Europe/Berlin: 2026-W43, Monday 19 October 00:00 CEST to
 * Monday 26 October 00:00 CET. Clocks went back on Sunday 25 October, so the week has 169 hours and its
 * Sunday 25. (The week of 26 October is an ordinary 168-hour week: in 2026 the EU change falls on the 25th.)
 * Totals, availability and rate-limit share are the sums and ratios of the days; fixtures.test.ts checks it.
 */
const days: DayFigures[] = [
  {
    date: '2026-10-19',
    hours: 24,
    requests: 1_182_440,
    errors: 402,
    rateLimited: 1_210,
    availabilityPercent: 99.966,
    p99: 390,
  },
  {
    date: '2026-10-20',
    hours: 24,
    requests: 1_240_118,
    errors: 1_377,
    rateLimited: 6_944,
    availabilityPercent: 99.888,
    p99: 620,
  },
  {
    date: '2026-10-21',
    hours: 24,
    requests: 1_201_774,
    errors: 318,
    rateLimited: 980,
    availabilityPercent: 99.974,
    p99: 372,
  },
  {
    date: '2026-10-22',
    hours: 24,
    requests: 1_158_902,
    errors: 296,
    rateLimited: 1_045,
    availabilityPercent: 99.974,
    p99: 365,
  },
  {
    date: '2026-10-23',
    hours: 24,
    requests: 1_099_330,
    errors: 341,
    rateLimited: 870,
    availabilityPercent: 99.969,
    p99: 380,
  },
  {
    date: '2026-10-24',
    hours: 24,
    requests: 612_405,
    errors: 150,
    rateLimited: 402,
    availabilityPercent: 99.975,
    p99: 340,
  },
  {
    date: '2026-10-25',
    hours: 25,
    requests: 640_211,
    errors: 820,
    rateLimited: 455,
    availabilityPercent: 99.872,
    p99: 395,
  },
];

/** acmeWeeklyReport builds a fresh copy of acme's report for 2026-W43 (3 of 4 objectives met, amber). */
export function acmeWeeklyReport(): TenantWeeklyReport {
  return structuredClone({
    kind: 'tenant-weekly',
    tenant: { id: 'acme', name: 'Acme Corp', tier: 'enterprise', timeZone: 'Europe/Berlin' },
    week: {
      label: '2026-W43',
      timeZone: 'Europe/Berlin',
      start: '2026-10-18T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
      startLocal: '2026-10-19 00:00 CEST',
      endLocal: '2026-10-26 00:00 CET',
      hours: 169,
      dstNote:
        'This week had 169 hours: clocks went back one hour at 03:00 CEST on Sunday 25 October, when daylight saving time ended.',
    },
    generatedAt: '2026-10-26T07:00:00.000Z',
    summary:
      'Met 3 of 4 objectives; budget 52 % used. Checkout latency missed its objective after a slow Tuesday.',
    status: 'amber',
    traffic: { requests: 7_135_180, errors: 3_704, rateLimited: 11_906, availabilityPercent: 99.948 },
    objectives: [
      {
        slo: 'availability',
        description: 'Requests served without a server error, excluding rate-limited requests',
        indicator: 'availability',
        thresholdMs: null,
        objectivePercent: 99.9,
        achievedPercent: 99.948,
        met: true,
        validEvents: 7_123_274,
        badEvents: 3_704,
        budgetWeekPercent: 12.133,
        budgetPeriodPercent: 38.417,
        periodDays: 30,
      },
      {
        slo: 'checkout-latency',
        description: 'Checkout requests answered within 300 ms',
        indicator: 'latency',
        thresholdMs: 300,
        objectivePercent: 99,
        achievedPercent: 98.716,
        met: false,
        validEvents: 1_204_330,
        badEvents: 15_464,
        budgetWeekPercent: 29.961,
        budgetPeriodPercent: 52.406,
        periodDays: 30,
      },
      {
        slo: 'auth-availability',
        description: 'Token and API-key checks answered without a server error',
        indicator: 'availability',
        thresholdMs: null,
        objectivePercent: 99.95,
        achievedPercent: 99.981,
        met: true,
        validEvents: 2_410_552,
        badEvents: 458,
        budgetWeekPercent: 8.867,
        budgetPeriodPercent: 21.304,
        periodDays: 30,
      },
      {
        slo: 'api-latency',
        description: 'API requests answered within 1 s',
        indicator: 'latency',
        thresholdMs: 1000,
        objectivePercent: 99.5,
        achievedPercent: 99.87,
        met: true,
        validEvents: 7_123_274,
        badEvents: 9_260,
        budgetWeekPercent: 6.066,
        budgetPeriodPercent: 14.2,
        periodDays: 30,
      },
    ],
    latency: {
      p50: 42,
      p95: 180,
      p99: 410,
      trend: [
        { label: '2026-W39', start: '2026-09-20T22:00:00.000Z', p50: 40, p95: 170, p99: 310 },
        { label: '2026-W40', start: '2026-09-27T22:00:00.000Z', p50: 41, p95: 172, p99: 305 },
        { label: '2026-W41', start: '2026-10-04T22:00:00.000Z', p50: 39, p95: 168, p99: 298 },
        { label: '2026-W42', start: '2026-10-11T22:00:00.000Z', p50: 40, p95: 175, p99: 320 },
        { label: '2026-W43', start: '2026-10-18T22:00:00.000Z', p50: 42, p95: 180, p99: 410 },
      ],
      p99ChangePercent: 33.009,
    },
    days,
    incidents: [
      {
        title: 'Checkout p99 above 300 ms: fast burn of the checkout-latency budget',
        severity: 'critical',
        slo: 'checkout-latency',
        startedAt: '2026-10-20T12:12:00.000Z',
        acknowledgedAt: '2026-10-20T12:16:10.000Z',
        acknowledgedBy: 'dana.ops@acme.example',
        resolvedAt: '2026-10-20T13:17:00.000Z',
        durationSeconds: 3_900,
        ongoing: false,
        ttaSeconds: 250,
        ttrSeconds: 3_900,
        paged: true,
      },
      {
        // 02:30 happened twice that night; this is the second one, in CET.
        title: 'Auth token endpoint returning 5xx',
        severity: 'warning',
        slo: 'auth-availability',
        startedAt: '2026-10-25T01:30:00.000Z',
        acknowledgedAt: '2026-10-25T01:30:42.000Z',
        acknowledgedBy: 'lee@acme.example',
        resolvedAt: '2026-10-25T01:58:00.000Z',
        durationSeconds: 1_680,
        ongoing: false,
        ttaSeconds: 42,
        ttrSeconds: 1_680,
        paged: false,
      },
    ],
    incidentStats: { count: 2, paged: 1, mttaSeconds: 146, mttrSeconds: 2_790 },
    maintenance: [
      {
        comment: 'PostgreSQL minor upgrade 16.4 → 16.5',
        createdBy: 'ops@acme.example',
        startsAt: '2026-10-22T01:00:00.000Z',
        endsAt: '2026-10-22T02:00:00.000Z',
        recurring: false,
      },
    ],
    topFailingRoutes: [
      { route: 'POST /v1/checkout', requests: 1_204_330, errors: 1_490, errorPercent: 0.124 },
      { route: 'GET /v1/orders/{id}', requests: 2_118_904, errors: 1_206, errorPercent: 0.057 },
      { route: 'POST /v1/auth/token', requests: 2_410_552, errors: 458, errorPercent: 0.019 },
    ],
    rateLimiting: {
      limitedRequests: 11_906,
      sharePercent: 0.167,
      peakHour: { start: '2026-10-20T12:00:00.000Z', limited: 4_120 },
    },
  } satisfies TenantWeeklyReport);
}

/** zeroTrafficReport is acme's week as if no request had arrived: nothing to judge, nothing to chart. */
export function zeroTrafficReport(): TenantWeeklyReport {
  const report = acmeWeeklyReport();
  return {
    ...report,
    summary: 'No traffic this week, so no objective could be judged.',
    status: 'green',
    traffic: { requests: 0, errors: 0, rateLimited: 0, availabilityPercent: null },
    objectives: report.objectives.map((o) => ({
      ...o,
      achievedPercent: null,
      met: null,
      validEvents: 0,
      badEvents: 0,
      budgetWeekPercent: 0,
    })),
    latency: {
      p50: null,
      p95: null,
      p99: null,
      trend: report.latency.trend.map((w) => ({ ...w, p50: null, p95: null, p99: null })),
      p99ChangePercent: null,
    },
    days: report.days.map((d) => ({
      ...d,
      requests: 0,
      errors: 0,
      rateLimited: 0,
      availabilityPercent: null,
      p99: null,
    })),
    incidents: [],
    incidentStats: { count: 0, paged: 0, mttaSeconds: null, mttrSeconds: null },
    maintenance: [],
    topFailingRoutes: [],
    rateLimiting: { limitedRequests: 0, sharePercent: 0, peakHour: null },
  };
}

/** HOSTILE holds user-controlled strings that would run script or break markup if they were not escaped. */
export const HOSTILE = {
  tenantName: '<script>alert("tenant")</script> & Sons',
  incidentTitle: '<script>alert(1)</script> checkout down',
  comment: '<img src=x onerror=alert(2)> maintenance',
  route: 'GET /search?q="><svg onload=alert(3)>',
  acknowledgedBy: "o'brien<b>@acme.example",
};

/** hostileReport is acme's report with attacker-chosen tenant name, incident title, comment and route. */
export function hostileReport(): TenantWeeklyReport {
  const report = acmeWeeklyReport();
  report.tenant.name = HOSTILE.tenantName;
  report.incidents[0]!.title = HOSTILE.incidentTitle;
  report.incidents[0]!.acknowledgedBy = HOSTILE.acknowledgedBy;
  report.maintenance[0]!.comment = HOSTILE.comment;
  report.topFailingRoutes[0]!.route = HOSTILE.route;
  return report;
}

/** executiveSummary is week 2026-W43 across three tenants, worst first; acme's row matches its report. */
export function executiveSummary(): ExecutiveSummary {
  return structuredClone({
    kind: 'executive-summary',
    weekLabel: '2026-W43',
    generatedAt: '2026-10-26T07:05:00.000Z',
    counts: { green: 1, amber: 1, red: 1 },
    rows: [
      {
        tenant: 'globex',
        name: 'Globex Corporation',
        tier: 'business',
        status: 'red',
        objectivesMet: 2,
        objectivesJudged: 4,
        availabilityPercent: 99.412,
        budgetPercent: 143.5,
        incidents: 5,
        paged: 3,
        change: { availabilityPoints: -0.47, budgetPoints: 61.2, incidents: 3 },
      },
      {
        tenant: 'acme',
        name: 'Acme Corp',
        tier: 'enterprise',
        status: 'amber',
        objectivesMet: 3,
        objectivesJudged: 4,
        availabilityPercent: 99.948,
        budgetPercent: 52.406,
        incidents: 2,
        paged: 1,
        change: { availabilityPoints: 0.021, budgetPoints: 14.2, incidents: -1 },
      },
      {
        tenant: 'initech',
        name: 'Initech',
        tier: 'starter',
        status: 'green',
        objectivesMet: 3,
        objectivesJudged: 3,
        availabilityPercent: 99.993,
        budgetPercent: 4.1,
        incidents: 0,
        paged: 0,
        change: null,
      },
    ],
  } satisfies ExecutiveSummary);
}
