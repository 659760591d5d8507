/**
 * The on-call journey end to end, as `npm start` runs it: an alert posted to alerting's Prometheus intake becomes a
 * firing group, an SRE signs in to the console, finds it on /alerts, opens it, acknowledges it, and sees the new state
 * and the timeline entry; Ctrl-C then leaves nothing behind.
 */
import { waitFor } from '@sightline/testing';
import { FakePagerDuty } from '../alerting/test/fakes/FakePagerDuty';
import { ADMIN, ensureBuilt, launchChromium, PlatformRun, SHOTS } from './support/PlatformRun';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

// Journeys run in parallel: offsets 10000, 10100 and 10200 differ by less than any two default ports do.
const OFFSET = 10100;
const port = (p: number) => p + OFFSET;
const CONSOLE = `http://127.0.0.1:${port(3000)}`;
const API = `http://127.0.0.1:${port(4000)}`;
const AUTH = `http://127.0.0.1:${port(8081)}`;
const ALERTING = `http://127.0.0.1:${port(9095)}`;
const SRE = { email: 'oncall@sightline.local', password: 'e2e-oncall-password' };
const ALERTNAME = 'E2EJourneyCheckoutDown';
const SUMMARY = 'Checkout is down for acme (e2e journey)';
const ROUTING_KEY = 'e2ejourney0123456789abcdefABCDEF';
const shots = SHOTS;

jest.setTimeout(240_000);

let run: PlatformRun;
let pd: FakePagerDuty;
let browser: Browser | undefined;
const login = (who?: { email: string; password: string }): Promise<string> => run.login(who);

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

interface Group {
  id: number;
  state: string;
  labels: Record<string, string>;
  acknowledgedBy: string | null;
}

beforeAll(async () => {
  ensureBuilt();
  pd = await new FakePagerDuty().start();
  // With a routing key in its environment, alerting seeds a PagerDuty channel into the default policy.
  run = new PlatformRun(OFFSET, { PAGERDUTY_ROUTING_KEY: ROUTING_KEY, PAGERDUTY_EVENTS_URL: pd.enqueueUrl });
});

afterAll(async () => {
  await browser?.close();
  await run.dispose();
  await pd?.close();
});

describe('on-call journey, end to end', () => {
  let groupId = 0;

  it('starts the whole platform and prints the console URL', async () => {
    const ms = await run.start();
    expect(run.output).toContain(`Console: ${CONSOLE}`);
    process.stdout.write(`e2e alerts: platform up in ${(ms / 1000).toFixed(1)} s\n`);
  });

  it("turns an alert posted to alerting's Prometheus intake into a firing group", async () => {
    const admin = await login(ADMIN);
    // There is no demo SRE; the platform admin makes one, as an operator would.
    const created = await call(`${AUTH}/admin/v1/users`, admin, { ...SRE, tenantId: null, roles: ['sre'] });
    expect(created.status).toBe(201);
    // The root route waits 30 s before paging; this journey's alerts get a route that pages after 1 s.
    const route = await call(`${API}/v1/alerting/routes`, admin, {
      id: 'e2e-journey',
      name: 'E2E journey',
      parentId: 'root',
      matchers: [{ name: 'alertname', type: '=', value: ALERTNAME }],
      groupWaitSeconds: 1,
    });
    expect(route.status).toBe(201);

    // The launcher keeps the internal token (alerting's intake token by default) in the data directory.
    const { internalToken } = run.secrets();
    const posted = await call(`${ALERTING}/api/v2/alerts`, internalToken, [
      {
        labels: { alertname: ALERTNAME, tenant: 'acme', severity: 'page', service: 'checkout' },
        annotations: { summary: SUMMARY, runbook_url: 'https://runbooks.example.com/checkout-down' },
      },
    ]);
    expect(posted.status).toBe(200);

    const sre = await login(SRE);
    await waitFor(async () => {
      const res = await call(`${API}/v1/alert-groups?tenant=acme&state=firing`, sre);
      const { groups } = (await res.json()) as { groups: Group[] };
      groupId = groups.find((g) => g.labels.alertname === ALERTNAME)?.id ?? 0;
      return groupId > 0;
    }, 15_000);
    // The default policy's first step pages PagerDuty.
    const trigger = await waitFor(() => pd.events.find((e) => e.event_action === 'trigger'), 10_000);
    expect(trigger.payload?.summary).toContain(SUMMARY);
  });

  it('lets an SRE find the group on /alerts, open it and acknowledge it; the timeline shows it and PagerDuty receives acknowledge', async () => {
    const started = Date.now();
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${CONSOLE}/login`);
    await page.getByLabel(/email/i).fill(SRE.email);
    await page.getByLabel(/password/i).fill(SRE.password);
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.waitForURL(`${CONSOLE}/`);

    await page.getByTestId('nav-alerts').click();
    await page.waitForURL(`${CONSOLE}/alerts`);
    const row = page.locator(`[data-testid="alert-row"][data-group-id="${groupId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('alert-state').textContent()).toBe('Firing');
    // The title is the alert's summary once the group's alerts are loaded.
    await row.getByTestId('alert-link').filter({ hasText: SUMMARY }).waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('alert-severity').textContent()).toBe('page');
    await page.screenshot({ path: join(shots, 'e2e-alerts.png'), fullPage: true });

    await row.getByTestId('alert-link').click();
    await page.waitForURL(`${CONSOLE}/alerts/${groupId}`);
    await page.getByTestId('ack-button').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('group-state').textContent()).toBe('Firing');
    expect(await page.getByTestId('runbook-link').getAttribute('href')).toBe(
      'https://runbooks.example.com/checkout-down',
    );
    await page.getByTestId('ack-button').click();

    await page
      .locator('[data-testid="group-state"]', { hasText: /^Acknowledged$/ })
      .waitFor({ timeout: 10_000 });
    const entry = page.locator('[data-testid="timeline-entry"][data-kind="acknowledged"]');
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toMatch(/Acknowledged: acknowledged by \S+/);
    expect(await page.getByTestId('ack-button').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'e2e-alert-group.png'), fullPage: true });
    await page.close();

    const sre = await login(SRE);
    const detail = (await (await call(`${API}/v1/alert-groups/${groupId}`, sre)).json()) as {
      group: Group;
    };
    expect(detail.group.state).toBe('acknowledged');
    expect(detail.group.acknowledgedBy).not.toBeNull();
    // The ack in the console reached PagerDuty, on the incident the trigger opened.
    const acked = await waitFor(() => pd.events.find((e) => e.event_action === 'acknowledge'), 10_000);
    const trigger = pd.events.find((e) => e.event_action === 'trigger')!;
    expect(acked.dedup_key).toBe(trigger.dedup_key);
    expect(acked.routing_key).toBe(ROUTING_KEY);
    expect(pd.violations).toEqual([]);
    process.stdout.write(`e2e alerts: journey took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });

  it('stops everything on Ctrl-C, leaving no process of ours running', async () => {
    const code = await run.stop();
    expect(code).toBe(0);
    await waitFor(() => run.processes().length === 0, 10_000).catch(() => undefined);
    expect(run.processes()).toEqual([]);
  });
});
