import { z } from 'zod';

/** PAGERDUTY_EVENTS_URL is PagerDuty's Events API v2 endpoint, the default of a pagerduty channel. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * isDeliveryUrl accepts https URLs anywhere, and plain http only on a loopback host (127.0.0.1, localhost, [::1]):
 * that is how tests point a channel at a local fake, while a real channel cannot send secrets in clear text.
 */
export function isDeliveryUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in the URL would be shown wherever the URL is (and the redaction below keeps the host).
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

const deliveryUrl = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .max(2048, { error: `${field} must be at most 2048 characters` })
    .refine(isDeliveryUrl, {
      error: `${field} must be an https:// URL without credentials (http:// only on 127.0.0.1, localhost or [::1], for tests)`,
    });

/** pagerDutyChannelSchema is a PagerDuty Events API v2 integration: its 32-character Integration Key. */
export const pagerDutyChannelSchema = z.strictObject({
  type: z.literal('pagerduty'),
  routingKey: z.string({ error: 'routingKey is required' }).regex(/^[A-Za-z0-9]{32}$/, {
    error:
      'routingKey must be the 32-character Integration Key of an Events API v2 integration (letters and digits)',
  }),
  url: deliveryUrl('url').default(PAGERDUTY_EVENTS_URL),
  client: z
    .string()
    .min(1, { error: 'client must not be empty' })
    .max(100, { error: 'client must be at most 100 characters' })
    .optional(),
});

/** slackChannelSchema is a Slack incoming webhook, optionally naming the channel (legacy webhooks honour it). */
export const slackChannelSchema = z.strictObject({
  type: z.literal('slack'),
  webhookUrl: deliveryUrl('webhookUrl'),
  channel: z
    .string()
    .regex(/^[#@]?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, {
      error:
        'channel must be a Slack channel name or id such as #alerts or C0123ABCD (letters, digits, . _ -)',
    })
    .optional(),
});

/** emailChannelSchema is a list of 1 to 50 e-mail recipients. */
export const emailChannelSchema = z.strictObject({
  type: z.literal('email'),
  to: z
    .array(z.email({ error: 'to must hold e-mail addresses such as oncall@example.com' }), {
      error: 'to must be a list of e-mail addresses',
    })
    .min(1, { error: 'to needs at least one e-mail address' })
    .max(50, { error: 'to takes at most 50 e-mail addresses' }),
});

// Headers the notifier sets itself (or that HTTP owns): a channel must not be able to forge or break them.
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
]);

/** webhookChannelSchema is a generic HTTPS endpoint that receives the notification signed with a shared secret. */
export const webhookChannelSchema = z.strictObject({
  type: z.literal('webhook'),
  url: deliveryUrl('url'),
  secret: z
    .string({ error: 'secret is required' })
    .min(16, { error: 'secret must be at least 16 characters' })
    .max(256, { error: 'secret must be at most 256 characters' }),
  headers: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, {
          error: 'headers: a header name must be an HTTP token',
        })
        .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()) && !/^x-sightline-/i.test(name), {
          error:
            'headers: Content-Type, Content-Length, Host, Connection and X-Sightline-* are set by Sightline',
        }),
      z
        .string()
        .max(1024, { error: 'headers: a header value must be at most 1024 characters' })
        .regex(/^[\t\x20-\x7e\x80-\xff]*$/, {
          error: 'headers: a header value must not contain line breaks',
        }),
    )
    .refine((h) => Object.keys(h).length <= 20, { error: 'headers: at most 20 headers' })
    .optional(),
});

/** channelConfigSchema is every notification channel a route or escalation step can target, by `type`. */
export const channelConfigSchema = z.discriminatedUnion(
  'type',
  [pagerDutyChannelSchema, slackChannelSchema, emailChannelSchema, webhookChannelSchema],
  { error: 'type must be one of pagerduty, slack, email, webhook' },
);

/** ChannelConfig is a parsed channel (defaults applied). */
export type ChannelConfig = z.infer<typeof channelConfigSchema>;
/** ChannelConfigInput is a channel as an API client or config file writes it. */
export type ChannelConfigInput = z.input<typeof channelConfigSchema>;
/** PagerDutyChannel is a parsed pagerduty channel. */
export type PagerDutyChannel = z.infer<typeof pagerDutyChannelSchema>;
/** SlackChannel is a parsed slack channel. */
export type SlackChannel = z.infer<typeof slackChannelSchema>;
/** EmailChannel is a parsed email channel. */
export type EmailChannel = z.infer<typeof emailChannelSchema>;
/** WebhookChannel is a parsed webhook channel. */
export type WebhookChannel = z.infer<typeof webhookChannelSchema>;

/** MASK replaces a secret in API responses. */
export const MASK = '••••';

function maskKey(key: string): string {
  // The last four characters let an operator tell two keys apart without being able to use either.
  return `${MASK}${key.slice(-4)}`;
}

function maskUrlPath(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}/${MASK}`;
  } catch {
    return MASK;
  }
}

function maskUrlQuery(value: string): string {
  try {
    const url = new URL(value);
    return url.search === '' ? value : `${url.origin}${url.pathname}?${MASK}`;
  } catch {
    return MASK;
  }
}

/**
 * redactChannelConfig masks a channel's secrets for API responses: the routing key (but its last 4 characters), a
 * Slack webhook URL's path (the token is the path), a webhook's secret, query string and header values.
 */
export function redactChannelConfig(config: ChannelConfig): ChannelConfig {
  switch (config.type) {
    case 'pagerduty':
      return { ...config, routingKey: maskKey(config.routingKey) };
    case 'slack':
      return { ...config, webhookUrl: maskUrlPath(config.webhookUrl) };
    case 'email':
      return { ...config, to: [...config.to] };
    case 'webhook':
      return {
        ...config,
        url: maskUrlQuery(config.url),
        secret: MASK,
        ...(config.headers
          ? { headers: Object.fromEntries(Object.keys(config.headers).map((name) => [name, MASK])) }
          : {}),
      };
  }
}
