/**
 * The journey end to end, as `npm start` runs it: the launcher starts every process on embedded Postgres,
 * a browser logs in and sees the three demo tenants' tiles update, the error knob drops one tile's
 * availability, the OTLP fixtures come back through the api, and Ctrl-C leaves nothing behind while the
 * next start keeps the data.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { waitFor } from '@sightline/testing';
import { ADMIN, ensureBuilt, launchChromium, PlatformRun, REPO_ROOT, SHOTS } from './support/PlatformRun';

const root = REPO_ROOT;
const fixtures = join(root, '..', 'shared', 'fixtures', 'otlp');
const OFFSET = 10000;
const port = (p: number) => p + OFFSET;
const CONSOLE = `http://127.0.0.1:${port(3000)}`;
const API = `http://127.0.0.1:${port(4000)}`;
const COLLECTOR = `http://127.0.0.1:${port(4318)}`;
const UPSTREAM = `http://127.0.0.1:${port(8070)}`;
const AUTH = `http://127.0.0.1:${port(8081)}`;
const FIXTURE_TRACE = '5b8efff798038103d269b633813fc60c';
const shots = SHOTS;

jest.setTimeout(240_000);

let run: PlatformRun;
let browser: Browser | undefined;
const startLauncher = (): Promise<number> => run.start();
const stopLauncher = (): Promise<number | null> => run.stop();
const ourProcesses = (): string[] => run.processes();
const login = (): Promise<string> => run.login();

function percent(text: string | null): number {
  return Number.parseFloat((text ?? '').replace('%', ''));
}

beforeAll(() => {
  ensureBuilt();
  run = new PlatformRun(OFFSET);
});

afterAll(async () => {
  await browser?.close();
  await run.dispose();
});

describe('npm start, end to end', () => {
  let firstStartMs = 0;
  let reportId = 0;
  const EXECUTIVE = { email: 'acme-exec@sightline.local', password: 'e2e-acme-executive-password' };

  it('starts the whole platform on embedded Postgres and prints the console URL', async () => {
    firstStartMs = await startLauncher();
    expect(run.output).toContain(`Console: ${CONSOLE}`);
    expect(run.output).toMatch(/REDIS_URL not set/);
    process.stdout.write(`e2e: platform up in ${(firstStartMs / 1000).toFixed(1)} s\n`);
  });

  it('shows the three tenants tiles updating in Chromium, and the error knob drops one tile within 5 s', async () => {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${CONSOLE}/login`);
    await page.getByLabel(/email/i).fill(ADMIN.email);
    await page.getByLabel(/password/i).fill(ADMIN.password);
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.waitForURL(`${CONSOLE}/`);
    const tiles = page.locator('[data-testid^="tile-"]');
    await waitFor(async () => (await tiles.count()) === 3, 20_000);
    for (const id of ['acme', 'globex', 'initech']) {
      await waitFor(
        async () => !Number.isNaN(percent(await page.getByTestId(`availability-${id}`).textContent())),
        30_000,
      );
    }
    const before = percent(await page.getByTestId('availability-initech').textContent());
    const res = await fetch(`${UPSTREAM}/_demo/knobs/initech`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(res.ok).toBe(true);
    const turned = Date.now();
    await waitFor(
      async () => percent(await page.getByTestId('availability-initech').textContent()) < before,
      5_000,
      100,
    );
    const tookMs = Date.now() - turned;
    process.stdout.write(`e2e: initech tile dropped ${tookMs} ms after the knob\n`);
    await page.screenshot({ path: join(shots, 'e2e-board.png'), fullPage: true });
    expect(percent(await page.getByTestId('availability-acme').textContent())).toBeGreaterThan(99);
    await fetch(`${UPSTREAM}/_demo/knobs/initech`, { method: 'DELETE' });
  });

  it('exposes /metrics on every service that pass promtool check metrics', async () => {
    for (const p of [4318, 8081, 8090, 4000, 9095, 9096]) {
      const res = await fetch(`http://127.0.0.1:${port(p)}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ port: p, problems: `${check.stdout}${check.stderr}`.trim() }).toEqual({
        port: p,
        problems: '',
      });
    }
  });

  it('accepts the shared OTLP fixtures and serves the fixture trace with its span and its log', async () => {
    for (const [path, file] of [
      ['/v1/traces', 'trace.json'],
      ['/v1/logs', 'logs.json'],
    ] as const) {
      const r = await fetch(`${COLLECTOR}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: readFileSync(join(fixtures, file)),
      });
      expect(r.status).toBe(200);
    }
    const token = await login();
    const trace = (await (
      await fetch(`${API}/v1/traces/${FIXTURE_TRACE}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { spans: { spanId: string }[]; logs: { body: string }[] };
    expect(trace.spans.map((s) => s.spanId)).toContain('eee19b7ec3c1b174');
    expect(trace.logs.length).toBeGreaterThanOrEqual(1);
  });

  it('lets a developer search a log line, open its trace, and see the trace logs beside the waterfall', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${CONSOLE}/login`);
    await page.getByLabel(/email/i).fill(ADMIN.email);
    await page.getByLabel(/password/i).fill(ADMIN.password);
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.waitForURL(`${CONSOLE}/`);
    const query = new URLSearchParams({
      tenant: '_platform',
      q: 'Example log record',
      from: '2018-12-13T00:00:00.000Z',
      to: '2018-12-14T00:00:00.000Z',
    });
    await page.goto(`${CONSOLE}/explore?${query.toString()}`);
    const line = page.locator(`[data-testid="log-line"][data-trace-id="${FIXTURE_TRACE}"]`);
    await line.first().waitFor({ timeout: 15_000 });
    await line.first().getByTestId('log-trace-link').click();
    await page.waitForURL(`${CONSOLE}/traces/${FIXTURE_TRACE}`);
    await page
      .locator('[data-testid="span-row"][data-span-id="eee19b7ec3c1b174"]')
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('trace-logs').getByTestId('log-line').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(shots, 'e2e-trace.png'), fullPage: true });
    await page.close();
  });

  it("lets an executive of acme generate last week's report, follow its progress and download the PDF", async () => {
    const admin = await login();
    const executive = EXECUTIVE;
    const created = await fetch(`${AUTH}/admin/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...executive, tenantId: 'acme', roles: ['executive'] }),
    });
    expect(created.status).toBe(201);
    const token = await run.login(executive);
    const call = (path: string, body?: unknown) =>
      fetch(`${API}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    expect((await call('/v1/reports', { kind: 'tenant', tenant: 'globex' })).status).toBe(403);
    // The Monday schedule may have queued last week's report already (the launcher starts mid-week): then the
    // request answers 200 with that job instead of 202 with a new one; both are the same week's one report.
    const asked = await call('/v1/reports', { kind: 'tenant', tenant: 'acme' });
    expect([200, 202]).toContain(asked.status);
    const { report } = (await asked.json()) as { report: { id: number; weekLabel: string } };
    reportId = report.id;
    const stages = new Set<string>();
    let status = '';
    await waitFor(
      async () => {
        const r = (await (await call(`/v1/reports/${report.id}`)).json()) as {
          report: { status: string; stage: string; error: string | null };
        };
        stages.add(r.report.stage);
        status = r.report.status;
        if (status === 'failed') throw new Error(`report failed: ${r.report.error}`);
        return status === 'done';
      },
      90_000,
      250,
    );
    expect(stages.has('done')).toBe(true);
    const pdf = await call(`/v1/reports/${report.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'sl-e2e-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), bytes);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toMatch(/Acme/);
      expect(text).toContain(report.weekLabel);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets a super admin erase initech's personal data everywhere, and nothing of acme's", async () => {
    const admin = await login();
    const as =
      (token: string) =>
      (path: string, method = 'GET', body?: unknown) =>
        fetch(`${API}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
    const call = as(admin);
    const person = { email: 'dana@initech.example', password: 'e2e-initech-developer-password' };
    const created = await fetch(`${AUTH}/admin/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...person, tenantId: 'initech', roles: ['developer'] }),
    });
    expect(created.status).toBe(201);
    await run.login(person);
    expect(
      (await call('/v1/reports/recipients/initech', 'PUT', { emails: ['cfo@initech.example'] })).status,
    ).toBe(200);
    // A log line of acme, which the erasure of initech must leave alone. Its unique mark is in base 36: a 13-digit
    // Date.now() passes the Luhn check one time in ten, and redaction then rightly removes it as a card number.
    const acmeLine = `acme order 4711 shipped ${Date.now().toString(36)}`;
    const shipped = await fetch(`${COLLECTOR}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] },
            scopeLogs: [
              {
                logRecords: [
                  {
                    timeUnixNano: String((Date.now() - 10_000) * 1e6),
                    severityNumber: 9,
                    body: { stringValue: acmeLine },
                    attributes: [{ key: 'tenant.id', value: { stringValue: 'acme' } }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(shipped.status).toBe(200);
    // Telemetry of initech old enough that none of it is still on its way to the collector.
    type Page = { logs: { traceId?: string | null }[] };
    const settled = () => new Date(Date.now() - 3_000).toISOString();
    const before = await waitFor(async () => {
      const page = (await (await call(`/v1/logs?tenant=initech&to=${settled()}&limit=50`)).json()) as Page;
      return page.logs.some((l) => l.traceId) ? page : undefined;
    }, 30_000);
    const cutoff = settled();
    const traceId = before.logs.find((l) => l.traceId)!.traceId!;
    expect((await call(`/v1/traces/${traceId}`)).status).toBe(200);

    const acmeExecutive = await run.login(EXECUTIVE);
    expect(
      (await as(acmeExecutive)('/v1/tenants/initech/erasure', 'POST', { confirm: 'initech' })).status,
    ).toBe(403);
    expect((await call('/v1/tenants/initech/erasure', 'POST', { confirm: 'acme' })).status).toBe(400);

    const erased = await call('/v1/tenants/initech/erasure', 'POST', { confirm: 'initech' });
    expect(erased.status).toBe(200);
    const receipt = (await erased.json()) as {
      services: { service: string; counts: Record<string, number> }[];
    };
    const counts = Object.fromEntries(receipt.services.map((r) => [r.service, r.counts]));
    expect(Object.keys(counts)).toEqual(['auth', 'reports', 'collector']);
    expect(counts.auth!.users).toBe(1);
    expect(counts.reports!.recipients).toBe(1);
    expect(counts.collector!.logs).toBeGreaterThan(0);
    expect(counts.collector!.spans).toBeGreaterThan(0);

    await expect(run.login(person)).rejects.toThrow();
    expect(await (await call('/v1/reports/recipients/initech')).json()).toMatchObject({ emails: [] });
    const after = (await (await call(`/v1/logs?tenant=initech&to=${cutoff}`)).json()) as Page;
    expect(after.logs).toEqual([]);
    expect((await call(`/v1/traces/${traceId}`)).status).toBe(404);
    // Another tenant keeps everything: its logs, and its executive can still log in.
    const acme = (await (
      await call(`/v1/logs?tenant=acme&q=${encodeURIComponent(acmeLine)}`)
    ).json()) as Page;
    expect(acme.logs).toHaveLength(1);
    expect((await as(acmeExecutive)('/v1/tenants/acme/sla')).status).toBe(200);
  });

  it('stops everything on Ctrl-C, leaving no process of ours running', async () => {
    const code = await stopLauncher();
    expect(code).toBe(0);
    await waitFor(() => ourProcesses().length === 0, 10_000).catch(() => undefined);
    expect(ourProcesses()).toEqual([]);
    expect(run.output).toContain('embedded PostgreSQL stopped');
  });

  it('keeps the earlier data on the next start: users, and the report archive with its PDF', async () => {
    await startLauncher();
    // The fixture trace of 2018 is past the collector's retention, so the restart archives it: the report and the
    // executive made in this run are what must survive.
    const token = await run.login(EXECUTIVE);
    const res = await fetch(`${API}/v1/reports/${reportId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { report: { status: string } }).report.status).toBe('done');
    const pdf = await fetch(`${API}/v1/reports/${reportId}/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await stopLauncher()).toBe(0);
    expect(ourProcesses()).toEqual([]);
  });
});
