import type { WebhookChannel } from '../ChannelConfig';
import type { Notification, Notifier, NotifyResult } from '../Notifier';
import { DEFAULT_NOTIFY_TIMEOUT_MS, postJson } from '../postJson';
import { httpStatusResult, networkErrorResult, parseRetryAfter } from '../retryDecision';
import { scrubSecrets } from '../scrubSecrets';
import { truncateText } from '../truncateText';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhookBody } from './signWebhookBody';

/** WebhookNotifierOptions are the notifier's runtime knobs (the channel holds the rest). */
export interface WebhookNotifierOptions {
  timeoutMs?: number;
  now?: () => number;
}

/**
 * WebhookNotifier POSTs the notification as JSON to a generic endpoint, signed with the channel's secret
 * (X-Sightline-Timestamp, X-Sightline-Signature); receivers check it with verifyWebhookSignature.
 */
export class WebhookNotifier implements Notifier {
  readonly integration = 'webhook';
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly secrets: string[];

  constructor(
    private readonly channel: WebhookChannel,
    options: WebhookNotifierOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    // Custom header values are usually credentials (Authorization: Bearer …), so they are secrets too.
    this.secrets = [channel.secret, channel.url, ...Object.values(channel.headers ?? {})];
  }

  async send(notification: Notification, signal?: AbortSignal): Promise<NotifyResult> {
    const body = JSON.stringify(notification);
    const timestamp = Math.floor(this.now() / 1000);
    const headers = {
      ...this.channel.headers,
      'X-Sightline-Notification-Id': notification.id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhookBody(this.channel.secret, timestamp, body),
    };
    const outcome = await postJson(this.channel.url, body, headers, { timeoutMs: this.timeoutMs, signal });
    if (outcome.kind === 'error') return networkErrorResult('Webhook', outcome.error);
    const { status, body: answer, retryAfter } = outcome.answer;
    const explanation = truncateText(scrubSecrets(answer.trim(), this.secrets).replace(/\s+/g, ' '), 300);
    return httpStatusResult('Webhook', status, explanation, parseRetryAfter(retryAfter, this.now()));
  }
}
