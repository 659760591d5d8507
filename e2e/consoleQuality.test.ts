/**
 * Console quality, as `npm start` serves it: every page a person signs in to passes axe's WCAG 2 A/AA rules, the board
 * and the alerts page fit a phone and a desktop window, the board, a tenant page and the explorer still look like
 * their goldens, and a tenant's viewer sees and fetches nothing of another tenant, in the browser or with its token.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '@sightline/testing';
import { ADMIN, ensureBuilt, launchChromium, PlatformRun, SHOTS } from './support/PlatformRun';
import { axeScan, type AxeFinding } from './support/quality/axeScan';
import { compareWithGolden } from './support/quality/compareWithGolden';
import { describeAxeFindings } from './support/quality/describeAxeFindings';
import { fixedLogLines } from './support/quality/fixedLogLines';
import { LIVE_REGIONS } from './support/quality/liveRegions';
import { measureOverflow } from './support/quality/measureOverflow';
import { signIn } from './support/quality/signIn';

// Journeys run in parallel: offsets 10000, 10100 and 10200 differ by less than any two default ports do, so no two
// journeys share a port; embedded Postgres (54329 + offset) must stay ≤ 65535.
const OFFSET = 10200;
const port = (p: number) => p + OFFSET;
const CONSOLE = `http://127.0.0.1:${port(3000)}`;
const API = `http://127.0.0.1:${port(4000)}`;
const AUTH = `http://127.0.0.1:${port(8081)}`;
const ALERTING = `http://127.0.0.1:${port(9095)}`;
const COLLECTOR = `http://127.0.0.1:${port(4318)}`;
const TENANTS = ['acme', 'globex', 'initech'];
const VIEWER = { email: 'acme-viewer@sightline.local', password: 'e2e-acme-viewer-password' };
const GLOBEX_ALERT = 'E2EQualityGlobexLatency';
const NO_VALUE = '—';
const FIXED_LOGS = fixedLogLines();
const EXPLORE_FIXED = `/explore?${FIXED_LOGS.search.toString()}`;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// pixelmatch's own default: colour distances under 0.1 (anti-aliasing, sub-pixel text) are not differences.
const PIXEL_THRESHOLD = 0.1;
// 2 % of a 1280×800 shot is ~20 000 pixels. What masks cannot pin stays well under it: the tenant page's SLA table
// sizes its columns to the live numbers, so its header labels move a few pixels (0.24 % seen); a tile's 6 px top
// border changing colour with its status is ~0.5 % for three tiles. A moved or restyled panel, a lost heading, a
// new banner or a broken layout changes several times more.
const MAX_DIFF_RATIO = 0.02;
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_DIR = join(__dirname, 'golden');

jest.setTimeout(120_000);

let run: PlatformRun;
let browser: Browser;
let admin = '';

async function call(url: string, token: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Every context is pinned to one clock, locale and motion setting, so two runs render the same pixels. */
function newContext(viewport: { width: number; height: number }, phone = false): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
    deviceScaleFactor: 1,
    // axe goes into the page as an inline script.
    bypassCSP: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
}

/** The board is ready once the socket is live and every tile shows fresh numbers. */
async function boardReady(page: Page, tenants = TENANTS): Promise<void> {
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 20_000 });
  for (const id of tenants) {
    await page
      .locator(`[data-testid="tile-${id}"][data-stale="false"]:not([data-status="nodata"])`)
      .waitFor({ timeout: 30_000 });
  }
}

/** A tenant page is ready once its SLA, charts, SLOs, alerts and services have left their loading states. */
async function tenantReady(page: Page, id: string): Promise<void> {
  await page.getByTestId('tenant-availability-5m').filter({ hasText: '%' }).waitFor({ timeout: 20_000 });
  // The title shows the id until the tenant list names the tenant.
  await page
    .getByTestId('tenant-title')
    .filter({ hasNotText: new RegExp(`^${id}$`) })
    .waitFor();
  for (const chart of ['chart-availability', 'chart-latency'])
    await page.locator(`[data-testid="${chart}"]:not([data-state="loading"])`).waitFor();
  await page.getByText('Loading SLOs…').waitFor({ state: 'detached' });
  // Each SLO's burn-down chart loads on its own after the SLO list.
  await waitFor(
    async () => (await page.locator('[data-testid^="chart-"][data-state="loading"]').count()) === 0,
  );
  await page.getByTestId('firing-alerts-loading').waitFor({ state: 'detached' });
  await page.getByText('Loading services…').waitFor({ state: 'detached' });
}

/** The explorer is ready once its tenants are listed and its search has answered. */
async function explorerReady(page: Page): Promise<void> {
  await page.locator('[data-testid="explore-tenant"] option[value="acme"]').waitFor({ state: 'attached' });
  await page
    .getByTestId('explore-status')
    .filter({ hasNotText: /^$|Searching/ })
    .waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  ensureBuilt();
  // The explorer's golden shows log lines at fixed times in 2024; the collector's retention pass (a minute after it
  // starts, then hourly) would delete them with the default 7 days, and a slow run reached its screenshot after it.
  run = new PlatformRun(OFFSET, { RETENTION_DAYS: '3650' });
  // Chromium first, so afterAll closes it even when the platform fails to start.
  browser = await launchChromium();
  const ms = await run.start();
  process.stdout.write(`e2e console quality: platform up in ${(ms / 1000).toFixed(1)} s\n`);
  const started = Date.now();
  admin = await run.login(ADMIN);

  // A viewer of acme, made by the platform admin as an operator would.
  const created = await call(`${AUTH}/admin/v1/users`, admin, {
    ...VIEWER,
    tenantId: 'acme',
    roles: ['viewer'],
  });
  if (created.status !== 201) throw new Error(`create viewer: ${created.status} ${await created.text()}`);

  // globex gets an alert group and a silence, so the alerts and silences pages have rows to check and the isolation
  // test has globex data that could leak.
  const posted = await call(`${ALERTING}/api/v2/alerts`, run.secrets().internalToken, [
    {
      labels: { alertname: GLOBEX_ALERT, tenant: 'globex', severity: 'ticket', service: 'search' },
      annotations: { summary: 'Search latency is high for globex (e2e quality)' },
    },
  ]);
  if (posted.status !== 200) throw new Error(`post alert: ${posted.status} ${await posted.text()}`);
  const silence = await call(`${API}/v1/silences`, admin, {
    kind: 'silence',
    tenant: 'globex',
    matchers: [{ name: 'alertname', type: '=', value: 'E2EQualityNightlyBatch' }],
    comment: 'Nightly batch reindex (e2e quality)',
    window: {
      kind: 'once',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  if (silence.status !== 201) throw new Error(`create silence: ${silence.status} ${await silence.text()}`);
  // acme gets a few log lines at fixed past times: the explorer's screenshot shows them and nothing live.
  const logs = await fetch(`${COLLECTOR}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FIXED_LOGS.otlp),
  });
  if (logs.status !== 200) throw new Error(`post logs: ${logs.status} ${await logs.text()}`);

  // Every tenant has a 5-minute SLA before any page is looked at.
  for (const id of TENANTS)
    await waitFor(async () => {
      const res = await call(`${API}/v1/tenants/${id}/sla?window=5m`, admin);
      return (
        res.status === 200 && ((await res.json()) as { availability: number | null }).availability !== null
      );
    }, 30_000);
  await waitFor(async () => {
    const res = await call(`${API}/v1/alert-groups?tenant=globex`, admin);
    const { groups } = (await res.json()) as { groups: { labels: Record<string, string> }[] };
    return groups.some((g) => g.labels.alertname === GLOBEX_ALERT);
  }, 15_000);
  process.stdout.write(
    `e2e console quality: data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await run?.dispose();
});

describe('console quality', () => {
  it('finds no serious or critical WCAG 2 A/AA violation on the login page, the board, a tenant page, the explorer, alerts, silences, reports and the on-call pages and editors', async () => {
    const context = await newContext(DESKTOP);
    const page = await context.newPage();
    const findings: [string, AxeFinding[]][] = [];
    const scan = async (name: string) => findings.push([name, await axeScan(page)]);

    await page.goto(`${CONSOLE}/login`);
    await page.getByRole('button', { name: /sign in/i }).waitFor();
    await scan('/login');
    await signIn(page, CONSOLE, ADMIN);
    await boardReady(page);
    await scan('/');
    await page.goto(`${CONSOLE}/tenants/acme`);
    await tenantReady(page, 'acme');
    await scan('/tenants/acme');
    await page.goto(`${CONSOLE}${EXPLORE_FIXED}`);
    await explorerReady(page);
    await scan('/explore (acme, with results)');
    await page.goto(`${CONSOLE}/alerts`);
    await page.getByTestId('alert-row').first().waitFor({ timeout: 15_000 });
    await scan('/alerts');
    await page.goto(`${CONSOLE}/silences`);
    await page.getByTestId('silence-row').first().waitFor({ timeout: 15_000 });
    await scan('/silences');
    await page.goto(`${CONSOLE}/reports`);
    // The Monday schedule queues last week's reports at start, so the archive has rows to scan.
    await page
      .getByTestId('reports')
      .waitFor({ timeout: 15_000 })
      .catch(async (err: unknown) => {
        throw new Error(`reports page: ${await page.locator('main').innerText()}`, { cause: err });
      });
    await scan('/reports');
    // On call: the overview, a policy's editor, and a new schedule's form before and after the api refuses it.
    await page.goto(`${CONSOLE}/oncall`);
    await page.getByTestId('policy-row').first().waitFor({ timeout: 15_000 });
    await scan('/oncall');
    await page.goto(`${CONSOLE}/oncall/policies/default`);
    await page.getByTestId('policy-form').waitFor({ timeout: 15_000 });
    await scan('/oncall/policies/default');
    await page.goto(`${CONSOLE}/oncall/schedules/new`);
    await page.getByTestId('schedule-form').waitFor({ timeout: 15_000 });
    await scan('/oncall/schedules/new');
    await page.getByTestId('schedule-submit').click();
    await page
      .locator('[data-testid="schedule-form"] [aria-invalid="true"]')
      .first()
      .waitFor({ timeout: 10_000 });
    await scan('/oncall/schedules/new (refused, a field marked invalid)');
    // The scanner itself works: a page with an unnamed image and an unlabelled field does break its rules.
    await page.setContent('<html lang="en"><body><main><img src="data:,"><input></main></body></html>');
    expect((await axeScan(page)).map((f) => f.id)).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await context.close();

    // Every finding goes to the log; only serious and critical ones fail the test.
    for (const [name, found] of findings)
      process.stdout.write(
        `axe ${name}: ${found.length === 0 ? 'no violation' : `\n${describeAxeFindings(name, found)}`}\n`,
      );
    const blocking = findings
      .map(([name, found]) =>
        describeAxeFindings(
          name,
          found.filter((f) => f.impact === 'serious' || f.impact === 'critical'),
        ),
      )
      .filter((text) => text !== '')
      .join('\n');
    expect(blocking).toBe('');
  });

  it.each([
    ['a 390×844 phone', PHONE, true],
    ['a 1280×800 desktop', DESKTOP, false],
  ])(
    'shows the board, the alerts page and the on-call editors on %s without sideways scrolling, with their landmarks in view',
    async (_name, viewport, phone) => {
      const context = await newContext(viewport, phone);
      const page = await context.newPage();
      await signIn(page, CONSOLE, ADMIN);
      const pages = [
        {
          path: '/',
          ready: () => boardReady(page),
          landmarks: [page.getByRole('region', { name: /^Tenants, SLA over/ })],
        },
        {
          path: '/alerts',
          ready: () => page.getByTestId('alert-row').first().waitFor({ timeout: 15_000 }),
          landmarks: [
            page.getByRole('search', { name: 'Filter alerts' }),
            page.getByRole('region', { name: 'Alert groups' }),
          ],
        },
        {
          path: '/oncall/policies/default',
          ready: () => page.getByTestId('policy-form').waitFor({ timeout: 15_000 }),
          landmarks: [page.getByRole('form', { name: 'Policy' }), page.getByTestId('policy-submit')],
        },
        {
          path: '/oncall/schedules/new',
          ready: () => page.getByTestId('schedule-form').waitFor({ timeout: 15_000 }),
          landmarks: [
            page.getByRole('form', { name: 'New on-call schedule' }),
            page.getByLabel('Layer 1 participant 1'),
            page.getByTestId('schedule-submit'),
          ],
        },
      ];
      for (const p of pages) {
        await page.goto(`${CONSOLE}${p.path}`);
        await p.ready();
        const { scrollWidth, clientWidth, culprits } = await measureOverflow(page);
        const overflowPx = Math.max(0, scrollWidth - (clientWidth + 1));
        // On failure the message names the elements that stick out.
        expect({ page: p.path, overflowPx, culprits: overflowPx > 0 ? culprits : [] }).toEqual({
          page: p.path,
          overflowPx: 0,
          culprits: [],
        });
        const landmarks = [
          page.getByRole('banner'),
          page.getByRole('navigation', { name: 'Main' }),
          page.getByRole('main'),
          page.getByRole('heading', { level: 1 }),
          ...p.landmarks,
        ];
        for (const landmark of landmarks) {
          expect(await landmark.isVisible()).toBe(true);
          const box = (await landmark.boundingBox())!;
          // Visible means on screen sideways too, not pushed past the right edge.
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
        }
      }
      // The measure itself works: a page with a block wider than the window does scroll sideways, and says why.
      await page.setContent(
        '<html lang="en"><body><div id="wide" style="width: 2000px">wide</div></body></html>',
      );
      const wide = await measureOverflow(page);
      expect(wide.scrollWidth).toBeGreaterThan(wide.clientWidth + 1);
      expect(wide.culprits).toEqual(['div#wide (2000 px)']);
      await context.close();
    },
  );

  describe('visual regression at 1280×800, live numbers masked', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await newContext(DESKTOP);
      page = await context.newPage();
      await signIn(page, CONSOLE, ADMIN);
    });

    afterAll(async () => {
      await context?.close();
    });

    it.each([
      { name: 'board', path: '/', ready: () => boardReady(page), live: LIVE_REGIONS.board },
      {
        name: 'tenant-acme',
        path: '/tenants/acme',
        ready: () => tenantReady(page, 'acme'),
        live: LIVE_REGIONS.tenant,
      },
      {
        name: 'explorer',
        path: EXPLORE_FIXED,
        ready: async () => {
          await explorerReady(page);
          expect(await page.getByTestId('log-line').count()).toBe(5);
        },
        live: LIVE_REGIONS.explorer,
      },
    ])('still looks like its golden screenshot e2e/golden/$name', async ({ name, path, ready, live }) => {
      await page.goto(`${CONSOLE}${path}`);
      await ready();
      // Nothing hovered, nothing focused: both would paint outlines the golden does not have.
      await page.mouse.move(0, 0);
      const shot = await page.screenshot({
        animations: 'disabled',
        caret: 'hide',
        scale: 'css',
        mask: live.map((selector) => page.locator(selector)),
        maskColor: '#ff00ff',
      });
      const result = compareWithGolden(name, shot, {
        goldenDir: GOLDEN_DIR,
        outDir: SHOTS,
        update: UPDATE_GOLDEN,
        threshold: PIXEL_THRESHOLD,
        maxDiffRatio: MAX_DIFF_RATIO,
      });
      if (result.kind === 'missing' || result.kind === 'mismatch') throw new Error(result.message);
      if (result.kind === 'match')
        process.stdout.write(`visual ${name}: ${(result.diffRatio * 100).toFixed(3)} % of pixels differ\n`);
      expect(['match', 'written']).toContain(result.kind);
    });
  });

  describe('tenant isolation for a viewer of acme', () => {
    it("shows the viewer only acme's tile, refuses globex's page without a number of globex, and offers no explorer", async () => {
      const context = await newContext(DESKTOP);
      const page = await context.newPage();
      await signIn(page, CONSOLE, VIEWER);
      await boardReady(page, ['acme']);
      expect(await page.locator('[data-testid^="tile-"]').count()).toBe(1);
      expect(await page.getByTestId('tile-acme').isVisible()).toBe(true);
      expect(await page.getByTestId('nav-board').isVisible()).toBe(true);
      expect(await page.getByTestId('nav-explore').count()).toBe(0);

      // Every answer the api gives this page about globex is recorded, to check that none carried data.
      const globexAnswers: string[] = [];
      page.on('response', (res) => {
        // CORS preflights (OPTIONS) carry no data; the GETs after them are what counts.
        if (res.url().startsWith(`${API}/v1/tenants/globex`) && res.request().method() === 'GET')
          globexAnswers.push(`${res.status()} ${res.url().slice(API.length)}`);
      });
      await page.goto(`${CONSOLE}/tenants/globex`);
      await page.getByTestId('tenant-missing').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('tenant-missing').textContent()).toMatch(
        /does not exist, or your account may not see it/,
      );
      await page.getByTestId('slos-error').waitFor({ timeout: 15_000 });
      await page.getByText('No service of this tenant has sent signals.').waitFor({ timeout: 15_000 });
      // One SLA request per window, the history, the SLOs and the services: all asked, all refused.
      await waitFor(() => globexAnswers.length >= 7, 10_000);
      expect(globexAnswers.filter((a) => !/^40[34] /.test(a))).toEqual([]);
      const cells = await page.locator('[data-testid="tenant-sla"] tbody td').allTextContents();
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.filter((c) => c !== NO_VALUE && c !== 'No data')).toEqual([]);
      expect(await page.getByTestId('tenant-logs-link').count()).toBe(0);

      await page.goto(`${CONSOLE}/explore`);
      await page
        .getByRole('alert')
        .filter({ hasText: /cannot search logs/ })
        .waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('explore-form').count()).toBe(0);
      expect(await page.getByTestId('nav-explore').count()).toBe(0);
      await context.close();
    });

    it("refuses the viewer's token every globex read on the api and lists only acme as its tenant", async () => {
      const viewer = await run.login(VIEWER);
      // The token works: acme's own SLA is served to it.
      expect((await call(`${API}/v1/tenants/acme/sla?window=5m`, viewer)).status).toBe(200);

      const paths = [
        '/v1/tenants/globex/sla',
        '/v1/tenants/globex/slos',
        '/v1/logs?tenant=globex',
        '/v1/alert-groups?tenant=globex',
        '/v1/silences',
      ];
      const answers = await Promise.all(
        paths.map(async (p) => {
          const res = await call(`${API}${p}`, viewer);
          const body = await res.text();
          return { path: p, status: res.status, leaked: res.status === 200 ? body.slice(0, 300) : '' };
        }),
      );
      expect(answers.filter((a) => a.status !== 403 && a.status !== 404)).toEqual([]);

      // The same reads as the platform admin do return globex data, so the refusals are about the viewer.
      expect((await call(`${API}/v1/tenants/globex/sla`, admin)).status).toBe(200);
      const groups = (await (await call(`${API}/v1/alert-groups?tenant=globex`, admin)).json()) as {
        groups: { tenant: string | null }[];
      };
      expect(groups.groups.some((g) => g.tenant === 'globex')).toBe(true);
      const silences = (await (await call(`${API}/v1/silences`, admin)).json()) as {
        silences: { tenant: string }[];
      };
      expect(silences.silences.some((s) => s.tenant === 'globex')).toBe(true);

      const tenants = await call(`${API}/v1/tenants`, viewer);
      expect(tenants.status).toBe(200);
      expect(((await tenants.json()) as { id: string }[]).map((t) => t.id)).toEqual(['acme']);
    });
  });
});
