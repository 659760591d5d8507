import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startPipelineHarness, TOKEN } from './pipelineHarness';
import type { PipelineHarness } from './pipelineHarness';

let h: PipelineHarness;

const PD_SECRET = 'pagerduty-webhook-secret-0123456789';
const sign = (secret: string, body: string): string =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

beforeAll(async () => {
  h = await startPipelineHarness(undefined, { PAGERDUTY_WEBHOOK_SECRETS: `old-secret-000000, ${PD_SECRET}` });
});

afterAll(async () => {
  await h.close();
});

const raw = async (path: string, body: string | Buffer, headers: Record<string, string> = {}) => {
  const res = await fetch(`${h.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json().catch(() => null)) as { detail?: string } | null,
  };
};

describe('the alert intake refuses bad input with a reason and loses nothing it accepted', () => {
  it('accepts the shared Alertmanager webhook fixture as is', async () => {
    const fixture = readFileSync(
      join(__dirname, '../../../../shared/fixtures/alertmanager/webhook-v4-firing.json'),
      'utf8',
    );
    const r = await raw('/api/v1/alertmanager', fixture);
    expect(r.status).toBe(200);
    const alerts = (await h.api('GET', '/internal/v1/alerts?tenant=acme')).body.alerts;
    expect(alerts).toEqual([
      expect.objectContaining({ status: 'firing', source: 'alertmanager', tenant: 'acme' }),
    ]);
  });

  it.each([
    ['malformed JSON', '{"version": "4",', /malformed JSON/],
    [
      'another webhook version',
      JSON.stringify({ version: '3', groupKey: 'x', status: 'firing', receiver: 'r', alerts: [] }),
      /version/,
    ],
    [
      'no alerts',
      JSON.stringify({ version: '4', groupKey: 'x', status: 'firing', receiver: 'r', alerts: [] }),
      /alerts must not be empty/,
    ],
    [
      'a label name Prometheus would refuse',
      JSON.stringify({
        version: '4',
        groupKey: 'x',
        status: 'firing',
        receiver: 'r',
        alerts: [{ status: 'firing', labels: { 'bad-name': 'x' }, startsAt: '2026-11-26T09:00:00Z' }],
      }),
      /labels\.bad-name/,
    ],
    [
      'a start time that is not a time',
      JSON.stringify({
        version: '4',
        groupKey: 'x',
        status: 'firing',
        receiver: 'r',
        alerts: [{ status: 'firing', labels: { alertname: 'x' }, startsAt: 'yesterday' }],
      }),
      /startsAt/,
    ],
    // Found by the fuzz drill: the generator URL is stored as text, and a NUL in it was a 500.
    [
      'a NUL character in the generator URL',
      JSON.stringify({
        version: '4',
        groupKey: 'x',
        status: 'firing',
        receiver: 'r',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'x' },
            startsAt: '2026-11-26T06:53:01.171Z',
            generatorURL: 'a\u0000b',
          },
        ],
      }),
      /generatorURL.*NUL/,
    ],
  ])('answers 400 with the reason for %s on the Alertmanager webhook', async (_name, body, reason) => {
    const r = await raw('/api/v1/alertmanager', body);
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body?.detail).toMatch(reason);
  });

  it.each([
    ['an object instead of an array', '{"labels": {"a": "b"}}', /expected array/i],
    ['an alert without labels', '[{"labels": {}}]', /at least one label/],
    [
      'too many labels',
      JSON.stringify([{ labels: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`l${i}`, 'v'])) }]),
      /at most 64 labels/,
    ],
    ['a label value of 2 KiB', JSON.stringify([{ labels: { alertname: 'x'.repeat(2048) } }]), /at most 1024/],
    ['a NUL character in a label value', JSON.stringify([{ labels: { alertname: 'a\u0000b' } }]), /NUL/],
    [
      'a NUL character in an annotation',
      JSON.stringify([{ labels: { alertname: 'x' }, annotations: { summary: '\u0000' } }]),
      /NUL/,
    ],
    // Found by the fuzz drill: jsonb refuses a lone surrogate's \ud800 escape, which was a 500.
    [
      'a lone UTF-16 surrogate in a label value',
      '[{"labels": {"alertname": "x", "service": "\\ud800"}}]',
      /surrogate/,
    ],
    [
      'a lone UTF-16 surrogate in an annotation value',
      '[{"labels": {"alertname": "x"}, "annotations": {"summary": "\\udc00"}}]',
      /surrogate/,
    ],
  ])('answers 400 with the reason for %s on /api/v2/alerts', async (_name, body, reason) => {
    const r = await raw('/api/v2/alerts', body);
    expect(r.status).toBe(400);
    expect(r.body?.detail).toMatch(reason);
  });

  it('answers 413 to a body over INTAKE_MAX_BODY_BYTES and 401 without the intake token', async () => {
    const big = JSON.stringify([
      { labels: { alertname: 'x' }, annotations: { a: 'y'.repeat(6 * 1024 * 1024) } },
    ]);
    expect((await raw('/api/v2/alerts', big)).status).toBe(413);
    expect(
      (await raw('/api/v2/alerts', '[]', { authorization: 'Bearer wrong-token-0123456789' })).status,
    ).toBe(401);
    expect((await raw('/api/v1/alertmanager', '{}', { authorization: '' })).status).toBe(401);
  });

  it('keeps serving after hostile input: a valid alert right after is stored', async () => {
    await raw('/api/v2/alerts', '\u0000\u0001garbage');
    await raw('/api/v2/alerts', '[' + '['.repeat(5000) + ']'.repeat(5000) + ']');
    const ok = await raw(
      '/api/v2/alerts',
      JSON.stringify([{ labels: { alertname: 'AfterGarbage', tenant: 'initech' } }]),
    );
    expect(ok.status).toBe(200);
    const alerts = (await h.api('GET', '/internal/v1/alerts?tenant=initech')).body.alerts;
    expect(alerts.map((a) => (a.labels as Record<string, string>).alertname)).toContain('AfterGarbage');
  });

  it('answers 60 concurrent one-alert POSTs only after storing each, in fewer transactions than requests', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        raw('/api/v2/alerts', JSON.stringify([{ labels: { alertname: `Burst${i}`, tenant: 'umbrella' } }])),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 60 }, () => 200));
    const stored = (await h.api('GET', '/internal/v1/alerts?tenant=umbrella')).body.alerts;
    expect(new Set(stored.map((a) => (a.labels as Record<string, string>).alertname)).size).toBe(60);
    // Rows written by one transaction share its xmin, so this counts the transactions that stored the burst.
    const client = new pg.Client({ connectionString: h.db.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM alerting.alerts WHERE labels->>'alertname' LIKE 'Burst%'`,
    );
    await client.end();
    expect(rows[0]!.n).toBeLessThan(60);
  });

  it('fails only the request whose alert the database refuses when requests share a transaction', async () => {
    const alert = (name: string) => ({
      labels: { alertname: name, tenant: 'hooli' },
      annotations: {},
      startsAt: new Date(h.clock.now),
      endsAt: null,
      generatorUrl: null,
    });
    // The HTTP intake refuses NUL; here it goes straight to the intake to stand for any row the database rejects.
    const results = await Promise.allSettled([
      h.alerting.intake.receive([alert('SharedA')], 'api'),
      h.alerting.intake.receive([alert('SharedB')], 'api'),
      h.alerting.intake.receive([alert('Bad\u0000Name')], 'api'),
      h.alerting.intake.receive([alert('SharedC'), alert('SharedC')], 'api'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[3]).toEqual({ status: 'fulfilled', value: { received: 1, changed: 1 } });
    const stored = (await h.api('GET', '/internal/v1/alerts?tenant=hooli')).body.alerts;
    expect(stored.map((a) => (a.labels as Record<string, string>).alertname).sort()).toEqual([
      'SharedA',
      'SharedB',
      'SharedC',
    ]);
  });
});

describe('PagerDuty v3 webhooks', () => {
  it('refuse a webhook whose signature does not match and, when signed, acknowledge the group with that dedup key', async () => {
    await h.channel('pd-like');
    expect(
      (
        await h.api('PUT', '/internal/v1/policies/default', {
          name: 'Default',
          steps: [{ targets: [{ type: 'channel', id: 'pd-like' }], waitMinutes: 5 }],
        })
      ).status,
    ).toBe(200);
    await h.postAlertmanager([{ labels: { alertname: 'PdAck', tenant: 'pdtenant', severity: 'page' } }]);
    await h.step(31_000);
    const group = (await h.api('GET', '/internal/v1/groups?tenant=pdtenant')).body.groups[0]!;
    expect(group.state).toBe('firing');
    const body = JSON.stringify({
      event: {
        id: '01DEN1HFSBHYGD8VNMEG4OS5SO',
        event_type: 'incident.acknowledged',
        resource_type: 'incident',
        occurred_at: '2026-11-26T09:01:00.000Z',
        agent: { id: 'PUSER01', summary: 'Dana Oncall', type: 'user_reference' },
        data: { id: 'PGR0VU2', type: 'incident', incident_key: group.dedupKey, status: 'acknowledged' },
      },
    });
    const tampered = await raw('/api/v1/pagerduty', body.replace('Dana', 'Eve'), {
      'x-pagerduty-signature': sign(PD_SECRET, body),
    });
    expect(tampered.status).toBe(401);
    const ok = await raw('/api/v1/pagerduty', body, {
      'x-pagerduty-signature': `v1=deadbeef,${sign(PD_SECRET, body)}`,
    });
    expect(ok.status).toBe(202);
    const after = (await h.api('GET', `/internal/v1/groups/${group.id}`)).body;
    expect(after.group).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'pagerduty:Dana Oncall',
      escalation: { nextAt: null },
    });
    // Only the PagerDuty integration is spared the ack it sent; this webhook channel is told.
    await h.step(1000);
    const sent = h.sent().filter((s) => s.includes(group.dedupKey));
    expect(sent.map((s) => s.split(' ')[1])).toEqual(['trigger', 'acknowledge']);
  });
});

describe('PagerDuty v3 webhooks with hostile fields', () => {
  // Found by the fuzz drill: an incident key holding U+0000 reached the dedup lookup, and PostgreSQL refused it (500).
  it('answer a signed webhook whose incident key holds a NUL character with 202 and nothing applied', async () => {
    const body = JSON.stringify({
      event: {
        id: '01DEN1HFSBHYGD8VNMEG4OS5SP',
        event_type: 'incident.resolved',
        resource_type: 'incident',
        occurred_at: '2026-11-26T09:01:00.000Z',
        agent: null,
        data: { id: 'PGR0VU3', type: 'incident', incident_key: 'a\u0000b' },
      },
    });
    const res = await raw('/api/v1/pagerduty', body, { 'x-pagerduty-signature': sign(PD_SECRET, body) });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ applied: false });
  });
});

describe('the configuration API', () => {
  // Found by the fuzz drill: a NUL in a policy's name reached PostgreSQL as a 500 (a 502 at the api).
  it.each([
    ['a NUL in a policy name', 'POST', '/internal/v1/policies', { name: 'a\u0000b' }, /^name: .*NUL/],
    ['a NUL in the default policy name', 'PUT', '/internal/v1/policies/default', { name: '\u0000' }, /NUL/],
    [
      'a lone surrogate in a silence comment',
      'POST',
      '/internal/v1/silences',
      {
        comment: 'x\ud800',
        matchers: [{ name: 'alertname', type: '=', value: 'x' }],
        window: { kind: 'once', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' },
      },
      /surrogate/,
    ],
    [
      'a NUL in a key of a channel config',
      'POST',
      '/internal/v1/channels',
      { name: 'c', config: { 'a\u0000': 1 } },
      /key .*NUL/,
    ],
  ])('refuses %s with 400 and the reason', async (_name, method, path, body, reason) => {
    const res = await h.api(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(reason);
  });

  it('refuses a route that would make a cycle, an unknown policy, and deleting the root', async () => {
    const a = await h.api('POST', '/internal/v1/routes', { id: 'r-a', name: 'a', parentId: 'root' });
    expect(a.status).toBe(201);
    const b = await h.api('POST', '/internal/v1/routes', { id: 'r-b', name: 'b', parentId: 'r-a' });
    expect(b.status).toBe(201);
    const cycle = await h.api('PUT', '/internal/v1/routes/r-a', { name: 'a', parentId: 'r-b' });
    expect(cycle.status).toBe(400);
    expect(cycle.body.detail).toMatch(/cycle/);
    const unknown = await h.api('POST', '/internal/v1/routes', {
      name: 'c',
      parentId: 'root',
      policyId: 'nope',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/policy nope does not exist/);
    expect((await h.api('DELETE', '/internal/v1/routes/root')).status).toBe(400);
    expect(
      (
        await h.api('POST', '/internal/v1/routes', {
          name: 'd',
          parentId: 'root',
          matchers: [{ name: 'x', type: '=~', value: '(' }],
        })
      ).status,
    ).toBe(400);
  });

  it('refuses a policy step that names a channel, user or schedule that does not exist', async () => {
    const r = await h.api('POST', '/internal/v1/policies', {
      name: 'p',
      steps: [{ targets: [{ type: 'schedule', id: 'ghost' }], waitMinutes: 5 }],
    });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/schedule ghost does not exist/);
  });

  it('refuses a silence that would mute every alert, and one with a rule finer than a minute', async () => {
    const all = await h.api('POST', '/internal/v1/silences', {
      comment: 'x',
      window: { kind: 'once', startsAt: '2026-11-26T09:00:00Z', endsAt: '2026-11-26T10:00:00Z' },
    });
    expect(all.status).toBe(400);
    expect(all.body.detail).toMatch(/mute every alert/);
    const secondly = await h.api('POST', '/internal/v1/silences', {
      tenant: 'acme',
      comment: 'x',
      window: {
        kind: 'rrule',
        rrule: 'FREQ=SECONDLY',
        dtstart: '2026-11-26T09:00',
        durationMinutes: 5,
        timeZone: 'UTC',
      },
    });
    expect(secondly.status).toBe(400);
  });

  it('confines a tenant-scoped caller to its tenant: its silences carry its tenant, others are 404, platform config is 403', async () => {
    const acme = { 'x-sightline-tenant': 'acme', 'x-sightline-actor': 'acme-admin' };
    const s = await h.api(
      'POST',
      '/internal/v1/silences',
      {
        service: 'gateway',
        comment: 'deploy',
        window: { kind: 'once', startsAt: '2026-11-26T09:00:00Z', endsAt: '2026-11-26T10:00:00Z' },
      },
      acme,
    );
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ tenant: 'acme', service: 'gateway', createdBy: 'acme-admin' });
    const other = await h.api(
      'POST',
      '/internal/v1/silences',
      {
        tenant: 'globex',
        comment: 'x',
        window: { kind: 'once', startsAt: '2026-11-26T09:00:00Z', endsAt: '2026-11-26T10:00:00Z' },
      },
      acme,
    );
    expect(other.status).toBe(403);
    expect((await h.api('GET', '/internal/v1/routes', undefined, acme)).status).toBe(403);
    await h.postAlertmanager([{ labels: { alertname: 'X', tenant: 'globex' } }]);
    const globexGroup = (await h.api('GET', '/internal/v1/groups?tenant=globex')).body.groups[0]!;
    expect((await h.api('GET', `/internal/v1/groups/${globexGroup.id}`, undefined, acme)).status).toBe(404);
    expect((await h.api('POST', `/internal/v1/groups/${globexGroup.id}/ack`, {}, acme)).status).toBe(404);
    expect((await h.api('GET', '/internal/v1/groups?tenant=globex', undefined, acme)).status).toBe(403);
  });

  it('audits every change with who made it, and masks channel secrets in answers', async () => {
    const c = await h.api(
      'POST',
      '/internal/v1/channels',
      { id: 'pd', name: 'pd', config: { type: 'pagerduty', routingKey: 'k'.repeat(32) } },
      { 'x-sightline-actor': 'carol' },
    );
    expect(c.status).toBe(201);
    expect(JSON.stringify(c.body)).not.toContain('k'.repeat(32));
    const back = await h.api('PUT', '/internal/v1/channels/pd', { name: 'pd', config: c.body.config });
    expect(back.status).toBe(400);
    const audit = (await h.api('GET', '/internal/v1/audit')).body.entries as Array<{
      actor: string;
      action: string;
    }>;
    expect(audit.find((e) => e.action === 'channel.create')).toMatchObject({ actor: 'carol' });
    expect(JSON.stringify(audit)).not.toContain('k'.repeat(32));
  });

  it('says who is on call now for a schedule', async () => {
    const r = await h.api('POST', '/internal/v1/schedules', {
      id: 'primary',
      name: 'Primary',
      spec: {
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'week',
            rotation: 'weekly',
            handoffTime: '09:00',
            handoffWeekday: 1,
            startDate: '2026-11-02',
            participants: ['alice', 'bob'],
          },
        ],
      },
    });
    expect(r.status).toBe(201);
    // 2026-11-26 is in the fourth week since 2026-11-02: alice, bob, alice, bob.
    const now = await h.api('GET', '/internal/v1/schedules/primary/oncall?at=2026-11-26T12:00:00Z');
    expect(now.body).toMatchObject({ users: ['bob'] });
  });
});
