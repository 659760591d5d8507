import { createHmac } from 'node:crypto';
import { parsePagerDutyWebhook } from '../../src/intake/pagerduty/parsePagerDutyWebhook';
import { verifyPagerDutySignature } from '../../src/intake/pagerduty/verifyPagerDutySignature';

const SECRET = 'pd-webhook-secret-new-8f2a';
const OLD_SECRET = 'pd-webhook-secret-old-1c9d';

const v1 = (secret: string, body: Buffer): string =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

function delivery(
  eventType: string,
  data: Record<string, unknown>,
  agent: unknown = null,
): Record<string, unknown> {
  return {
    event: {
      id: '01DFGH8JKLMN0PQRS2TUV3WXYZ',
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: '2026-01-10T12:05:06.789+01:00',
      agent,
      client: null,
      data,
    },
  };
}

const incident = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'Q1W2E3R',
  type: 'incident',
  self: 'https://api.pagerduty.com/incidents/Q1W2E3R',
  html_url: 'https://acme.pagerduty.com/incidents/Q1W2E3R',
  number: 7,
  status: 'acknowledged',
  incident_key: 'acme/HighErrorRate/3f1c9a',
  title: 'High error rate on checkout (acme)',
  ...overrides,
});

const responder = {
  id: 'PUSER01',
  type: 'user_reference',
  summary: 'Jane Responder',
  self: 'https://api.pagerduty.com/users/PUSER01',
};

describe('verifyPagerDutySignature', () => {
  const body = Buffer.from(JSON.stringify(delivery('incident.acknowledged', incident(), responder)), 'utf8');

  test('accepts a body signed with the subscription secret', () => {
    expect(verifyPagerDutySignature(body, v1(SECRET, body), [SECRET])).toBe(true);
  });

  test('accepts any matching value of several comma-separated signatures, as during a rotation', () => {
    const header = `${v1(OLD_SECRET, body)}, ${v1(SECRET, body)}`;
    expect(verifyPagerDutySignature(body, header, [SECRET])).toBe(true);
    expect(verifyPagerDutySignature(body, v1(OLD_SECRET, body), [SECRET, OLD_SECRET])).toBe(true);
    expect(verifyPagerDutySignature(body, `v2=abc,${v1(SECRET, body)}`, [SECRET])).toBe(true);
  });

  test('refuses a tampered body, a wrong secret, or a body with one flipped bit', () => {
    const tampered = Buffer.from(body.toString('utf8').replace('acknowledged', 'resolved'), 'utf8');
    expect(verifyPagerDutySignature(tampered, v1(SECRET, body), [SECRET])).toBe(false);
    expect(verifyPagerDutySignature(body, v1('someone-else', body), [SECRET])).toBe(false);
    const flipped = Buffer.from(body);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    expect(verifyPagerDutySignature(flipped, v1(SECRET, body), [SECRET])).toBe(false);
  });

  test('refuses a missing or malformed header and an empty secret list', () => {
    expect(verifyPagerDutySignature(body, undefined, [SECRET])).toBe(false);
    expect(verifyPagerDutySignature(body, '', [SECRET])).toBe(false);
    expect(verifyPagerDutySignature(body, v1(SECRET, body), [])).toBe(false);
    expect(verifyPagerDutySignature(body, v1(SECRET, body), [''])).toBe(false);
    expect(verifyPagerDutySignature(body, v1(SECRET, body).replace('v1=', 'v2='), [SECRET])).toBe(false);
    expect(verifyPagerDutySignature(body, v1(SECRET, body).slice(0, -2), [SECRET])).toBe(false);
    expect(verifyPagerDutySignature(body, 'v1=zz', [SECRET])).toBe(false);
    const many = Array.from({ length: 11 }, () => v1(SECRET, body)).join(',');
    expect(verifyPagerDutySignature(body, many, [SECRET])).toBe(false);
  });

  test('checks the raw bytes, so unicode bodies verify as sent', () => {
    const unicode = Buffer.from(
      JSON.stringify(delivery('incident.resolved', incident({ title: 'Störung 🔥' }))),
      'utf8',
    );
    expect(verifyPagerDutySignature(unicode, v1(SECRET, unicode), [SECRET])).toBe(true);
  });
});

describe('parsePagerDutyWebhook', () => {
  test('an acknowledgement gives the incident key as dedup key, the incident and who acknowledged', () => {
    expect(parsePagerDutyWebhook(delivery('incident.acknowledged', incident(), responder))).toEqual({
      ok: true,
      event: {
        id: '01DFGH8JKLMN0PQRS2TUV3WXYZ',
        type: 'acknowledged',
        eventType: 'incident.acknowledged',
        dedupKey: 'acme/HighErrorRate/3f1c9a',
        incidentId: 'Q1W2E3R',
        actor: 'Jane Responder',
        occurredAt: '2026-01-10T11:05:06.789Z',
      },
    });
  });

  test('a resolve by PagerDuty itself has no actor, and a hand-made incident no dedup key', () => {
    const parsed = parsePagerDutyWebhook(
      delivery('incident.resolved', incident({ status: 'resolved', incident_key: null })),
    );
    expect(parsed).toMatchObject({
      ok: true,
      event: { type: 'resolved', actor: null, dedupKey: null, incidentId: 'Q1W2E3R' },
    });
  });

  test('other event types are ignored, not rejected, and still identified where possible', () => {
    expect(
      parsePagerDutyWebhook(delivery('incident.triggered', incident({ status: 'triggered' }))),
    ).toMatchObject({
      ok: true,
      event: {
        type: 'ignored',
        eventType: 'incident.triggered',
        incidentId: 'Q1W2E3R',
        dedupKey: 'acme/HighErrorRate/3f1c9a',
      },
    });
    const note = {
      id: 'PNOTE1',
      type: 'incident_note',
      content: 'looking',
      incident: { id: 'Q1W2E3R', type: 'incident_reference' },
    };
    expect(parsePagerDutyWebhook(delivery('incident.annotated', note, responder))).toMatchObject({
      ok: true,
      event: { type: 'ignored', incidentId: 'Q1W2E3R', dedupKey: null, actor: 'Jane Responder' },
    });
    expect(
      parsePagerDutyWebhook(delivery('service.updated', { id: 'PSERV1', type: 'service' })),
    ).toMatchObject({
      ok: true,
      event: { type: 'ignored', incidentId: null },
    });
    expect(parsePagerDutyWebhook(delivery('pagey.ping', {}))).toMatchObject({
      ok: true,
      event: { type: 'ignored' },
    });
  });

  test('malformed bodies are rejected with the path of the first problem', () => {
    const cases: [unknown, string][] = [
      [null, 'body:'],
      ['incident.resolved', 'body:'],
      [[delivery('incident.resolved', incident())], 'body:'],
      [{}, 'event:'],
      [{ event: { ...(delivery('incident.resolved', incident()).event as object), id: '' } }, 'event.id:'],
      [
        {
          event: { ...(delivery('incident.resolved', incident()).event as object), occurred_at: 'yesterday' },
        },
        'event.occurred_at:',
      ],
      [
        { event: { ...(delivery('incident.resolved', incident()).event as object), data: 'x' } },
        'event.data:',
      ],
      [delivery('incident.resolved', incident({ type: 'service' })), 'event.data.type:'],
      [delivery('incident.acknowledged', incident({ id: 42 })), 'event.data.id:'],
      [delivery('incident.acknowledged', incident({ incident_key: 7 })), 'event.data.incident_key:'],
    ];
    for (const [input, prefix] of cases) {
      const parsed = parsePagerDutyWebhook(input);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.reason.startsWith(prefix) ? prefix : parsed).toBe(prefix);
    }
  });
});
