import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTenantReport } from '../../src/render';
import { HOSTILE, acmeWeeklyReport, hostileReport, zeroTrafficReport } from './fixtures';
import { htmlText } from './htmlText';

const GOLDEN = join(__dirname, 'golden', 'tenant-report.html');
const CONSOLE_URL = 'https://console.sightline.example/tenants/acme/reports/2026-W43';

function charts(html: string): { label: string; svg: string }[] {
  return [...html.matchAll(/<svg role="img" aria-label="([^"]+)"[^>]*>[\s\S]*?<\/svg>/g)].map((m) => ({
    label: m[1]!,
    svg: m[0],
  }));
}

function objectiveRows(html: string): string[] {
  const table = /<table class="objectives">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => htmlText(m[1]!));
}

describe('renderTenantReport', () => {
  const report = acmeWeeklyReport();
  const html = renderTenantReport(report, { consoleUrl: CONSOLE_URL });
  const text = htmlText(html);

  it('renders acme’s DST week exactly as the golden HTML (UPDATE_GOLDEN=1 regenerates it)', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, html);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(html).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is a complete HTML5 document with its tenant and week in the title', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Acme Corp — weekly SLA report 2026-W43</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('puts the plain-language summary first, big, before the objectives heading, with the status in words', () => {
    const summaryAt = html.indexOf(`<h1 class="summary">${report.summary}</h1>`);
    const objectivesAt = html.indexOf('<h2 id="objectives">Objectives</h2>');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(objectivesAt);
    expect(html.indexOf('<h2')).toBe(objectivesAt);
    expect(html).toMatch(/<span class="status status-amber">.*Status: Amber<\/span>/);
    expect(html.indexOf('Status: Amber')).toBeLessThan(objectivesAt);
  });

  it('states the week label, its local dates, the time zone, 169 hours and the daylight-saving note', () => {
    expect(text).toContain(
      '2026-W43: Monday 19 October – Sunday 25 October 2026 · Europe/Berlin · 169 hours',
    );
    expect(text).toContain('From 2026-10-19 00:00 CEST to 2026-10-26 00:00 CET');
    expect(html).toContain(`<p class="dst-note" role="note">${report.week.dstNote}</p>`);
  });

  it('leaves the daylight-saving note out of an ordinary 168-hour week', () => {
    const ordinary = { ...report, week: { ...report.week, hours: 168, dstNote: null } };
    const out = renderTenantReport(ordinary);
    expect(out).not.toContain('class="dst-note"');
    expect(htmlText(out)).toContain('· 168 hours');
  });

  it('lists every objective with its objective, achieved, met or missed and both budgets', () => {
    const rows = objectiveRows(html);
    expect(rows).toEqual([
      'availability Requests served without a server error, excluding rate-limited requests 99.9 % 99.95 % Met 12.1 % 38.4 % of 30 days',
      'checkout-latency Checkout requests answered within 300 ms 99 % within 300 ms 98.72 % Missed 30 % 52.4 % of 30 days',
      'auth-availability Token and API-key checks answered without a server error 99.95 % 99.981 % Met 8.9 % 21.3 % of 30 days',
      'api-latency API requests answered within 1 s 99.5 % within 1,000 ms 99.87 % Met 6.1 % 14.2 % of 30 days',
    ]);
  });

  it('flags a budget used past 100 % as exhausted', () => {
    const overspent = acmeWeeklyReport();
    overspent.objectives[1]!.budgetPeriodPercent = 143.5;
    const out = renderTenantReport(overspent);
    expect(objectiveRows(out)[1]).toContain('143.5 % of 30 days, exhausted');
    expect(charts(out)[1]!.label).toContain('1 of 4 over budget');
  });

  it('draws one SVG with role img, an aria-label and a title for each of the three charts', () => {
    const found = charts(html);
    expect(found).toHaveLength(3);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(found.map((c) => c.label)).toEqual(
      [
        'Availability per day for 7 days: lowest 99.87 % on Sun 25 Oct; 2 of 7 days below the 99.9 % objective.',
        'Error budget used over each objective&#39;s period: availability 38.4 % of 30 days, checkout-latency 52.4 % of 30 days, auth-availability 21.3 % of 30 days, api-latency 14.2 % of 30 days; 0 of 4 over budget.',
        'Latency p50, p95 and p99 over the last 5 weeks; this week p50 42 ms, p95 180 ms, p99 410 ms.',
      ].map((l) => l.replace(/ (%|ms)/g, '\u00a0$1')),
    );
    for (const c of found) expect(c.svg).toContain(`<title>${c.label}</title>`);
  });

  it('judges daily availability against the whole-traffic objective, not a stricter SLO on a subset', () => {
    const availability = charts(html)[0]!.svg;
    expect(htmlText(availability)).toContain('objective 99.9 %');
    expect(text).toContain('Tuesday 20 October 24 1,240,118 1,377 6,944 99.89 % (below objective) 620 ms');
    expect(text).toContain('Sunday 25 October 25 640,211 820 455 99.87 % (below objective) 395 ms');
    expect(htmlText(availability)).toContain('25 hours');
  });

  it('draws a day without traffic as a gap labelled "no traffic", not as a zero bar', () => {
    const quiet = acmeWeeklyReport();
    quiet.days[5] = {
      ...quiet.days[5]!,
      requests: 0,
      errors: 0,
      rateLimited: 0,
      availabilityPercent: null,
      p99: null,
    };
    const chart = charts(renderTenantReport(quiet))[0]!;
    expect(chart.svg.match(/<rect /g)).toHaveLength(6);
    expect(htmlText(chart.svg)).toContain('no traffic');
    expect(chart.label).toContain('1 day without traffic');
  });

  it('writes incident starts in the tenant’s local time, human-readable durations, MTTA, MTTR and paging', () => {
    expect(text).toContain(
      '2 incidents, 1 paged. Mean time to acknowledge (MTTA): 2 min 26 s. Mean time to resolve (MTTR): 46 min 30 s.',
    );
    expect(text).toContain(
      'Checkout p99 above 300 ms: fast burn of the checkout-latency budget SLO checkout-latency critical Tue 20 Oct 14:12 CEST 1 h 05 min 4 min 10 s by dana.ops@acme.example 1 h 05 min Yes',
    );
    expect(text).toContain(
      'Auth token endpoint returning 5xx SLO auth-availability warning Sun 25 Oct 02:30 CET 28 min 42 s by lee@acme.example 28 min No',
    );
  });

  it('lists maintenance windows, failing routes and rate limiting with thousands separators and local times', () => {
    expect(text).toContain(
      'PostgreSQL minor upgrade 16.4 → 16.5 ops@acme.example Thu 22 Oct 03:00 CEST Thu 22 Oct 04:00 CEST No',
    );
    expect(text).toContain('POST /v1/checkout 1,204,330 1,490 0.124 %');
    expect(text).toContain('GET /v1/orders/{id} 2,118,904 1,206 0.057 %');
    expect(text).toContain('11,906 requests were rate limited, 0.167 % of all requests.');
    expect(text).toContain('Peak hour: Tuesday 20 October, 14:00–15:00 CEST, with 4,120 limited requests.');
  });

  it('gives this week’s latency percentiles and says whether p99 went up or down', () => {
    expect(text).toContain(
      'This week: p50 42 ms · p95 180 ms · p99 410 ms. p99 up 33 % ▲ compared with the mean of the previous 4 weeks with traffic.',
    );
    const faster = acmeWeeklyReport();
    faster.latency.p99ChangePercent = -12.5;
    expect(htmlText(renderTenantReport(faster))).toContain(
      'p99 down 12.5 % ▼ compared with the mean of the previous 4 weeks with traffic.',
    );
  });

  it('escapes every hostile string from the data', () => {
    const out = renderTenantReport(hostileReport());
    expect(out).not.toMatch(/<script|<img|<svg onload|<b>/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; checkout down');
    expect(out).toContain('&lt;script&gt;alert(&quot;tenant&quot;)&lt;/script&gt; &amp; Sons');
    expect(out).toContain(
      '<title>&lt;script&gt;alert(&quot;tenant&quot;)&lt;/script&gt; &amp; Sons — weekly SLA report 2026-W43</title>',
    );
    const shown = htmlText(out);
    for (const hostile of Object.values(HOSTILE)) expect(shown).toContain(hostile);
  });

  it('is self-contained: inline CSS and SVG, no script, no external resource, only the console link', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\ssrc=/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([CONSOLE_URL]);
    expect(html).toContain("default-src 'none'");
  });

  it('links the console only when its URL is http or https', () => {
    expect(renderTenantReport(report, { consoleUrl: 'javascript:alert(1)' })).not.toContain('href=');
    expect(renderTenantReport(report, { consoleUrl: 'not a url' })).not.toContain('href=');
    expect(renderTenantReport(report)).not.toContain('href=');
  });

  it('renders a week without traffic as "No traffic this week", never NaN, undefined or null', () => {
    const out = renderTenantReport(zeroTrafficReport());
    const shown = htmlText(out);
    expect(shown).toContain('No traffic this week');
    expect(htmlText(charts(out)[0]!.svg)).toContain('No traffic this week');
    expect(charts(out)).toHaveLength(3);
    expect(shown).toContain('No incidents this week.');
    expect(shown).toMatch(/Maintenance windows None\./);
    expect(shown).toContain('No failing routes this week.');
    expect(shown).toContain('No requests were rate limited this week.');
    expect(objectiveRows(out).every((row) => row.includes('No traffic Not judged (no traffic)'))).toBe(true);
    for (const doc of [out, html]) expect(doc).not.toMatch(/NaN|undefined|null|Infinity|Invalid DateTime/);
  });
});
