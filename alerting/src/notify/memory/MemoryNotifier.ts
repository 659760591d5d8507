import type { Notification, Notifier, NotifyResult } from '../Notifier';

/** MemoryFailure is how a MemoryNotifier fails while it is told to. */
export interface MemoryFailure {
  retryable?: boolean;
  reason?: string;
  retryAfterMs?: number;
}

/**
 * MemoryNotifier is the in-memory Notifier and the test fake of the plugin pattern: it records every attempt and every
 * delivered notification, and fails the next N sends when told to.
 */
export class MemoryNotifier implements Notifier {
  readonly integration = 'memory';
  /** delivered are the notifications it accepted, in order. */
  readonly delivered: Notification[] = [];
  /** attempts are every send, failed ones included, in order. */
  readonly attempts: Notification[] = [];
  private failuresLeft = 0;
  private failure: MemoryFailure = {};

  constructor(options: { failTimes?: number; failure?: MemoryFailure } = {}) {
    this.failNext(options.failTimes ?? 0, options.failure);
  }

  /** failNext makes the next `times` sends fail (retryable unless said otherwise). */
  failNext(times: number, failure: MemoryFailure = {}): void {
    this.failuresLeft = times;
    this.failure = failure;
  }

  /** byDedupKey lists the delivered notifications of one alert group. */
  byDedupKey(dedupKey: string): Notification[] {
    return this.delivered.filter((n) => n.dedupKey === dedupKey);
  }

  send(notification: Notification, signal?: AbortSignal): Promise<NotifyResult> {
    this.attempts.push(notification);
    if (signal?.aborted) return Promise.resolve({ ok: false, retryable: true, reason: 'memory: aborted' });
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      const { retryable = true, reason = 'memory: told to fail', retryAfterMs } = this.failure;
      return Promise.resolve({
        ok: false,
        retryable,
        reason,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    // A copy, so a caller mutating its object afterwards cannot rewrite what was "sent".
    this.delivered.push(structuredClone(notification));
    return Promise.resolve({ ok: true, detail: 'recorded' });
  }
}
