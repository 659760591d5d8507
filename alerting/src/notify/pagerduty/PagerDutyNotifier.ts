import type { PagerDutyChannel } from '../ChannelConfig';
import type { Notification, Notifier, NotifyResult } from '../Notifier';
import { DEFAULT_NOTIFY_TIMEOUT_MS, postJson } from '../postJson';
import { httpStatusResult, networkErrorResult, parseRetryAfter } from '../retryDecision';
import { scrubSecrets } from '../scrubSecrets';
import { truncateText } from '../truncateText';
import { buildPagerDutyEvent } from './buildPagerDutyEvent';

/** PagerDutyNotifierOptions are the notifier's runtime knobs (the channel holds the rest). */
export interface PagerDutyNotifierOptions {
  timeoutMs?: number;
  now?: () => number;
}

function pagerDutyExplanation(body: string): string {
  // PagerDuty answers {status, message, errors[]}; anything else (a proxy's HTML page) is shown as its first line.
  try {
    const parsed = JSON.parse(body) as { status?: unknown; message?: unknown; errors?: unknown };
    const parts = [parsed.message, parsed.status].filter(
      (p): p is string => typeof p === 'string' && p !== '',
    );
    const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((e) => typeof e === 'string') : [];
    const head = parts[0] ?? '';
    return errors.length > 0 ? `${head}: ${errors.join('; ')}` : head;
  } catch {
    return body.split('\n')[0]?.trim() ?? '';
  }
}

/**
 * PagerDutyNotifier sends notifications to the PagerDuty Events API v2 (POST /v2/enqueue): trigger, acknowledge and
 * resolve share the notification's dedup key; reminders are not sent, since PagerDuty re-notifies on its own.
 */
export class PagerDutyNotifier implements Notifier {
  readonly integration = 'pagerduty';
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly channel: PagerDutyChannel,
    options: PagerDutyNotifierOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  async send(notification: Notification, signal?: AbortSignal): Promise<NotifyResult> {
    if (notification.action === 'reminder') return { ok: true, detail: 'skipped' };
    const event = buildPagerDutyEvent(
      notification,
      notification.action,
      this.channel.routingKey,
      this.channel.client ?? 'Sightline',
    );
    const outcome = await postJson(
      this.channel.url,
      JSON.stringify(event),
      {},
      { timeoutMs: this.timeoutMs, signal },
    );
    if (outcome.kind === 'error') return networkErrorResult('PagerDuty', outcome.error);
    const { status, body, retryAfter } = outcome.answer;
    const explanation = truncateText(
      scrubSecrets(pagerDutyExplanation(body), [this.channel.routingKey]).replace(/\s+/g, ' '),
      500,
    );
    return httpStatusResult('PagerDuty', status, explanation, parseRetryAfter(retryAfter, this.now()));
  }
}
