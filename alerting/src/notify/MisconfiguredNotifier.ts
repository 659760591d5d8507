import type { Notification, Notifier, NotifyResult } from './Notifier';

/**
 * MisconfiguredNotifier stands in for a channel that cannot work with the service's configuration (an e-mail channel
 * without SMTP_URL): every send fails for good with the reason, so the outbox shows why instead of retrying forever.
 */
export class MisconfiguredNotifier implements Notifier {
  constructor(
    readonly integration: string,
    private readonly reason: string,
  ) {}

  send(_notification: Notification, _signal?: AbortSignal): Promise<NotifyResult> {
    return Promise.resolve({ ok: false, retryable: false, reason: this.reason });
  }
}
