/** BreakerState is where a CircuitBreaker stands: closed (use Redis), open (use the fallback), half-open (probe). */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** CircuitBreakerOptions configures CircuitBreaker. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long the breaker stays open before one probe is let through. */
  openMs: number;
  /** Called on closed→open and on →closed, i.e. when the limiter mode changes. */
  onChange?: (state: 'open' | 'closed', cause?: Error) => void;
  now?: () => number;
}

/**
 * CircuitBreaker counts consecutive failures of a dependency; once open it refuses calls for openMs, then lets
 * exactly one probe through (half-open): success closes it, failure opens it again.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openUntil = 0;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** current returns the breaker's state. */
  current(): BreakerState {
    return this.state;
  }

  /** tryAcquire says whether a call may go to the dependency now; in half-open only the single probe may. */
  tryAcquire(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (this.now() < this.openUntil) return false;
      this.state = 'half-open';
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  /**
   * success records a call that worked. Only the half-open probe closes an open breaker: a slow call admitted
   * before the breaker opened may still succeed afterwards, and letting it close the breaker made the mode flap.
   */
  success(): void {
    this.failures = 0;
    if (this.state === 'half-open') {
      this.state = 'closed';
      this.probing = false;
      this.options.onChange?.('closed');
    }
  }

  /** failure records a call that failed or timed out. */
  failure(err: Error): void {
    if (this.state === 'half-open') {
      this.probing = false;
      this.trip();
      return;
    }
    if (this.state === 'open') return;
    this.failures++;
    if (this.failures >= this.options.failureThreshold) {
      this.trip();
      this.options.onChange?.('open', err);
    }
  }

  private trip(): void {
    this.state = 'open';
    this.openUntil = this.now() + this.options.openMs;
  }
}
