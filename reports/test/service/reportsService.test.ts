import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { createTestDatabase, FakeSmtp, waitFor } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import pg from 'pg';
import { loadReportsConfig } from '../../src/config';
import { PdfPrinter } from '../../src/render';
import type { RollupPoint } from '../../src/report/ReportInputs';
import { InMemorySources } from '../../src/sources/InMemorySources';
import { startReports } from '../../src/startReports';
import type { ReportsHandle } from '../../src/startReports';

const TOKEN = 'reports-internal-token-0123456789';
let db: TestDatabase;
let smtp: FakeSmtp;
let printer: PdfPrinter;
const clock = { now: Date.parse('2026-11-30T06:59:00Z') };
const now = () => new Date(clock.now);

function points(from: number, to: number): RollupPoint[] {
  const out: RollupPoint[] = [];
  for (let t = from; t < to; t += 900_000) {
    const b = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    b[3] = 990;
    b[7] = 10;
    out.push({ t: new Date(t).toISOString(), requests: 1000, errors: 0, rateLimited: 0, latencyBuckets: b });
  }
  return out;
}

// Berlin is UTC+1 in winter: its Monday 08:00 is 07:00 UTC. Tokyo's Monday 08:00 was 23:00 UTC on Sunday.
const sources = new InMemorySources({
  tenants: [
    { id: 'acme', name: 'Acme Corp', tier: 'enterprise', timeZone: 'Europe/Berlin' },
    { id: 'globex', name: 'Globex', tier: 'pro', timeZone: 'Asia/Tokyo' },
  ],
  points: {
    acme: points(Date.parse('2026-10-20T00:00:00Z'), Date.parse('2026-11-30T00:00:00Z')),
    globex: points(Date.parse('2026-10-20T00:00:00Z'), Date.parse('2026-11-30T00:00:00Z')),
  },
});

const replicas: ReportsHandle[] = [];
async function replica(extra: Record<string, string> = {}): Promise<ReportsHandle> {
  const config = loadReportsConfig({
    DATABASE_URL: db.url,
    INTERNAL_TOKEN: TOKEN,
    REPORTS_PORT: '0',
    SMTP_URL: smtp.smtpUrl,
    LOG_LEVEL: 'silent',
    EXECUTIVE_TIME_ZONE: 'Europe/Berlin',
    ...extra,
  });
  const handle = await startReports(config, { sources, printer, now, autoStart: false });
  replicas.push(handle);
  return handle;
}

/** JsonBody is an internal API answer, with the fields the tests read. */
interface JsonBody {
  report?: Record<string, unknown>;
  reports?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

async function api(h: ReportsHandle, method: string, path: string, body?: unknown, token = TOKEN) {
  const res = await fetch(`http://127.0.0.1:${h.port}/internal/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    type,
    headers: res.headers,
    body: type.includes('json')
      ? ((await res.json()) as JsonBody)
      : Object.assign(Buffer.from(await res.arrayBuffer()), { report: undefined }),
  };
}

async function count(sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('sl_reports');
  smtp = await new FakeSmtp().start();
  printer = new PdfPrinter();
});

afterAll(async () => {
  for (const r of replicas) await r.close();
  await printer.close();
  await smtp.close();
  await db.drop();
});

describe('the Monday schedule makes exactly one report per tenant per week', () => {
  it('queues each tenant at 08:00 in its own time zone, once, however many replicas tick or restart', async () => {
    const a = await replica();
    const b = await replica();
    await a.archive.setRecipients('acme', ['cfo@acme.example', 'cto@acme.example']);
    await a.archive.setRecipients('globex', ['ceo@globex.example']);
    await a.archive.setRecipients('*', ['board@sightline.example']);

    // 06:59 UTC Monday: Tokyo's 08:00 has passed, Berlin's has not.
    expect(await Promise.all([a.scheduler.tick(), b.scheduler.tick()])).toEqual(expect.arrayContaining([1]));
    const listed = (await api(a, 'GET', '/reports')).body as { reports: Array<Record<string, unknown>> };
    expect(listed.reports.map((r) => `${r.kind} ${r.tenantId} ${r.weekLabel}`)).toEqual([
      'tenant globex 2026-W48',
    ]);

    clock.now = Date.parse('2026-11-30T07:00:00Z');
    const ticks = await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
    expect(ticks.reduce((x, y) => x + y, 0)).toBe(2); // acme and the executive summary, once each

    // A restarted replica catches up without making a second one.
    await b.close();
    replicas.splice(replicas.indexOf(b), 1);
    const c = await replica();
    clock.now = Date.parse('2026-11-30T09:30:00Z');
    expect(await c.scheduler.tick()).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM reports.reports`)).toBe(3);

    // Two workers drain the queue together; each job runs once.
    const ran = await Promise.all([a.worker.drain(), c.worker.drain()]);
    expect(ran[0]! + ran[1]!).toBe(3);
    expect(
      await count(`SELECT count(*) AS n FROM reports.reports WHERE status = 'done' AND attempts = 1`),
    ).toBe(3);
  }, 90_000);

  it('e-mails each report with its PDF to that tenant’s recipients only', () => {
    const byRecipients = new Map(smtp.messages.map((m) => [m.envelope.to.sort().join(','), m]));
    expect([...byRecipients.keys()].sort()).toEqual([
      'board@sightline.example',
      'ceo@globex.example',
      'cfo@acme.example,cto@acme.example',
    ]);
    const acme = byRecipients.get('cfo@acme.example,cto@acme.example')!;
    expect(acme.subject).toBe('Sightline weekly SLA report 2026-W48 — acme');
    expect(acme.raw).not.toMatch(/globex/i);
    expect(acme.raw).toMatch(/Content-Type: application\/pdf; name=sightline-acme-2026-W48\.pdf/);
    const pdfBase64 =
      /Content-Disposition: attachment[^\r]*\r\n(?:[^\r]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+)/.exec(acme.raw)![1]!;
    const pdf = Buffer.from(pdfBase64.replace(/\r\n/g, ''), 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'sl-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('Acme Corp');
      expect(text).toMatch(/Met 2 of 2 objectives/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(smtp.violations).toEqual([]);
  });
});

describe('reports on demand, with progress and downloads', () => {
  it('makes a past week on request, shows its progress, and serves HTML, PDF and data', async () => {
    const h = replicas[0]!;
    const asked = await api(h, 'POST', '/reports', {
      kind: 'tenant',
      tenant: 'acme',
      week: '2026-W46',
      requestedBy: 'exec-1',
    });
    expect(asked.status).toBe(202);
    const report = (asked.body as { report: { id: number; status: string; progress: number } }).report;
    expect(report).toMatchObject({ status: 'queued', progress: 0 });
    expect((await api(h, 'GET', `/reports/${report.id}/pdf`)).status).toBe(409);
    const again = await api(h, 'POST', '/reports', { kind: 'tenant', tenant: 'acme', week: '2026-W46' });
    expect(again.status).toBe(200);
    expect((again.body as { report: { id: number } }).report.id).toBe(report.id);

    await h.worker.drain();
    const done = (await api(h, 'GET', `/reports/${report.id}`)).body as { report: Record<string, unknown> };
    expect(done.report).toMatchObject({ status: 'done', progress: 100, stage: 'done', trigger: 'on-demand' });
    expect(done.report.emailedAt).toBeNull(); // on-demand reports are downloaded, not mailed
    const pdf = await api(h, 'GET', `/reports/${report.id}/pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="sightline-acme-2026-W46.pdf"');
    const html = await api(h, 'GET', `/reports/${report.id}/html`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((html.body as Buffer).toString()).toContain('<svg');
    const data = (await api(h, 'GET', `/reports/${report.id}/json`)).body;
    expect(data).toMatchObject({ kind: 'tenant-weekly', week: { label: '2026-W46', hours: 168 } });
  }, 60_000);

  it('refuses bad requests with the reason', async () => {
    const h = replicas[0]!;
    const cases: Array<[unknown, number, RegExp]> = [
      [{ kind: 'tenant' }, 400, /tenant is required/],
      [{ kind: 'tenant', tenant: 'nobody' }, 404, /no tenant nobody/],
      [{ kind: 'tenant', tenant: 'acme', week: '2026-47' }, 400, /2026-W47/],
      [{ kind: 'tenant', tenant: 'acme', week: '2025-W53' }, 400, /not a week/],
      [{ kind: 'tenant', tenant: 'acme', week: '2027-W02' }, 400, /has not ended yet/],
      [{ kind: 'executive', tenant: 'acme' }, 400, /leave tenant out/],
      [{ kind: 'tenant', tenant: 'acme', extra: 1 }, 400, /extra/],
      ['{"kind": ', 400, /JSON/i],
    ];
    for (const [body, status, reason] of cases) {
      const r = await api(h, 'POST', '/reports', body);
      expect([body, r.status]).toEqual([body, status]);
      expect(JSON.stringify(r.body)).toMatch(reason);
    }
    expect((await api(h, 'GET', '/reports?limit=100000')).status).toBe(400);
    expect((await api(h, 'GET', '/reports/abc')).status).toBe(400);
    expect((await api(h, 'GET', '/reports/999999/pdf')).status).toBe(404);
    expect((await api(h, 'PUT', '/reports/recipients/acme', { emails: ['not-an-address'] })).status).toBe(
      400,
    );
    expect((await api(h, 'GET', '/reports', undefined, 'wrong-token-0123456789')).status).toBe(401);
    const big = JSON.stringify({ kind: 'tenant', tenant: 'acme', requestedBy: 'x'.repeat(20_000) });
    expect((await api(h, 'POST', '/reports', big)).status).toBe(413);
  });

  it('retries a report whose data source fails, then marks it failed with the reason', async () => {
    const h = await replica({ JOB_MAX_ATTEMPTS: '2' });
    const original = sources.incidents.bind(sources);
    sources.incidents = () => Promise.reject(new Error('alerting answered 503'));
    try {
      const r = await api(h, 'POST', '/reports', { kind: 'tenant', tenant: 'globex', week: '2026-W45' });
      const id = (r.body as { report: { id: number } }).report.id;
      await h.worker.drain();
      expect((await api(h, 'GET', `/reports/${id}`)).body.report).toMatchObject({
        status: 'queued',
        stage: 'waiting to retry',
        error: 'alerting answered 503',
      });
      clock.now += 60 * 60_000;
      await h.worker.drain();
      expect((await api(h, 'GET', `/reports/${id}`)).body.report).toMatchObject({
        status: 'failed',
        attempts: 2,
      });
    } finally {
      sources.incidents = original;
    }
  });

  it('retries a schedule tick within seconds when a source is not up yet, not a whole tick later', async () => {
    const h = await replica({ SCHEDULE_TICK_MS: '600000' });
    const original = sources.tenants.bind(sources);
    let calls = 0;
    sources.tenants = () =>
      ++calls === 1 ? Promise.reject(new Error('gateway is unavailable')) : original();
    clock.now = Date.parse('2026-12-07T09:00:00Z');
    try {
      h.scheduler.start();
      await waitFor(
        async () => (await h.archive.list({ limit: 50 })).some((r) => r.weekLabel === '2026-W49'),
        9000,
      );
      expect(calls).toBeGreaterThanOrEqual(2);
    } finally {
      await h.scheduler.stop();
      sources.tenants = original;
    }
  }, 15_000);
});

describe("the reports' part of a tenant's right to erasure", () => {
  it("forgets the tenant's recipients and whom its reports went to, keeps the reports and other tenants'", async () => {
    const h = replicas[0]!;
    const erase = (tenant: string) =>
      api(h, 'POST', `/erasure/tenants/${tenant}`, { requestedBy: 'super-admin-1' });
    const before = await count(
      `SELECT count(*) AS n FROM reports.reports WHERE tenant_id = 'acme' AND email_recipients <> '{}'`,
    );
    expect(before).toBeGreaterThan(0);

    const r = await erase('acme');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      service: 'reports',
      tenantId: 'acme',
      counts: { recipients: 2, report_recipient_lists: before },
    });
    expect(await h.archive.recipients('acme')).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM reports.reports WHERE tenant_id = 'acme'`)).toBeGreaterThan(
      0,
    );
    const acmeRows = await count(
      `SELECT count(*) AS n FROM reports.reports WHERE tenant_id = 'acme' AND email_recipients <> '{}'`,
    );
    expect(acmeRows).toBe(0);
    expect(await h.archive.recipients('globex')).toEqual(['ceo@globex.example']);
    expect(await h.archive.recipients('*')).toEqual(['board@sightline.example']);

    const again = await erase('acme');
    expect(again.body).toMatchObject({ counts: { recipients: 0, report_recipient_lists: 0 } });
    expect(
      (await api(h, 'POST', '/erasure/tenants/acme', { requestedBy: 'x' }, 'wrong-token-0123456789')).status,
    ).toBe(401);
  });
});
