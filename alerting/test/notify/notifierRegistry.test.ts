import { channelConfigSchema } from '../../src/notify/ChannelConfig';
import { createNotifier } from '../../src/notify/notifierRegistry';
import { FakePagerDuty } from '../fakes/FakePagerDuty';
import { FakeSlack } from '../fakes/FakeSlack';
import { FakeSmtp } from '@sightline/testing';
import { FakeWebhook } from '../fakes/FakeWebhook';
import { sampleNotification } from './sampleNotification';

const SECRET = 'whsec-0123456789abcdef';

test('every channel type parsed from config is wired to its integration and delivers to its fake', async () => {
  const pd = await new FakePagerDuty().start();
  const slack = await new FakeSlack().start();
  const smtp = await new FakeSmtp().start();
  const hook = await new FakeWebhook(SECRET).start();
  try {
    const inputs = [
      { type: 'pagerduty', routingKey: 'e93facc04764012d7bfb002500d5d1a6', url: pd.enqueueUrl },
      { type: 'slack', webhookUrl: slack.webhookUrl },
      { type: 'email', to: ['oncall@example.com'] },
      { type: 'webhook', url: hook.url, secret: SECRET },
    ];
    const deps = { smtpUrl: smtp.smtpUrl, smtpFrom: 'alerts@sightline.example', timeoutMs: 5000 };
    const notifiers = inputs.map((input) => createNotifier(channelConfigSchema.parse(input), deps));
    expect(notifiers.map((n) => n.integration)).toEqual(['pagerduty', 'slack', 'email', 'webhook']);
    for (const notifier of notifiers) {
      expect([notifier.integration, (await notifier.send(sampleNotification())).ok]).toEqual([
        notifier.integration,
        true,
      ]);
    }
    expect([pd.events.length, slack.messages.length, smtp.messages.length, hook.deliveries.length]).toEqual([
      1, 1, 1, 1,
    ]);
    expect([pd.violations, slack.violations, smtp.violations, hook.violations]).toEqual([[], [], [], []]);
  } finally {
    await Promise.all([pd.close(), slack.close(), smtp.close(), hook.close()]);
  }
});

test('an e-mail channel without SMTP_URL or SMTP_FROM fails for good, naming the variable', async () => {
  const channel = channelConfigSchema.parse({ type: 'email', to: ['oncall@example.com'] });
  const noUrl = createNotifier(channel, { smtpFrom: 'alerts@sightline.example' });
  expect(noUrl.integration).toBe('email');
  expect(await noUrl.send(sampleNotification())).toEqual({
    ok: false,
    retryable: false,
    reason: 'e-mail channels need SMTP_URL to be set',
  });
  const noFrom = createNotifier(channel, { smtpUrl: 'smtp://127.0.0.1:25' });
  expect(await noFrom.send(sampleNotification())).toMatchObject({
    ok: false,
    retryable: false,
    reason: expect.stringContaining('SMTP_FROM'),
  });
});
