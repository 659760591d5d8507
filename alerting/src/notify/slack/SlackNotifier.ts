import type { SlackChannel } from '../ChannelConfig';
import type { Notification, Notifier, NotifyResult } from '../Notifier';
import { DEFAULT_NOTIFY_TIMEOUT_MS, postJson } from '../postJson';
import { httpStatusResult, networkErrorResult, parseRetryAfter } from '../retryDecision';
import { scrubSecrets } from '../scrubSecrets';
import { truncateText } from '../truncateText';
import { buildSlackMessage } from './buildSlackMessage';

/** SlackNotifierOptions are the notifier's runtime knobs (the channel holds the rest). */
export interface SlackNotifierOptions {
  timeoutMs?: number;
  now?: () => number;
}

/** slackWebhookSecrets lists the parts of an incoming-webhook URL that grant posting: the URL, its path, its token. */
export function slackWebhookSecrets(webhookUrl: string): string[] {
  const secrets = [webhookUrl];
  try {
    const { pathname } = new URL(webhookUrl);
    secrets.push(pathname);
    secrets.push(...pathname.split('/').filter((segment) => segment.length >= 8));
  } catch {
    // An unparsable URL never reaches fetch's error text in parts; the whole string is already listed.
  }
  return secrets;
}

/**
 * SlackNotifier posts Block Kit messages to a Slack incoming webhook; every action, reminders included, is a new
 * message, since an incoming webhook cannot edit the earlier one.
 */
export class SlackNotifier implements Notifier {
  readonly integration = 'slack';
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly secrets: string[];

  constructor(
    private readonly channel: SlackChannel,
    options: SlackNotifierOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    this.secrets = slackWebhookSecrets(channel.webhookUrl);
  }

  async send(notification: Notification, signal?: AbortSignal): Promise<NotifyResult> {
    const message = buildSlackMessage(notification, this.channel.channel);
    const outcome = await postJson(
      this.channel.webhookUrl,
      JSON.stringify(message),
      {},
      {
        timeoutMs: this.timeoutMs,
        signal,
      },
    );
    if (outcome.kind === 'error') return networkErrorResult('Slack', outcome.error);
    const { status, body, retryAfter } = outcome.answer;
    // Slack answers a bare string: "ok", or an error code such as invalid_payload or channel_is_archived.
    const explanation = truncateText(scrubSecrets(body.trim(), this.secrets).replace(/\s+/g, ' '), 300);
    return httpStatusResult('Slack', status, explanation, parseRetryAfter(retryAfter, this.now()));
  }
}
