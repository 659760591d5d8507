import { SlackNotifier } from '../../src/notify/slack/SlackNotifier';
import type { NotifiedAlert } from '../../src/notify/Notifier';
import { FakeSlack } from '../fakes/FakeSlack';
import { sampleNotification, withAction } from './sampleNotification';

const TOKEN = 'fAk3t0k3nS3cr3tV4lu3xyz';

let slack: FakeSlack;
let notifier: SlackNotifier;

beforeAll(async () => {
  slack = await new FakeSlack().start();
  notifier = new SlackNotifier({ type: 'slack', webhookUrl: slack.webhookUrl, channel: '#alerts' });
});
afterAll(() => slack.close());
afterEach(() => expect(slack.violations).toEqual([]));

type Block = {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
};

test('a firing group is posted as Block Kit the fake accepts: header, tenant/severity/state, alerts, links', async () => {
  const notification = sampleNotification();
  expect(await notifier.send(notification)).toEqual({ ok: true, detail: 'ok' });
  const message = slack.messages.at(-1)!;
  expect(message.text).toBe('[FIRING] High error rate on checkout (acme)');
  expect(message.channel).toBe('#alerts');
  const blocks = message.blocks as Block[];
  expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
  expect(blocks[0]!.text).toEqual({
    type: 'plain_text',
    text: ':rotating_light: Firing: High error rate on checkout (acme)',
    emoji: true,
  });
  expect(blocks[1]!.fields!.map((f) => f.text)).toEqual([
    '*Tenant*\nacme',
    '*Severity*\npage',
    '*State*\nFiring (2 of 2 firing)',
    '*Escalation*\ncheckout-oncall, step 1, pass 0',
  ]);
  expect(blocks[2]!.text!.text).toContain('*HighErrorRate* checkout-1:8080 — 5xx ratio 12% over 5m');
  expect(blocks[3]!.elements!.map((e) => e.text)).toEqual([
    `<${notification.consoleUrl}|Open in Sightline>`,
    `<${notification.runbookUrl}|Runbook>`,
    'Sent 2026-01-10T12:02:00.000Z',
  ]);
});

test('acknowledge, resolve and reminder each get their own variant', async () => {
  const base = sampleNotification();
  const resolvedAlerts = base.alerts.map((a) => ({ ...a, status: 'resolved' as const }));
  await notifier.send(withAction(base, 'acknowledge', 'outbox-2'));
  await notifier.send({ ...withAction(base, 'resolve', 'outbox-3'), alerts: resolvedAlerts });
  await notifier.send(withAction(base, 'reminder', 'outbox-4'));
  const [ack, resolve, reminder] = slack.messages.slice(-3);
  expect(ack!.text).toMatch(/^\[ACK\] /);
  expect((ack!.blocks![0] as Block).text!.text).toMatch(/^:eyes: Acknowledged: /);
  expect(resolve!.text).toMatch(/^\[RESOLVED\] /);
  expect((resolve!.blocks![0] as Block).text!.text).toMatch(/^:white_check_mark: Resolved: /);
  expect((resolve!.blocks![1] as Block).fields![2]!.text).toBe('*State*\nResolved (0 of 2 firing)');
  expect(reminder!.text).toMatch(/^\[REMINDER\] /);
  expect((reminder!.blocks![0] as Block).text!.text).toMatch(/^:alarm_clock: Still firing \(reminder\): /);
});

test('hostile input still gives a message Slack accepts: long title, mention injection, 500 alerts, bad links', async () => {
  const alerts: NotifiedAlert[] = Array.from({ length: 500 }, (_, i) => ({
    status: 'firing',
    labels: { alertname: `<!channel> *bold* & <http://evil|click> ${i}`, instance: '\n'.repeat(5) },
    annotations: { summary: 's'.repeat(5000) },
    startsAt: '2026-01-10T12:00:00.000Z',
    endsAt: null,
    generatorUrl: null,
  }));
  const result = await notifier.send(
    sampleNotification({
      title: `<!here> ${'🔥'.repeat(200)}`,
      tenant: 'a|b>c',
      alerts,
      runbookUrl: 'javascript:alert(1)',
      consoleUrl: 'https://console.example/x?a=1&b=<2>|3',
    }),
  );
  expect(result).toMatchObject({ ok: true });
  const message = slack.messages.at(-1)!;
  const blocks = message.blocks as Block[];
  // The header is plain_text, which Slack never parses for mentions; everything mrkdwn must be escaped.
  const all = JSON.stringify([message.text, ...blocks.slice(1)]);
  expect(all).not.toContain('<!channel>');
  expect(all).not.toContain('<!here>');
  expect(all).not.toContain('javascript:');
  expect(blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
  expect(blocks[2]!.text!.text).toMatch(/…and \d+ more$/);
  expect(blocks[3]!.elements![0]!.text).toBe(
    '<https://console.example/x?a=1&amp;b=%3C2%3E%7C3|Open in Sightline>',
  );
});

test("Slack's error string is the reason, never the webhook URL or its token", async () => {
  slack.script({ status: 404, body: `channel_not_found for ${slack.webhookUrl}` });
  const result = await notifier.send(sampleNotification());
  expect(result).toMatchObject({ ok: false, retryable: false });
  expect(!result.ok && result.reason).toContain('channel_not_found');
  expect(JSON.stringify(result)).not.toContain(TOKEN);

  slack.script({ status: 410, body: 'channel_is_archived' });
  expect(await notifier.send(sampleNotification())).toMatchObject({ ok: false, retryable: false });

  const broken = new SlackNotifier({ type: 'slack', webhookUrl: `ftp://hooks.example/services/${TOKEN}` });
  const failed = await broken.send(sampleNotification());
  expect(failed).toMatchObject({ ok: false, retryable: false });
  expect(JSON.stringify(failed)).not.toContain(TOKEN);
});
