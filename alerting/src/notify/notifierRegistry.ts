import type { ChannelConfig } from './ChannelConfig';
import { EmailNotifier } from './email/EmailNotifier';
import { MisconfiguredNotifier } from './MisconfiguredNotifier';
import type { Notifier } from './Notifier';
import { PagerDutyNotifier } from './pagerduty/PagerDutyNotifier';
import { SlackNotifier } from './slack/SlackNotifier';
import { WebhookNotifier } from './webhook/WebhookNotifier';

/** NotifierDeps is what the service gives every notifier: the SMTP relay (SMTP_URL, SMTP_FROM) and the HTTP timeout. */
export interface NotifierDeps {
  smtpUrl?: string;
  smtpFrom?: string;
  timeoutMs?: number;
}

/**
 * createNotifier is the one registry of integrations: it builds the notifier of a parsed channel. It never throws; a
 * channel the service cannot serve (e-mail without SMTP_URL or SMTP_FROM) gets a notifier that fails for good, naming
 * the missing variable.
 */
export function createNotifier(channel: ChannelConfig, deps: NotifierDeps): Notifier {
  const timeoutMs = deps.timeoutMs;
  switch (channel.type) {
    case 'pagerduty':
      return new PagerDutyNotifier(channel, { timeoutMs });
    case 'slack':
      return new SlackNotifier(channel, { timeoutMs });
    case 'webhook':
      return new WebhookNotifier(channel, { timeoutMs });
    case 'email': {
      if (!deps.smtpUrl) return new MisconfiguredNotifier('email', 'e-mail channels need SMTP_URL to be set');
      if (!deps.smtpFrom)
        return new MisconfiguredNotifier('email', 'e-mail channels need SMTP_FROM to be set');
      try {
        return new EmailNotifier(channel, { smtpUrl: deps.smtpUrl, from: deps.smtpFrom, timeoutMs });
      } catch {
        // The error text may hold the URL's password; the variable's name is enough to act on.
        return new MisconfiguredNotifier('email', 'SMTP_URL is not a usable SMTP URL');
      }
    }
    default: {
      const unknown: never = channel;
      return new MisconfiguredNotifier(
        'unknown',
        `unknown channel type ${String((unknown as { type?: unknown }).type)}`,
      );
    }
  }
}
