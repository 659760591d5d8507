import {
  MASK,
  PAGERDUTY_EVENTS_URL,
  channelConfigSchema,
  redactChannelConfig,
} from '../../src/notify/ChannelConfig';
import type { ChannelConfig } from '../../src/notify/ChannelConfig';

const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';

function messages(input: unknown): string[] {
  const parsed = channelConfigSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

test('a PagerDuty channel needs only its 32-character key and defaults to the public Events API', () => {
  expect(channelConfigSchema.parse({ type: 'pagerduty', routingKey: ROUTING_KEY })).toEqual({
    type: 'pagerduty',
    routingKey: ROUTING_KEY,
    url: PAGERDUTY_EVENTS_URL,
  });
  const short = messages({ type: 'pagerduty', routingKey: 'abc123' });
  expect(short).toEqual([
    'routingKey: routingKey must be the 32-character Integration Key of an Events API v2 integration (letters and digits)',
  ]);
  expect(messages({ type: 'pagerduty', routingKey: ROUTING_KEY, routingkey: 'typo' })).toHaveLength(1);
});

test('delivery URLs must be https, except plain http on loopback hosts so tests can use local fakes', () => {
  for (const webhookUrl of [
    'https://hooks.slack.com/services/T0/B0/x',
    'http://127.0.0.1:8080/services/T0/B0/x',
    'http://localhost:9/x',
    'http://[::1]:9/x',
  ]) {
    expect([webhookUrl, messages({ type: 'slack', webhookUrl })]).toEqual([webhookUrl, []]);
  }
  for (const webhookUrl of [
    'http://hooks.slack.com/services/x',
    'https://user:pw@hooks.slack.com/x',
    'ftp://x/y',
    'not a url',
  ]) {
    expect([webhookUrl, messages({ type: 'slack', webhookUrl })]).toEqual([
      webhookUrl,
      [
        'webhookUrl: webhookUrl must be an https:// URL without credentials (http:// only on 127.0.0.1, localhost or [::1], for tests)',
      ],
    ]);
  }
});

test('e-mail channels take 1 to 50 valid addresses', () => {
  expect(messages({ type: 'email', to: ['oncall@example.com'] })).toEqual([]);
  expect(messages({ type: 'email', to: [] })).toEqual(['to: to needs at least one e-mail address']);
  expect(messages({ type: 'email', to: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) })).toEqual([
    'to: to takes at most 50 e-mail addresses',
  ]);
  expect(messages({ type: 'email', to: ['oncall@example.com', 'nope'] })).toEqual([
    'to.1: to must hold e-mail addresses such as oncall@example.com',
  ]);
});

test('webhook channels need a 16-character secret and cannot override the headers Sightline signs with', () => {
  const base = { type: 'webhook', url: 'https://hooks.example.com/in', secret: '0123456789abcdef' };
  expect(messages(base)).toEqual([]);
  expect(messages({ ...base, secret: 'short' })).toEqual(['secret: secret must be at least 16 characters']);
  expect(messages({ ...base, headers: { Authorization: 'Bearer x' } })).toEqual([]);
  expect(messages({ ...base, headers: { 'X-Sightline-Signature': 'forged' } })).toHaveLength(1);
  expect(messages({ ...base, headers: { 'Content-Type': 'text/plain' } })).toHaveLength(1);
  expect(messages({ ...base, headers: { 'X-Evil': 'a\r\nInjected: yes' } })).toEqual([
    'headers.X-Evil: headers: a header value must not contain line breaks',
  ]);
});

test('an unknown channel type is named in the error', () => {
  expect(messages({ type: 'sms', to: '+15550100' })).toEqual([
    'type: type must be one of pagerduty, slack, email, webhook',
  ]);
});

test('redaction hides routing keys, Slack webhook paths, webhook secrets and header values', () => {
  const configs: ChannelConfig[] = [
    { type: 'pagerduty', routingKey: ROUTING_KEY, url: PAGERDUTY_EVENTS_URL },
    {
      type: 'slack',
      webhookUrl: 'https://hooks.slack.com/services/T0AAA/B0BBB/s3cr3tT0k3n',
      channel: '#alerts',
    },
    { type: 'email', to: ['oncall@example.com'] },
    {
      type: 'webhook',
      url: 'https://hooks.example.com/in?token=abcdef123456',
      secret: 'whsec-0123456789abcdef',
      headers: { Authorization: 'Bearer tok-123456789' },
    },
  ];
  expect(configs.map(redactChannelConfig)).toEqual([
    { type: 'pagerduty', routingKey: `${MASK}d1a6`, url: PAGERDUTY_EVENTS_URL },
    { type: 'slack', webhookUrl: `https://hooks.slack.com/${MASK}`, channel: '#alerts' },
    { type: 'email', to: ['oncall@example.com'] },
    {
      type: 'webhook',
      url: `https://hooks.example.com/in?${MASK}`,
      secret: MASK,
      headers: { Authorization: MASK },
    },
  ]);
  const shown = JSON.stringify(configs.map(redactChannelConfig));
  for (const secret of [
    ROUTING_KEY,
    's3cr3tT0k3n',
    'T0AAA',
    'whsec-0123456789abcdef',
    'tok-123456789',
    'abcdef123456',
  ]) {
    expect(shown).not.toContain(secret);
  }
});
