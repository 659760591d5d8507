/** MemoryLease is an admitted request's share of the in-flight budget; release it exactly once. */
export interface MemoryLease {
  release(): void;
}

/** MemoryLimiterOptions bounds what the collector holds in flight. */
export interface MemoryLimiterOptions {
  maxInFlightBytes: number;
  maxInFlightRequests: number;
}

/**
 * MemoryLimiter admits a request only while the bytes and requests in flight stay under their bounds, so a
 * burst is refused (429 with Retry-After) instead of growing the heap.
 */
export class MemoryLimiter {
  private bytes = 0;
  private requests = 0;

  constructor(private readonly options: MemoryLimiterOptions) {}

  /** tryAcquire reserves bytes for one request, or returns null when that would exceed a bound. */
  tryAcquire(bytes: number): MemoryLease | null {
    if (this.requests + 1 > this.options.maxInFlightRequests) return null;
    // One request larger than the whole budget is still let in alone, or it could never be served.
    if (this.bytes > 0 && this.bytes + bytes > this.options.maxInFlightBytes) return null;
    this.bytes += bytes;
    this.requests++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.bytes -= bytes;
        this.requests--;
      },
    };
  }

  /** inFlightBytes is the number of bytes currently reserved. */
  get inFlightBytes(): number {
    return this.bytes;
  }

  /** inFlightRequests is the number of requests currently admitted. */
  get inFlightRequests(): number {
    return this.requests;
  }
}
