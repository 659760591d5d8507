import { signWebhookBody } from '../../src/notify/webhook/signWebhookBody';
import { verifyWebhookSignature } from '../../src/notify/webhook/verifyWebhookSignature';
import { WebhookNotifier } from '../../src/notify/webhook/WebhookNotifier';
import { FakeWebhook } from '../fakes/FakeWebhook';
import { sampleNotification } from './sampleNotification';

const SECRET = 'whsec-0123456789abcdef-shared';
const BEARER = 'Bearer tok-9f8e7d6c5b4a39281706';

let hook: FakeWebhook;

beforeAll(async () => {
  hook = await new FakeWebhook(SECRET).start();
});
afterAll(() => hook.close());

test('the notification arrives as signed JSON that the receiver verifies, with the channel headers', async () => {
  const notifier = new WebhookNotifier({
    type: 'webhook',
    url: hook.url,
    secret: SECRET,
    headers: { Authorization: BEARER },
  });
  const notification = sampleNotification();
  expect(await notifier.send(notification)).toEqual({ ok: true });
  expect(hook.violations).toEqual([]);
  const delivery = hook.deliveries.at(-1)!;
  expect(delivery.body).toEqual(notification);
  expect(delivery.headers.authorization).toBe(BEARER);
  expect(delivery.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(Math.abs(Number(delivery.timestamp) - Date.now() / 1000)).toBeLessThan(5);
  expect(
    verifyWebhookSignature({
      secret: SECRET,
      body: delivery.raw,
      timestamp: delivery.timestamp,
      signature: delivery.signature,
    }),
  ).toEqual({ ok: true });
});

test('a delivery signed with the wrong secret is refused with 401, which is not retried', async () => {
  const wrong = new WebhookNotifier({
    type: 'webhook',
    url: hook.url,
    secret: 'not-the-shared-secret-at-all',
  });
  const before = hook.deliveries.length;
  const result = await wrong.send(sampleNotification());
  expect(result).toMatchObject({ ok: false, retryable: false });
  expect(!result.ok && result.reason).toContain('Webhook answered 401');
  expect(hook.deliveries.length).toBe(before);
  expect(hook.violations.map((v) => v.reason)).toEqual(['invalid signature']);
  hook.violations.length = 0;
});

test('secrets and header credentials echoed back by the receiver never reach the result reason', async () => {
  const notifier = new WebhookNotifier({
    type: 'webhook',
    url: hook.url,
    secret: SECRET,
    headers: { Authorization: BEARER },
  });
  hook.script({ status: 500, body: { error: `boom: secret=${SECRET} auth=${BEARER}` } });
  const result = await notifier.send(sampleNotification());
  expect(result).toMatchObject({ ok: false, retryable: true });
  const text = JSON.stringify(result);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(BEARER);
  expect(text).toContain('[redacted]');
  expect(hook.violations).toEqual([]);
});

describe('verifyWebhookSignature', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0, 0);
  const ts = String(now / 1000);
  const body = JSON.stringify(sampleNotification());
  const signature = signWebhookBody(SECRET, ts, body);
  const check = { secret: SECRET, body, timestamp: ts, signature, now };

  test('accepts an untouched delivery, also as a Buffer and during a secret rotation', () => {
    expect(verifyWebhookSignature(check)).toEqual({ ok: true });
    expect(verifyWebhookSignature({ ...check, body: Buffer.from(body) })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ ...check, secret: ['old-secret-0123456789', SECRET] })).toEqual({
      ok: true,
    });
  });

  test('refuses a tampered body, a wrong secret, or a signature moved to another timestamp', () => {
    expect(verifyWebhookSignature({ ...check, body: body.replace('acme', 'evil') })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ ...check, secret: 'other-secret-0123456789' })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ ...check, timestamp: String(Number(ts) + 1) })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  test('refuses timestamps outside the tolerance window, in either direction', () => {
    expect(verifyWebhookSignature({ ...check, now: now + 301_000 })).toEqual({
      ok: false,
      reason: 'outside tolerance',
    });
    expect(verifyWebhookSignature({ ...check, now: now - 301_000 })).toEqual({
      ok: false,
      reason: 'outside tolerance',
    });
    expect(verifyWebhookSignature({ ...check, now: now + 299_000 })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ ...check, now: now + 3_600_000, toleranceSeconds: 7200 })).toEqual({
      ok: true,
    });
  });

  test('refuses missing and malformed headers', () => {
    expect(verifyWebhookSignature({ ...check, signature: undefined })).toEqual({
      ok: false,
      reason: 'missing headers',
    });
    expect(verifyWebhookSignature({ ...check, timestamp: undefined })).toEqual({
      ok: false,
      reason: 'missing headers',
    });
    expect(verifyWebhookSignature({ ...check, signature: 'sha1=abc' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyWebhookSignature({ ...check, signature: `${signature}00` })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyWebhookSignature({ ...check, timestamp: '12e3' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
