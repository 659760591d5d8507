import type { Notifier, NotifyResult } from '../../src/notify/Notifier';
import { EmailNotifier } from '../../src/notify/email/EmailNotifier';
import { PagerDutyNotifier } from '../../src/notify/pagerduty/PagerDutyNotifier';
import { classifyHttpStatus, classifyNetworkError, classifySmtpReply } from '../../src/notify/retryDecision';
import type { DeliveryClass } from '../../src/notify/retryDecision';
import { SlackNotifier } from '../../src/notify/slack/SlackNotifier';
import { WebhookNotifier } from '../../src/notify/webhook/WebhookNotifier';
import { FakePagerDuty } from '../fakes/FakePagerDuty';
import { FakeSlack } from '../fakes/FakeSlack';
import { FakeSmtp } from '@sightline/testing';
import { FakeWebhook } from '../fakes/FakeWebhook';
import { freePort, startSilentServer } from '../fakes/FakeHttpServer';
import type { FakeHttpServer } from '../fakes/FakeHttpServer';
import { sampleNotification } from './sampleNotification';

// The one table every notifier must pass (Alertmanager's pattern): what each answer means for a retry.
const HTTP_TABLE: [number, DeliveryClass][] = [
  [200, 'delivered'],
  [202, 'delivered'],
  [400, 'dead'],
  [401, 'dead'],
  [403, 'dead'],
  [404, 'dead'],
  [408, 'retry'],
  [413, 'dead'],
  [429, 'retry'],
  [500, 'retry'],
  [502, 'retry'],
  [503, 'retry'],
  [504, 'retry'],
];

const SMTP_TABLE: [number, DeliveryClass][] = [
  [421, 'retry'],
  [450, 'retry'],
  [451, 'retry'],
  [452, 'retry'],
  [550, 'dead'],
  [552, 'dead'],
  [553, 'dead'],
  [554, 'dead'],
];

// The network rows of the table, from the same function the notifiers use.
const REFUSED = classifyNetworkError(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }));
const TIMED_OUT = classifyNetworkError(
  new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
);

const ROUTING_KEY = 'R0123456789abcdef0123456789abcde';
const SECRET = 'whsec-0123456789abcdef';
const FAST = { timeoutMs: 300 };

function classOf(result: NotifyResult): DeliveryClass {
  if (result.ok) return 'delivered';
  return result.retryable ? 'retry' : 'dead';
}

interface HttpCase {
  name: string;
  fake: () => FakeHttpServer;
  notifier: (fake: FakeHttpServer, options?: { timeoutMs: number }) => Notifier;
  at: (url: string, options?: { timeoutMs: number }) => Notifier;
}

const HTTP_CASES: HttpCase[] = [
  {
    name: 'PagerDuty',
    fake: () => new FakePagerDuty(),
    notifier: (fake, options) =>
      new PagerDutyNotifier(
        { type: 'pagerduty', routingKey: ROUTING_KEY, url: (fake as FakePagerDuty).enqueueUrl },
        options,
      ),
    at: (url, options) => new PagerDutyNotifier({ type: 'pagerduty', routingKey: ROUTING_KEY, url }, options),
  },
  {
    name: 'Slack',
    fake: () => new FakeSlack(),
    notifier: (fake, options) =>
      new SlackNotifier({ type: 'slack', webhookUrl: (fake as FakeSlack).webhookUrl }, options),
    at: (url, options) => new SlackNotifier({ type: 'slack', webhookUrl: url }, options),
  },
  {
    name: 'webhook',
    fake: () => new FakeWebhook(SECRET),
    notifier: (fake, options) =>
      new WebhookNotifier({ type: 'webhook', url: (fake as FakeWebhook).url, secret: SECRET }, options),
    at: (url, options) => new WebhookNotifier({ type: 'webhook', url, secret: SECRET }, options),
  },
];

test('the shared table classifies every status of the notifier table as documented', () => {
  for (const [status, expected] of HTTP_TABLE)
    expect([status, classifyHttpStatus(status)]).toEqual([status, expected]);
  for (const [code, expected] of SMTP_TABLE)
    expect([code, classifySmtpReply(code)]).toEqual([code, expected]);
});

describe.each(HTTP_CASES)('the $name notifier', ({ fake: makeFake, notifier: makeNotifier, at }) => {
  let fake: FakeHttpServer;
  let notifier: Notifier;

  beforeAll(async () => {
    fake = await makeFake().start();
    notifier = makeNotifier(fake);
  });
  afterAll(() => fake.close());
  afterEach(() => expect(fake.violations).toEqual([]));

  test.each(HTTP_TABLE)('treats an HTTP %i answer as %s, like the shared table', async (status, expected) => {
    fake.script({ status, headers: status === 429 ? { 'retry-after': '3' } : {} });
    const result = await notifier.send(sampleNotification());
    expect(classOf(result)).toBe(expected);
    expect(classOf(result)).toBe(classifyHttpStatus(status));
    if (!result.ok) expect(result.reason).toContain(String(status));
    if (status === 429 && !result.ok) expect(result.retryAfterMs).toBe(3000);
  });

  test('retries when the connection is refused', async () => {
    const port = await freePort();
    const result = await at(`http://127.0.0.1:${port}/v2/enqueue`, FAST).send(sampleNotification());
    expect(REFUSED.retryable).toBe(true);
    expect(result).toMatchObject({ ok: false, retryable: REFUSED.retryable });
    expect(!result.ok && result.reason).toContain(REFUSED.reason);
  });

  test('retries when the receiver does not answer within the timeout', async () => {
    fake.hang = true;
    try {
      const started = Date.now();
      const result = await makeNotifier(fake, FAST).send(sampleNotification());
      expect(Date.now() - started).toBeLessThan(5000);
      expect(TIMED_OUT.retryable).toBe(true);
      expect(result).toMatchObject({ ok: false, retryable: TIMED_OUT.retryable });
      expect(!result.ok && result.reason).toContain(TIMED_OUT.reason);
    } finally {
      fake.hang = false;
    }
  });
});

describe('the e-mail notifier', () => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await new FakeSmtp().start();
  });
  afterAll(() => smtp.close());
  afterEach(() => expect(smtp.violations).toEqual([]));

  const email = (smtpUrl: string, timeoutMs = 5000): EmailNotifier =>
    new EmailNotifier(
      { type: 'email', to: ['oncall@example.com'] },
      { smtpUrl, from: 'sightline@example.com', timeoutMs },
    );

  test('treats an accepted message (250) as delivered', async () => {
    const result = await email(smtp.smtpUrl).send(sampleNotification());
    expect(classOf(result)).toBe('delivered');
    expect(classOf(result)).toBe(classifySmtpReply(250));
  });

  test.each(
    SMTP_TABLE.flatMap(([code, expected]) => [
      [code, 'rcpt', expected] as const,
      [code, 'data', expected] as const,
    ]),
  )('treats an SMTP %i reply at the %s stage as %s, like the shared table', async (code, stage, expected) => {
    smtp.reject(code, stage);
    const result = await email(smtp.smtpUrl).send(sampleNotification());
    expect(classOf(result)).toBe(expected);
    expect(classOf(result)).toBe(classifySmtpReply(code));
    expect(!result.ok && result.reason).toContain(String(code));
  });

  test('retries when the SMTP server refuses the connection', async () => {
    const port = await freePort();
    const result = await email(`smtp://127.0.0.1:${port}`).send(sampleNotification());
    expect(REFUSED.retryable).toBe(true);
    expect(result).toMatchObject({ ok: false, retryable: REFUSED.retryable });
    expect(!result.ok && result.reason).toContain(REFUSED.reason);
  });

  test('retries when the SMTP server never greets within the timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await email(`smtp://127.0.0.1:${silent.port}`, 300).send(sampleNotification());
      expect(Date.now() - started).toBeLessThan(5000);
      expect(result).toMatchObject({ ok: false, retryable: TIMED_OUT.retryable });
      expect(!result.ok && result.reason).toContain(TIMED_OUT.reason);
    } finally {
      await silent.close();
    }
  });
});
