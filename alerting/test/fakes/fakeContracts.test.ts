import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { FakePagerDuty } from './FakePagerDuty';
import { FakeSlack } from './FakeSlack';
import { FakeSmtp } from '@sightline/testing';
import { FakeWebhook } from './FakeWebhook';

// The fakes are only worth something if they refuse what the real services refuse: these tests break the contracts
// on purpose and check the fake answers like the service and records the violation.

const SPEC = JSON.parse(
  readFileSync(join(__dirname, '../../../../shared/fixtures/pagerduty/events-v2.openapi.json'), 'utf8'),
) as {
  paths: Record<
    string,
    {
      post: {
        requestBody: {
          content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }>;
        };
      };
    }
  >;
};
const EXAMPLE = SPEC.paths['/enqueue']!.post.requestBody.content['application/json']!.examples.event!.value;

const post = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('FakePagerDuty', () => {
  let pd: FakePagerDuty;
  beforeAll(async () => {
    pd = await new FakePagerDuty().start();
  });
  afterAll(() => pd.close());

  test("accepts the example event of PagerDuty's own OpenAPI document", async () => {
    const res = await post(pd.enqueueUrl, EXAMPLE);
    expect([res.status, await res.json()]).toEqual([
      202,
      { status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' },
    ]);
    expect(pd.violations).toEqual([]);
    expect(pd.byDedupKey('srv01/mysql')).toHaveLength(1);
  });

  test.each<[string, unknown, string]>([
    [
      'an unknown severity',
      { ...EXAMPLE, payload: { ...(EXAMPLE.payload as object), severity: 'urgent' } },
      'body/payload/severity must be equal to one of the allowed values',
    ],
    ['a trigger without payload', { ...EXAMPLE, payload: undefined }, "'payload' is missing or blank"],
    [
      'a payload without source',
      { ...EXAMPLE, payload: { summary: 's', severity: 'info' } },
      "body/payload must have required property 'source'",
    ],
    [
      'a resolve without dedup_key',
      { routing_key: EXAMPLE.routing_key, event_action: 'resolve' },
      "'dedup_key' is required for resolve events",
    ],
    [
      'an unknown event_action',
      { ...EXAMPLE, event_action: 'snooze' },
      'body/event_action must be equal to one of the allowed values',
    ],
    [
      'a link that is not a URL',
      { ...EXAMPLE, links: [{ href: 'not a url' }] },
      'body/links/0/href must match format "url"',
    ],
    [
      'a timestamp that is not a date-time',
      { ...EXAMPLE, payload: { ...(EXAMPLE.payload as object), timestamp: 'yesterday' } },
      'body/payload/timestamp must match format "date-time"',
    ],
    [
      'a summary over 1024 characters',
      { ...EXAMPLE, payload: { ...(EXAMPLE.payload as object), summary: 'x'.repeat(1025) } },
      "'payload.summary' is longer than 1024 characters",
    ],
    [
      'a short routing key',
      { ...EXAMPLE, routing_key: 'abc' },
      "Length of 'routing_key' is incorrect (should be 32 characters)",
    ],
  ])('refuses %s with 400 invalid event and records it', async (_what, body, error) => {
    const before = pd.violations.length;
    const res = await post(pd.enqueueUrl, body);
    const answer = (await res.json()) as { status: string; message: string; errors: string[] };
    expect(res.status).toBe(400);
    expect(answer).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
    expect(answer.errors).toContain(error);
    expect(pd.violations.slice(before).map((v) => v.errors)).toEqual([answer.errors]);
  });

  test('refuses a body that is not JSON as an unrecognized object', async () => {
    const res = await post(pd.enqueueUrl, '{"routing_key":');
    expect([res.status, await res.json()]).toEqual([
      400,
      {
        status: 'Unrecognized object',
        message: 'Event object format is unrecognized',
        errors: ['JSON parse error'],
      },
    ]);
  });
});

describe('FakeSlack', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
  });
  afterAll(() => slack.close());

  test('accepts a plain text message with "ok"', async () => {
    const res = await post(slack.webhookUrl, { text: 'hello' });
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
    expect(slack.violations).toEqual([]);
  });

  test.each<[string, unknown, number, string]>([
    ['a body that is not JSON', '{', 400, 'invalid_payload'],
    ['a message without text or blocks', { channel: '#x' }, 400, 'no_text'],
    [
      'a header over 150 characters',
      { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      400,
      'invalid_blocks',
    ],
    [
      'a mrkdwn header',
      { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] },
      400,
      'invalid_blocks',
    ],
    [
      'a section over 3000 characters',
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } }] },
      400,
      'invalid_blocks',
    ],
    [
      'eleven section fields',
      {
        blocks: [
          { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        ],
      },
      400,
      'invalid_blocks',
    ],
    ['51 blocks', { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, 400, 'invalid_blocks'],
    ['an unknown block type', { blocks: [{ type: 'marquee' }] }, 400, 'invalid_blocks'],
  ])('refuses %s like Slack and records it', async (_what, body, status, code) => {
    const before = slack.violations.length;
    const res = await post(slack.webhookUrl, body);
    expect([res.status, await res.text()]).toEqual([status, code]);
    expect(slack.violations.slice(before).map((v) => v.reason)).toEqual([code]);
  });
});

describe('FakeWebhook', () => {
  const secret = 'whsec-0123456789abcdef';
  let hook: FakeWebhook;
  beforeAll(async () => {
    hook = await new FakeWebhook(secret).start();
  });
  afterAll(() => hook.close());

  const signed = (body: string, ts: number): Record<string, string> => ({
    'x-sightline-timestamp': String(ts),
    'x-sightline-signature': `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
    'x-sightline-notification-id': 'n1',
  });

  test('accepts a correctly signed delivery and refuses unsigned, stale or re-signed ones with 401', async () => {
    const body = JSON.stringify({ id: 'n1' });
    const now = Math.floor(Date.now() / 1000);
    expect((await post(hook.url, body, signed(body, now))).status).toBe(204);
    expect((await post(hook.url, body)).status).toBe(401);
    expect((await post(hook.url, body, signed(body, now - 600))).status).toBe(401);
    expect((await post(hook.url, JSON.stringify({ id: 'n2' }), signed(body, now))).status).toBe(401);
    expect(hook.deliveries).toHaveLength(1);
    expect(hook.violations.map((v) => v.reason)).toEqual([
      'missing signature headers',
      'timestamp outside the tolerance window',
      'invalid signature',
    ]);
  });
});

describe('FakeSmtp', () => {
  test('refuses a message without the headers RFC 5322 requires, with 554', async () => {
    const smtp = await new FakeSmtp().start();
    try {
      const transport = createTransport({ url: smtp.smtpUrl });
      await expect(
        transport.sendMail({
          envelope: { from: 'a@example.com', to: ['b@example.com'] },
          raw: 'From: a@example.com\r\nTo: b@example.com\r\n\r\nno subject, date or id\r\n',
        }),
      ).rejects.toMatchObject({ responseCode: 554 });
      expect(smtp.messages).toEqual([]);
      expect(smtp.violations.map((v) => v.reason)).toEqual(['missing headers: date, subject, message-id']);
    } finally {
      await smtp.close();
    }
  });
});
