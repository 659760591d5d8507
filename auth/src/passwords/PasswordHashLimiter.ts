import { HttpError } from '@sightline/http';

/**
 * PasswordHashBusyError is a 503: more password hashes are waiting than the limiter queues. Each scrypt hash holds
 * 16 MiB while it runs, so the bound on concurrent hashes is a bound on auth's memory; a burst of logins or user
 * creations past it is told to retry instead of growing the process towards its container limit.
 */
export class PasswordHashBusyError extends HttpError {
  override name = 'PasswordHashBusyError';
  constructor() {
    super(503, 'Service Unavailable', 'password hashing is at capacity; retry shortly', {
      headers: { 'retry-after': '1' },
    });
  }
}

/** PasswordHashLimiterStats is what the limiter reports to metrics. */
export interface PasswordHashLimiterStats {
  running: number;
  queued: number;
  rejected: number;
}

/**
 * PasswordHashLimiter runs at most `concurrency` hashes at once and queues at most `maxQueued` more, in arrival
 * order; a hash past the queue is refused with PasswordHashBusyError at once, before any memory is taken.
 */
export class PasswordHashLimiter {
  private running = 0;
  private rejected = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be ≥ 1');
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError('maxQueued must be ≥ 0');
  }

  /** run calls fn once a slot is free, or throws PasswordHashBusyError when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) {
        this.rejected++;
        throw new PasswordHashBusyError();
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next waiter, so `running` never dips while others wait.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** stats reports the hashes running, the hashes queued and the hashes refused so far. */
  stats(): PasswordHashLimiterStats {
    return { running: this.running, queued: this.waiting.length, rejected: this.rejected };
  }
}
