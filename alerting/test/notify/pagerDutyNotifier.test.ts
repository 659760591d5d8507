import type { NotifiedAlert } from '../../src/notify/Notifier';
import { PagerDutyNotifier } from '../../src/notify/pagerduty/PagerDutyNotifier';
import { PAGERDUTY_MAX_EVENT_BYTES, pagerDutyDedupKey } from '../../src/notify/pagerduty/buildPagerDutyEvent';
import { pagerDutySeverity } from '../../src/notify/pagerduty/pagerDutySeverity';
import { FakePagerDuty } from '../fakes/FakePagerDuty';
import { sampleNotification, withAction } from './sampleNotification';

const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';

let pd: FakePagerDuty;
let notifier: PagerDutyNotifier;

beforeAll(async () => {
  pd = await new FakePagerDuty().start();
  notifier = new PagerDutyNotifier({ type: 'pagerduty', routingKey: ROUTING_KEY, url: pd.enqueueUrl });
});
afterAll(() => pd.close());

test('trigger, acknowledge and resolve of one group reach PagerDuty as valid events with the same dedup_key', async () => {
  const trigger = sampleNotification({ dedupKey: 'acme/lifecycle/1' });
  expect(await notifier.send(trigger)).toEqual({ ok: true, detail: 'Event processed' });
  expect(await notifier.send(withAction(trigger, 'acknowledge', 'outbox-43'))).toMatchObject({ ok: true });
  expect(await notifier.send(withAction(trigger, 'resolve', 'outbox-44'))).toMatchObject({ ok: true });

  const events = pd.byDedupKey('acme/lifecycle/1');
  expect(events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
  expect(pd.violations).toEqual([]);
  const [first] = events;
  expect(first).toMatchObject({
    routing_key: ROUTING_KEY,
    client: 'Sightline',
    client_url: trigger.consoleUrl,
    links: [
      { href: trigger.consoleUrl, text: 'Open in Sightline' },
      { href: trigger.runbookUrl, text: 'Runbook' },
    ],
    payload: {
      summary: 'High error rate on checkout (acme)',
      severity: 'critical',
      source: 'checkout',
      class: 'HighErrorRate',
      group: 'acme',
      timestamp: '2026-01-10T12:02:00.000Z',
      custom_details: {
        tenant: 'acme',
        labels: trigger.groupLabels,
        escalation: { policy: 'checkout-oncall', step: 1, pass: 0 },
        alerts_total: 2,
      },
    },
  });
  expect((first?.payload?.custom_details?.alerts as unknown[]).length).toBe(2);
});

test('a channel can name its own client instead of Sightline', async () => {
  const named = new PagerDutyNotifier({
    type: 'pagerduty',
    routingKey: ROUTING_KEY,
    url: pd.enqueueUrl,
    client: 'Acme SRE',
  });
  expect(await named.send(sampleNotification({ dedupKey: 'acme/client/1' }))).toMatchObject({ ok: true });
  expect(pd.byDedupKey('acme/client/1')[0]?.client).toBe('Acme SRE');
});

test('a send the caller cancels stops waiting at once and is left to retry', async () => {
  pd.hang = true;
  try {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const result = await notifier.send(sampleNotification(), controller.signal);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({ ok: false, retryable: true, reason: 'PagerDuty unreachable: aborted' });
  } finally {
    pd.hang = false;
  }
});

test('a reminder is not sent to PagerDuty, which re-notifies on its own', async () => {
  const before = pd.requests.length;
  const result = await notifier.send(sampleNotification({ action: 'reminder' }));
  expect(result).toEqual({ ok: true, detail: 'skipped' });
  expect(pd.requests.length).toBe(before);
});

test('group severities map to PagerDuty severities, unknown ones to error', () => {
  const table: [string, string][] = [
    ['page', 'critical'],
    ['critical', 'critical'],
    ['error', 'error'],
    ['ticket', 'warning'],
    ['warning', 'warning'],
    ['info', 'info'],
    ['PAGE', 'critical'],
    ['sev1', 'error'],
    ['', 'error'],
    ['constructor', 'error'],
  ];
  for (const [label, expected] of table) expect([label, pagerDutySeverity(label)]).toEqual([label, expected]);
});

test('a 429 is retryable after the Retry-After PagerDuty gave, in seconds or as an HTTP date', async () => {
  pd.script({ status: 429, headers: { 'retry-after': '30' } });
  expect(await notifier.send(sampleNotification())).toMatchObject({
    ok: false,
    retryable: true,
    retryAfterMs: 30_000,
  });

  const now = Date.UTC(2026, 0, 10, 12, 0, 0);
  const clocked = new PagerDutyNotifier(
    { type: 'pagerduty', routingKey: ROUTING_KEY, url: pd.enqueueUrl },
    { now: () => now },
  );
  pd.script({ status: 429, headers: { 'retry-after': new Date(now + 90_000).toUTCString() } });
  expect(await clocked.send(sampleNotification())).toMatchObject({
    ok: false,
    retryable: true,
    retryAfterMs: 90_000,
  });
  expect(pd.violations).toEqual([]);
});

test('after two 429s the third attempt is accepted once, under the same dedup_key', async () => {
  pd.script(429, 429);
  const notification = sampleNotification({ dedupKey: 'acme/throttled/1' });
  const results = [];
  for (let attempt = 0; attempt < 3; attempt += 1) results.push(await notifier.send(notification));
  expect(results.map((r) => r.ok)).toEqual([false, false, true]);
  expect(results.slice(0, 2).every((r) => !r.ok && r.retryable)).toBe(true);
  expect(pd.byDedupKey('acme/throttled/1')).toHaveLength(1);
});

test("a 400 is not retryable and carries PagerDuty's own explanation", async () => {
  const badKey = new PagerDutyNotifier({
    type: 'pagerduty',
    routingKey: ROUTING_KEY.slice(1),
    url: pd.enqueueUrl,
  });
  const before = pd.violations.length;
  const result = await badKey.send(sampleNotification());
  expect(result).toMatchObject({ ok: false, retryable: false });
  expect(!result.ok && result.reason).toContain('PagerDuty answered 400');
  expect(!result.ok && result.reason).toContain("Length of 'routing_key' is incorrect");
  // The fake saw exactly the contract break it reported.
  expect(pd.violations.slice(before).map((v) => v.errors)).toEqual([
    ["Length of 'routing_key' is incorrect (should be 32 characters)"],
  ]);
  pd.violations.splice(before);
});

test('a routing key echoed back by the receiver never reaches the result reason', async () => {
  pd.script({
    status: 400,
    body: {
      status: 'invalid event',
      message: `Event object is invalid for ${ROUTING_KEY}`,
      errors: [`key ${ROUTING_KEY}`],
    },
  });
  const result = await notifier.send(sampleNotification());
  expect(result.ok).toBe(false);
  expect(JSON.stringify(result)).not.toContain(ROUTING_KEY);
  expect(!result.ok && result.reason).toContain('[redacted]');

  const unreachable = new PagerDutyNotifier({
    type: 'pagerduty',
    routingKey: ROUTING_KEY,
    url: `not a url/${ROUTING_KEY}`,
  });
  const broken = await unreachable.send(sampleNotification());
  expect(broken).toMatchObject({ ok: false, retryable: false });
  expect(JSON.stringify(broken)).not.toContain(ROUTING_KEY);
});

test('hostile input still makes a valid event: huge summary, odd labels, bad links, long dedup key, 1000 alerts', async () => {
  const odd = {
    alertname: 'Weird"Alert</script>',
    'label with spaces': 'line1\nline2\r\n\ttabbed',
    emoji: '🔥'.repeat(50),
    ünïcødé: '\u0000\u0007 control chars',
    '${template}': '{{ .Labels }}',
  };
  const huge = 'x'.repeat(1023) + '🔥' + 'tail'.repeat(2000);
  const alerts: NotifiedAlert[] = Array.from({ length: 1000 }, (_, i) => ({
    status: 'firing',
    labels: { ...odd, instance: `host-${i}` },
    annotations: { description: 'd'.repeat(10_000) },
    startsAt: '2026-01-10T12:00:00.000Z',
    endsAt: null,
    generatorUrl: null,
  }));
  const longKey = `acme/${'k'.repeat(400)}`;
  const notification = sampleNotification({
    title: huge,
    groupLabels: odd,
    alerts,
    dedupKey: longKey,
    severity: 'constructor',
    runbookUrl: 'javascript:alert(1)',
    occurredAt: 'not a date',
  });

  expect(await notifier.send(notification)).toMatchObject({ ok: true });
  expect(await notifier.send(withAction(notification, 'resolve', 'outbox-99'))).toMatchObject({ ok: true });
  expect(pd.violations).toEqual([]);

  const events = pd.byDedupKey(pagerDutyDedupKey(longKey));
  expect(events.map((e) => e.event_action)).toEqual(['trigger', 'resolve']);
  const event = events[0]!;
  expect(event.payload!.summary.length).toBeLessThanOrEqual(1024);
  expect(event.payload!.summary.endsWith('…')).toBe(true);
  expect(event.payload!.severity).toBe('error');
  expect(event.payload!.timestamp).toBeUndefined();
  expect(event.links).toEqual([{ href: notification.consoleUrl, text: 'Open in Sightline' }]);
  expect(event.payload!.custom_details!.labels).toEqual(odd);
  expect(event.payload!.custom_details!.alerts_total).toBe(1000);
  expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(PAGERDUTY_MAX_EVENT_BYTES);
});
