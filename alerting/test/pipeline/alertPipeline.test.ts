import { waitFor } from '@sightline/testing';
import { startPipelineHarness } from './pipelineHarness';
import type { PipelineHarness } from './pipelineHarness';

const MIN = 60_000;
let h: PipelineHarness;

const burn = (tenant: string, severity = 'page', extra: Record<string, string> = {}) => ({
  labels: { alertname: 'TenantErrorBudgetBurn', tenant, slo: 'availability', severity, ...extra },
  annotations: { summary: `${tenant} burns its budget`, runbook_url: 'https://runbooks.test/burn' },
});

async function configure(policy: unknown, root: Record<string, unknown> = {}): Promise<void> {
  const p = await h.api('PUT', '/internal/v1/policies/default', policy);
  expect(p.status).toBe(200);
  const r = await h.api('PUT', '/internal/v1/routes/root', {
    name: 'Root',
    policyId: 'default',
    groupWaitSeconds: 30,
    groupIntervalSeconds: 300,
    repeatIntervalSeconds: 4 * 3600,
    ...root,
  });
  expect(r.status).toBe(200);
}

beforeEach(async () => {
  h = await startPipelineHarness();
  await h.channel('first');
  await h.channel('second');
  await configure({
    name: 'Default',
    repeat: 0,
    steps: [
      { targets: [{ type: 'channel', id: 'first' }], waitMinutes: 5 },
      { targets: [{ type: 'channel', id: 'second' }], waitMinutes: 5 },
    ],
  });
});

afterEach(async () => {
  await h.close();
});

const groups = async (query = '') => (await h.api('GET', `/internal/v1/groups${query}`)).body.groups;

describe('the alert pipeline', () => {
  it('pages once per group: the same alert from Alertmanager and from Prometheus is one alert in one group', async () => {
    await h.postAlertmanager([burn('acme')]);
    const prom = await h.api('POST', '/api/v2/alerts', [
      { labels: burn('acme').labels, annotations: burn('acme').annotations },
    ]);
    expect(prom.status).toBe(200);
    await h.postAlertmanager([burn('acme')]);
    await h.step(29_000);
    expect(h.sent()).toEqual([]); // still inside group_wait
    await h.step(2_000);
    const g = (await groups())[0]!;
    expect(h.sent()).toEqual([`first trigger ${g.dedupKey}`]);
    expect((await h.api('GET', '/internal/v1/alerts')).body.alerts).toHaveLength(1);
  });

  it('groups alerts that arrive within group_wait into one notification that lists them all', async () => {
    await h.postAlertmanager([burn('acme', 'page', { window: '1h' })]);
    await h.step(10_000);
    await h.postAlertmanager([burn('acme', 'page', { window: '6h' })]);
    await h.step(21_000);
    expect(h.sent()).toHaveLength(1);
    const n = h.notifier('first').delivered[0]!;
    expect(n.alerts.map((a) => a.labels.window).sort()).toEqual(['1h', '6h']);
    expect(n.title).toContain('acme burns its budget');
    // The list says what fires and since when, without opening the group.
    expect((await groups())[0]).toMatchObject({
      summary: 'acme burns its budget',
      severity: 'page',
      firingSince: new Date(h.clock.now - 31_000 - 60_000).toISOString(),
    });
    expect(n.runbookUrl).toBe('https://runbooks.test/burn');
    expect(n.consoleUrl).toMatch(/^https:\/\/console\.example\.test\/alerts\/\d+$/);
  });

  it('tells the notified channels about a new alert in a paged group at the next group_interval, not before', async () => {
    await h.postAlertmanager([burn('acme', 'page', { window: '1h' })]);
    await h.step(31_000);
    await h.postAlertmanager([burn('acme', 'page', { window: '6h' })]);
    await h.step(60_000);
    expect(h.notifier('first').delivered).toHaveLength(1);
    await h.step(300_000);
    expect(h.notifier('first').delivered).toHaveLength(2);
    expect(h.notifier('first').delivered[1]!.alerts.filter((a) => a.status === 'firing')).toHaveLength(2);
  });

  it('escalates to step 2 when nobody acknowledges within the wait, and an ack stops the escalation', async () => {
    await h.postAlertmanager([burn('acme')]);
    await h.step(31_000);
    await h.step(4 * MIN);
    expect(h.notifier('second').delivered).toHaveLength(0);
    await h.step(1 * MIN + 1000);
    expect(h.notifier('second').delivered).toHaveLength(1);
    const g = (await groups())[0]!;
    expect(g.escalation).toMatchObject({ step: 2, pass: 1 });

    const ack = await h.api('POST', `/internal/v1/groups/${g.id}/ack`, {}, { 'x-sightline-actor': 'alice' });
    expect(ack.status).toBe(200);
    expect(ack.body.group.state).toBe('acknowledged');
    await h.step(60 * MIN);
    const actions = h.sent().map((s) => s.split(' ').slice(0, 2).join(' '));
    expect(actions.slice(0, 2)).toEqual(['first trigger', 'second trigger']);
    expect(actions.slice(2).sort()).toEqual(['first acknowledge', 'second acknowledge']);
  });

  it('starts the policy over `repeat` times and then stops escalating', async () => {
    await configure({
      name: 'Default',
      repeat: 1,
      steps: [{ targets: [{ type: 'channel', id: 'first' }], waitMinutes: 1 }],
    });
    await h.postAlertmanager([burn('acme')]);
    await h.step(31_000);
    for (let i = 0; i < 5; i++) await h.step(MIN + 1000);
    expect(h.notifier('first').delivered.map((n) => n.escalation?.pass)).toEqual([1, 2]);
    const detail = (await h.api('GET', `/internal/v1/groups/${(await groups())[0]!.id}`)).body;
    expect(detail.timeline.map((e) => e.kind)).toEqual(['triggered', 'escalated', 'escalation-exhausted']);
  });

  it('sends resolve with the same dedup key to every notified channel when the alert resolves, and stops escalating', async () => {
    await h.postAlertmanager([burn('acme')]);
    await h.step(31_000);
    await h.step(5 * MIN + 1000);
    await h.postAlertmanager([{ ...burn('acme'), status: 'resolved' }]);
    await h.step(5 * MIN);
    await h.step(30 * MIN);
    const g = (await groups())[0]!;
    expect(g.state).toBe('resolved');
    expect(h.sent().slice(0, 2)).toEqual([`first trigger ${g.dedupKey}`, `second trigger ${g.dedupKey}`]);
    expect(h.sent().slice(2).sort()).toEqual([`first resolve ${g.dedupKey}`, `second resolve ${g.dedupKey}`]);
  });

  it('resolves an alert Prometheus stops sending once its endsAt passes', async () => {
    const endsAt = new Date(h.clock.now + 2 * MIN).toISOString();
    await h.api('POST', '/api/v2/alerts', [{ labels: burn('acme').labels, endsAt }]);
    await h.step(31_000);
    await h.step(2 * MIN);
    await h.step(5 * MIN);
    expect(h.sent().map((s) => s.split(' ')[1])).toEqual(['trigger', 'resolve']);
  });

  it('pages nobody for an alert that resolves inside group_wait', async () => {
    await h.postAlertmanager([burn('acme')]);
    await h.step(10_000);
    await h.postAlertmanager([{ ...burn('acme'), status: 'resolved' }]);
    await h.step(60_000);
    expect(h.sent()).toEqual([]);
    expect((await groups())[0]!.state).toBe('resolved');
  });

  it('routes by matchers down the tree, and `continue` lets an alert reach a sibling route too', async () => {
    await h.channel('acme-team');
    await h.channel('audit');
    for (const [id, ch] of [
      ['acme', 'acme-team'],
      ['audit', 'audit'],
    ])
      expect(
        (
          await h.api('POST', '/internal/v1/policies', {
            id,
            name: id,
            steps: [{ targets: [{ type: 'channel', id: ch }], waitMinutes: 5 }],
          })
        ).status,
      ).toBe(201);
    const audit = await h.api('POST', '/internal/v1/routes', {
      id: 'audit-all',
      name: 'audit',
      parentId: 'root',
      position: 0,
      continue: true,
      matchers: [{ name: 'severity', type: '=~', value: 'page|ticket' }],
      policyId: 'audit',
    });
    expect(audit.status).toBe(201);
    const acme = await h.api('POST', '/internal/v1/routes', {
      id: 'acme',
      name: 'acme',
      parentId: 'root',
      position: 1,
      matchers: [{ name: 'tenant', type: '=', value: 'acme' }],
      policyId: 'acme',
      groupWaitSeconds: 0,
    });
    expect(acme.status).toBe(201);
    await h.postAlertmanager([burn('acme'), burn('globex')]);
    await h.step(1000);
    expect(
      h
        .sent()
        .map((s) => s.split(' ')[0])
        .sort(),
    ).toEqual(['acme-team']);
    await h.step(30_000);
    // globex matched the audit route, so (as in Alertmanager) it does not fall back to the root's policy.
    expect(
      h
        .sent()
        .map((s) => s.split(' ')[0])
        .sort(),
    ).toEqual(['acme-team', 'audit', 'audit']);
  });

  it('lets a page-tier burn inhibit the ticket tier of the same tenant and SLO, but not of another tenant', async () => {
    await h.postAlertmanager([burn('acme', 'page'), burn('acme', 'ticket'), burn('globex', 'ticket')]);
    await h.step(31_000);
    const tenantsPaged = h
      .notifier('first')
      .delivered.map((n) => `${n.tenant}/${n.severity}`)
      .sort();
    expect(tenantsPaged).toEqual(['acme/page', 'globex/ticket']);
    const muted = (await groups()).find((g) => g.labels.tenant === 'acme' && g.muted);
    expect(muted?.muted).toMatch(/inhibited by TenantErrorBudgetBurn/);
  });

  it('lets a platform-wide outage inhibit every per-tenant alert', async () => {
    await h.postAlertmanager([
      { labels: { alertname: 'GatewayHighErrorRatio', severity: 'page', scope: 'platform' } },
      burn('acme'),
      burn('globex', 'ticket'),
    ]);
    await h.step(31_000);
    expect(h.notifier('first').delivered.map((n) => n.groupLabels.alertname)).toEqual([
      'GatewayHighErrorRatio',
    ]);
  });

  it('keeps an alert inside an active maintenance window silent, and pages when the window ends while it still fires', async () => {
    const s = await h.api(
      'POST',
      '/internal/v1/silences',
      {
        kind: 'maintenance',
        tenant: 'acme',
        comment: 'database upgrade',
        window: {
          kind: 'once',
          startsAt: new Date(h.clock.now - MIN).toISOString(),
          endsAt: new Date(h.clock.now + 20 * MIN).toISOString(),
        },
      },
      { 'x-sightline-actor': 'bob' },
    );
    expect(s.status).toBe(201);
    expect(s.body.status).toBe('active');
    await h.postAlertmanager([burn('acme'), burn('globex')]);
    await h.step(31_000);
    expect(h.notifier('first').delivered.map((n) => n.tenant)).toEqual(['globex']);
    await h.step(10 * MIN);
    expect(h.notifier('first').delivered.map((n) => n.tenant)).toEqual(['globex']);
    await h.step(10 * MIN);
    expect(h.notifier('first').delivered.map((n) => n.tenant)).toEqual(['globex', 'acme']);
  });

  it('mutes during a recurring weekly window in its time zone and not outside it', async () => {
    // 2026-11-26 is a Thursday; 09:00 UTC is 10:00 in Berlin.
    const s = await h.api('POST', '/internal/v1/silences', {
      service: 'gateway',
      comment: 'weekly deploy window',
      window: { kind: 'cron', cron: '0 10 * * 4', durationMinutes: 60, timeZone: 'Europe/Berlin' },
    });
    expect(s.status).toBe(201);
    expect(s.body.status).toBe('active');
    await h.postAlertmanager([
      { labels: { alertname: 'GatewayHighErrorRatio', service: 'gateway', severity: 'ticket' } },
    ]);
    await h.step(31_000);
    expect(h.sent()).toEqual([]);
    await h.step(60 * MIN);
    expect(h.sent()).toHaveLength(1);
  });

  it('retries a notification the channel refused with a retryable error and delivers it exactly once', async () => {
    h.notifier('first').failNext(2, { retryable: true, reason: 'HTTP 429' });
    await h.postAlertmanager([burn('acme')]);
    await h.step(31_000);
    for (let i = 0; i < 5 && h.notifier('first').delivered.length === 0; i++) await h.step(2000);
    expect(h.notifier('first').attempts).toHaveLength(3);
    expect(h.notifier('first').delivered).toHaveLength(1);
    const detail = (await h.api('GET', `/internal/v1/groups/${(await groups())[0]!.id}`)).body;
    expect(detail.notifications[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('dead-letters a notification the channel refused for good, with the reason, and sends it no more', async () => {
    h.notifier('first').failNext(1, { retryable: false, reason: 'HTTP 400: invalid routing key' });
    await h.postAlertmanager([burn('acme')]);
    await h.step(31_000);
    await h.step(5000);
    const detail = (await h.api('GET', `/internal/v1/groups/${(await groups())[0]!.id}`)).body;
    expect(detail.notifications[0]).toMatchObject({
      status: 'dead',
      lastError: 'HTTP 400: invalid routing key',
      attempts: 1,
    });
    expect(h.notifier('first').attempts).toHaveLength(1);
  });

  it('pages for the embedded SLO engine burn-rate events like for Prometheus alerts, and resolves with them', async () => {
    const labels = {
      alertname: 'SloErrorBudgetBurn',
      severity: 'page',
      burnrate_tier: 'page-fast',
      tenant: 'acme',
      slo: 'availability',
    };
    const event = {
      id: 1,
      fingerprint: 'f1',
      state: 'firing' as const,
      labels,
      annotations: { summary: 'acme burns 14.4x' },
      startsAt: new Date(h.clock.now).toISOString(),
      endsAt: null,
      longBurnRate: 20,
      shortBurnRate: 25,
      createdAt: new Date(h.clock.now).toISOString(),
    };
    h.alerting.bus.publish(event);
    await waitFor(async () => (await groups()).length === 1);
    await h.step(31_000);
    expect(h.notifier('first').delivered.map((n) => n.title)).toEqual(['acme burns 14.4x']);
    h.alerting.bus.publish({
      ...event,
      id: 2,
      state: 'resolved',
      endsAt: new Date(h.clock.now).toISOString(),
    });
    await waitFor(
      async () => (await h.api('GET', '/internal/v1/alerts?state=resolved')).body.alerts.length === 1,
    );
    await h.step(5 * MIN);
    expect(h.sent().map((x) => x.split(' ')[1])).toEqual(['trigger', 'resolve']);
  });

  it('reminds a silence reminder channel once a day while a long silence lasts, and stops when it expires', async () => {
    await h.channel('reminders');
    const s = await h.api('POST', '/internal/v1/silences', {
      tenant: 'acme',
      comment: 'noisy SLO under investigation',
      reminderChannelId: 'reminders',
      window: {
        kind: 'once',
        startsAt: new Date(h.clock.now).toISOString(),
        endsAt: new Date(h.clock.now + 60 * 60 * MIN).toISOString(),
      },
    });
    expect(s.status).toBe(201);
    await h.step(23 * 60 * MIN);
    expect(h.notifier('reminders').delivered).toHaveLength(0);
    await h.step(2 * 60 * MIN);
    expect(h.notifier('reminders').delivered).toHaveLength(1);
    expect(h.notifier('reminders').delivered[0]).toMatchObject({ action: 'reminder', tenant: 'acme' });
    expect(h.notifier('reminders').delivered[0]!.title).toContain('noisy SLO under investigation');
    await h.step(24 * 60 * MIN);
    expect(h.notifier('reminders').delivered).toHaveLength(2);
    await h.step(24 * 60 * MIN);
    await h.step(24 * 60 * MIN);
    expect(h.notifier('reminders').delivered).toHaveLength(2);
  });

  it('keeps its timers in Postgres: after a restart the escalation happens on time, once', async () => {
    await h.postAlertmanager([burn('acme')]);
    await h.step(31_000);
    await h.step(2 * MIN);
    await h.restart();
    await h.step(2 * MIN);
    expect(h.notifier('second').delivered).toHaveLength(0);
    await h.step(MIN + 1000);
    expect(h.notifier('second').delivered).toHaveLength(1);
    expect(h.notifier('first').delivered).toHaveLength(1);
  });
});
