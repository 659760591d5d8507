import pg from 'pg';
import { startPipelineHarness } from '../pipeline/pipelineHarness';
import type { PipelineHarness } from '../pipeline/pipelineHarness';

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString();

/** sql runs one statement on the harness's database (to stamp created_at, which the database sets itself). */
async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: h.db.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

interface Incident {
  groupId: number;
  incident: number;
  dedupKey: string;
  title: string;
  severity: string | null;
  slo: string | null;
  startedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  paged: boolean;
}

interface Window {
  silenceId: string;
  startsAt: string;
  endsAt: string;
  recurring: boolean;
  comment: string;
  createdBy: string;
}

let h: PipelineHarness;

const burn = (tenant: string) => ({
  labels: { alertname: 'TenantErrorBudgetBurn', tenant, slo: 'availability', severity: 'page' },
  annotations: { summary: `${tenant} burns its budget` },
});

const policy = (channels: string[]) => ({
  name: 'Default',
  steps: [{ targets: channels.map((id) => ({ type: 'channel', id })), waitMinutes: 5 }],
});

async function ok<T>(path: string): Promise<T> {
  const r = await h.api('GET', path);
  expect(r.status).toBe(200);
  return r.body as unknown as T;
}

const incidents = async (tenant: string, from: number, to: number): Promise<Incident[]> =>
  (
    await ok<{ incidents: Incident[] }>(
      `/internal/v1/reporting/incidents?tenant=${tenant}&from=${iso(from)}&to=${iso(to)}`,
    )
  ).incidents;

beforeAll(async () => {
  h = await startPipelineHarness(T0);
  await h.channel('first');
  const pd = await h.api('POST', '/internal/v1/channels', {
    id: 'pd',
    name: 'PagerDuty',
    config: { type: 'pagerduty', routingKey: 'r'.repeat(32) },
  });
  expect(pd.status).toBe(201);
  expect((await h.api('PUT', '/internal/v1/policies/default', policy(['pd', 'first']))).status).toBe(200);
  const route = await h.api('PUT', '/internal/v1/routes/root', {
    name: 'Root',
    policyId: 'default',
    groupWaitSeconds: 30,
    groupIntervalSeconds: 300,
    repeatIntervalSeconds: 4 * 3600,
  });
  expect(route.status).toBe(200);
  // initech's alerts go to a policy without steps: they open incidents that page nobody.
  const empty = await h.api('POST', '/internal/v1/policies', { id: 'quiet', name: 'Quiet', steps: [] });
  expect(empty.status).toBe(201);
  const quiet = await h.api('POST', '/internal/v1/routes', {
    id: 'initech',
    name: 'initech',
    parentId: 'root',
    matchers: [{ name: 'tenant', type: '=', value: 'initech' }],
    policyId: 'quiet',
  });
  expect(quiet.status).toBe(201);

  // Incident 1 of acme pages PagerDuty, is acknowledged by alice and resolved by bob.
  await h.postAlertmanager([burn('acme')]);
  await h.step(31 * SEC);
  const group = (await h.api('GET', '/internal/v1/groups?tenant=acme')).body.groups[0]!;
  await h.step(MIN);
  const ack = await h.api(
    'POST',
    `/internal/v1/groups/${group.id}/ack`,
    {},
    { 'x-sightline-actor': 'alice' },
  );
  expect(ack.status).toBe(200);
  await h.step(20 * MIN - 91 * SEC);
  const resolve = await h.api(
    'POST',
    `/internal/v1/groups/${group.id}/resolve`,
    {},
    { 'x-sightline-actor': 'bob' },
  );
  expect(resolve.status).toBe(200);

  // Incident 2 of the same group fires after the policy stopped paging PagerDuty, and is still open.
  expect((await h.api('PUT', '/internal/v1/policies/default', policy(['first']))).status).toBe(200);
  await h.step(40 * MIN);
  await h.postAlertmanager([burn('acme')]);
  await h.step(31 * SEC);
  await h.postAlertmanager([burn('globex'), burn('initech')]);
  await h.step(31 * SEC);
});

afterAll(async () => {
  await h.close();
});

describe('GET /internal/v1/reporting/incidents', () => {
  it('lists both episodes of a group that paged, was acknowledged, resolved and paged again, with their times and flags', async () => {
    const list = await incidents('acme', T0 - 3600 * SEC, T0 + 86_400 * SEC);
    expect(list).toHaveLength(2);
    const [first, second] = list as [Incident, Incident];
    expect(first).toEqual({
      groupId: second.groupId,
      incident: 1,
      dedupKey: expect.stringMatching(/^sightline-[0-9a-f]{40}$/),
      title: 'TenantErrorBudgetBurn: acme burns its budget',
      alertname: 'TenantErrorBudgetBurn',
      summary: 'acme burns its budget',
      severity: 'page',
      slo: 'availability',
      startedAt: iso(T0 + 31 * SEC),
      acknowledgedAt: iso(T0 + 91 * SEC),
      acknowledgedBy: 'alice',
      resolvedAt: iso(T0 + 20 * MIN),
      resolvedBy: 'bob',
      paged: true,
    });
    expect(second).toMatchObject({
      incident: 2,
      dedupKey: first.dedupKey,
      startedAt: iso(T0 + 60 * MIN + 31 * SEC),
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      paged: false,
    });
    // The incident numbers are the ones the group's notifications carry.
    const detail = await h.api('GET', `/internal/v1/groups/${first.groupId}`);
    const pdTriggers = detail.body.notifications.filter(
      (n) => n.integration === 'pagerduty' && n.action === 'trigger',
    );
    expect(pdTriggers.map((n) => n.incident)).toEqual([1]);
  });

  it('keeps only incidents open at some time in [from, to), both ends read half-open', async () => {
    const numbers = async (from: number, to: number) =>
      (await incidents('acme', from, to)).map((i) => i.incident);
    expect(await numbers(T0, T0 + 10 * MIN)).toEqual([1]);
    expect(await numbers(T0 + 30 * MIN, T0 + 2 * 3600 * SEC)).toEqual([2]);
    expect(await numbers(T0 + 20 * MIN, T0 + 60 * MIN + 31 * SEC)).toEqual([]);
    expect(await numbers(T0 + 20 * MIN - 1, T0 + 60 * MIN + 31 * SEC + 1)).toEqual([1, 2]);
    // An open incident counts in any later range.
    expect(await numbers(T0 + 30 * 86_400 * SEC, T0 + 31 * 86_400 * SEC)).toEqual([2]);
    expect(await numbers(T0 - 86_400 * SEC, T0)).toEqual([]);
  });

  it("answers each tenant's own incidents only, and an empty list for an unknown tenant", async () => {
    const globex = await incidents('globex', T0, T0 + 86_400 * SEC);
    expect(globex.map((i) => [i.title, i.incident, i.paged])).toEqual([
      ['TenantErrorBudgetBurn: globex burns its budget', 1, false],
    ]);
    expect(await incidents('nobody', T0, T0 + 86_400 * SEC)).toEqual([]);
  });

  it('counts an incident whose route has no one to page, which the timeline records as unrouted', async () => {
    const [only, ...rest] = await incidents('initech', T0, T0 + 86_400 * SEC);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ incident: 1, startedAt: iso(T0 + 61 * MIN + 2 * SEC), paged: false });
    const timeline = (await h.api('GET', `/internal/v1/groups/${only!.groupId}`)).body.timeline;
    expect(timeline.map((e) => e.kind)).toEqual(['unrouted']);
  });
});

describe('GET /internal/v1/reporting/maintenance', () => {
  beforeAll(async () => {
    const create = async (body: Record<string, unknown>, actor = 'carol') => {
      const r = await h.api('POST', '/internal/v1/silences', body, { 'x-sightline-actor': actor });
      expect(r.status).toBe(201);
    };
    await create({
      id: 'nightly',
      kind: 'maintenance',
      tenant: 'acme',
      comment: 'nightly database maintenance',
      window: {
        kind: 'rrule',
        rrule: 'FREQ=DAILY',
        dtstart: '2026-01-01T02:00',
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
      },
    });
    await create({
      id: 'by-matcher',
      matchers: [{ name: 'tenant', type: '=', value: 'acme' }],
      comment: 'one-off upgrade',
      window: { kind: 'once', startsAt: '2026-03-28T10:00:00Z', endsAt: '2026-03-28T12:00:00Z' },
    });
    await create({
      id: 'other-tenant',
      kind: 'maintenance',
      tenant: 'globex',
      comment: 'not acme',
      window: { kind: 'once', startsAt: '2026-03-28T10:00:00Z', endsAt: '2026-03-28T12:00:00Z' },
    });
    await create({
      id: 'ended-early',
      kind: 'maintenance',
      tenant: 'acme',
      comment: 'upgrade that went well',
      window: { kind: 'once', startsAt: '2026-11-26T09:30:00Z', endsAt: '2026-11-26T15:00:00Z' },
    });
    // The harness clock stands at 10:01:02Z, half an hour into the window: ending it now cuts it there.
    expect((await h.api('DELETE', '/internal/v1/silences/ended-early')).status).toBe(204);
    // The database stamps created_at with the real time; these windows were made before the weeks asked about.
    await sql(`UPDATE alerting.silences SET created_at = '2026-01-01T00:00:00Z'`);
  });

  const windows = async (from: string, to: string): Promise<Window[]> =>
    (
      await ok<{ windows: Window[]; truncated: boolean }>(
        `/internal/v1/reporting/maintenance?tenant=acme&from=${from}&to=${to}`,
      )
    ).windows;

  it('lists seven nightly 02:00-03:00 Europe/Berlin occurrences in a week across the spring DST change, in UTC', async () => {
    const week = await windows('2026-03-27T00:00:00%2B01:00', '2026-04-03T00:00:00%2B02:00');
    const nightly = week.filter((w) => w.silenceId === 'nightly');
    expect(nightly.map((w) => [w.startsAt, w.endsAt])).toEqual([
      ['2026-03-27T01:00:00.000Z', '2026-03-27T02:00:00.000Z'],
      ['2026-03-28T01:00:00.000Z', '2026-03-28T02:00:00.000Z'],
      // 02:00 does not exist on the night clocks spring forward: the window starts at 03:00 CEST.
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
      ['2026-03-30T00:00:00.000Z', '2026-03-30T01:00:00.000Z'],
      ['2026-03-31T00:00:00.000Z', '2026-03-31T01:00:00.000Z'],
      ['2026-04-01T00:00:00.000Z', '2026-04-01T01:00:00.000Z'],
      ['2026-04-02T00:00:00.000Z', '2026-04-02T01:00:00.000Z'],
    ]);
    expect(nightly[0]).toMatchObject({
      comment: 'nightly database maintenance',
      createdBy: 'carol',
      recurring: true,
    });
    // A silence scoped by a tenant matcher is the tenant's too; another tenant's window is not.
    expect(week.map((w) => w.silenceId)).toEqual([
      'nightly',
      'nightly',
      'by-matcher',
      'nightly',
      'nightly',
      'nightly',
      'nightly',
      'nightly',
    ]);
    expect(week[2]).toMatchObject({
      startsAt: '2026-03-28T10:00:00.000Z',
      endsAt: '2026-03-28T12:00:00.000Z',
      recurring: false,
    });
  });

  it('lists no occurrence of a recurring window from before it was created, but a one-off window as entered', async () => {
    const create = async (body: Record<string, unknown>) =>
      expect(
        (await h.api('POST', '/internal/v1/silences', body, { 'x-sightline-actor': 'dave' })).status,
      ).toBe(201);
    await create({
      id: 'weekly-late',
      kind: 'maintenance',
      tenant: 'acme',
      comment: 'daily backup, set up mid-week',
      window: {
        kind: 'rrule',
        rrule: 'FREQ=DAILY',
        dtstart: '2026-01-01T22:00',
        durationMinutes: 30,
        timeZone: 'UTC',
      },
    });
    await create({
      id: 'recorded-later',
      kind: 'maintenance',
      tenant: 'acme',
      comment: 'emergency patch, recorded afterwards',
      window: { kind: 'once', startsAt: '2026-03-30T03:00:00Z', endsAt: '2026-03-30T04:00:00Z' },
    });
    await sql(
      `UPDATE alerting.silences SET created_at = '2026-03-31T12:00:00Z' WHERE id IN ('weekly-late', 'recorded-later')`,
    );
    const week = await windows('2026-03-27T00:00:00Z', '2026-04-03T00:00:00Z');
    expect(week.filter((w) => w.silenceId === 'weekly-late').map((w) => w.startsAt)).toEqual([
      '2026-03-31T22:00:00.000Z',
      '2026-04-01T22:00:00.000Z',
      '2026-04-02T22:00:00.000Z',
    ]);
    expect(week.filter((w) => w.silenceId === 'recorded-later').map((w) => w.startsAt)).toEqual([
      '2026-03-30T03:00:00.000Z',
    ]);
    await sql(`DELETE FROM alerting.silences WHERE id IN ('weekly-late', 'recorded-later')`);
  });

  it('clips occurrences to the range and ends a window that was ended early at its real end', async () => {
    const day = await windows('2026-11-26T00:30:00Z', '2026-11-26T23:00:00Z');
    expect(day.map((w) => [w.silenceId, w.startsAt, w.endsAt])).toEqual([
      // 02:00-03:00 CET is 01:00-02:00 UTC; the range starts half-way into the one before.
      ['nightly', '2026-11-26T01:00:00.000Z', '2026-11-26T02:00:00.000Z'],
      ['ended-early', '2026-11-26T09:30:00.000Z', iso(h.clock.now)],
    ]);
    const clipped = await windows('2026-11-26T01:30:00Z', '2026-11-26T01:45:00Z');
    expect(clipped.map((w) => [w.startsAt, w.endsAt])).toEqual([
      ['2026-11-26T01:30:00.000Z', '2026-11-26T01:45:00.000Z'],
    ]);
  });
});

describe('the reporting endpoints refuse bad requests with a reason', () => {
  const ok = 'from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z';
  it.each([
    ['no tenant', `?${ok}`, /tenant is required/],
    ['a malformed tenant', `?tenant=ACME&${ok}`, /tenant must be/],
    ['no from', '?tenant=acme&to=2026-11-30T00:00:00Z', /from is required/],
    [
      'an instant without a zone',
      '?tenant=acme&from=2026-11-23T00:00:00&to=2026-11-30T00:00:00Z',
      /from must be an ISO 8601/,
    ],
    [
      'a day February does not have',
      '?tenant=acme&from=2026-02-30T00:00:00Z&to=2026-03-30T00:00:00Z',
      /from must be/,
    ],
    [
      'from after to',
      '?tenant=acme&from=2026-11-30T00:00:00Z&to=2026-11-23T00:00:00Z',
      /from must be before to/,
    ],
    [
      'an empty range',
      '?tenant=acme&from=2026-11-30T00:00:00Z&to=2026-11-30T00:00:00Z',
      /from must be before to/,
    ],
    [
      'more than 400 days',
      '?tenant=acme&from=2025-01-01T00:00:00Z&to=2026-02-06T00:00:01Z',
      /at most 400 days/,
    ],
    ['an unknown parameter', `?tenant=acme&${ok}&limit=5`, /unknown query parameter limit/],
    ['a repeated parameter', `?tenant=acme&tenant=globex&${ok}`, /tenant must be given once/],
  ])('answers 400 for %s', async (_name, query, reason) => {
    for (const path of ['incidents', 'maintenance']) {
      const r = await h.api('GET', `/internal/v1/reporting/${path}${query}`);
      expect(r.status).toBe(400);
      expect(String(r.body.detail)).toMatch(reason);
    }
  });

  it('accepts exactly 400 days', async () => {
    const r = await h.api(
      'GET',
      '/internal/v1/reporting/incidents?tenant=acme&from=2025-01-01T00:00:00Z&to=2026-02-05T00:00:00Z',
    );
    expect(r.status).toBe(200);
  });

  it('answers 401 without the internal token, and 403 when the api forwards another tenant', async () => {
    for (const path of ['incidents', 'maintenance']) {
      const res = await fetch(`${h.base}/internal/v1/reporting/${path}?tenant=acme&${ok}`);
      expect(res.status).toBe(401);
      const other = await h.api('GET', `/internal/v1/reporting/${path}?tenant=acme&${ok}`, undefined, {
        'x-sightline-tenant': 'globex',
      });
      expect(other.status).toBe(403);
    }
  });
});
