import { z } from 'zod';
import { Pool } from 'undici';

/** RevocationFeedPage is one answer of auth's GET /internal/v1/api-keys/revocations?after=<cursor>. */
export const RevocationFeedPage = z.object({
  revocations: z
    .array(
      z.object({
        id: z.number().int(),
        keyHash: z.string().regex(/^[0-9a-f]{64}$/),
        revokedAt: z.string(),
      }),
    )
    .max(10_000),
  next: z.number().int().min(0),
});

/** RevocationPollerOptions configures RevocationPoller.fromConfig. */
export interface RevocationPollerOptions {
  authUrl: string;
  internalToken: string;
  intervalMs: number;
  /** Called with each revoked key's hash. */
  onRevoked: (keyHash: string) => void;
  /** auth has no feed (404, an older auth): the cache TTL alone bounds how long a revoked key works. */
  onUnsupported?: () => void;
  onError?: (err: Error) => void;
  timeoutMs?: number;
}

/** RevocationFeedError says auth's revocation feed answered outside its contract. */
export class RevocationFeedError extends Error {
  override readonly name = 'RevocationFeedError';
}

const MAX_PAGES_PER_TICK = 20;

/**
 * RevocationPoller follows auth's API-key revocation feed every intervalMs from a cursor and hands each revoked
 * key hash to onRevoked, so a revoked key stops working within about one interval instead of one cache TTL.
 */
export class RevocationPoller {
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private unsupported = false;

  private constructor(
    private readonly pool: Pool,
    private readonly options: RevocationPollerOptions,
  ) {}

  /** fromConfig builds a poller with its own small keep-alive pool to auth. */
  static fromConfig(options: RevocationPollerOptions): RevocationPoller {
    return new RevocationPoller(
      new Pool(new URL(options.authUrl).origin, { connections: 1, keepAliveTimeout: 10_000 }),
      options,
    );
  }

  /** start polls once now and then every interval. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** pollOnce follows the feed until it is drained (bounded per call). */
  async pollOnce(): Promise<void> {
    for (let page = 0; page < MAX_PAGES_PER_TICK; page++) {
      const res = await this.pool.request({
        method: 'GET',
        path: `/internal/v1/api-keys/revocations?after=${this.cursor}`,
        headers: { authorization: `Bearer ${this.options.internalToken}` },
        headersTimeout: this.options.timeoutMs ?? 2_000,
        bodyTimeout: this.options.timeoutMs ?? 2_000,
      });
      const text = await res.body.text();
      if (res.statusCode === 404) {
        if (!this.unsupported) this.options.onUnsupported?.();
        this.unsupported = true;
        return;
      }
      this.unsupported = false;
      if (res.statusCode !== 200)
        throw new RevocationFeedError(`auth answered ${res.statusCode} to the revocation feed`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new RevocationFeedError('auth answered the revocation feed with malformed JSON');
      }
      const parsed = RevocationFeedPage.safeParse(body);
      if (!parsed.success)
        throw new RevocationFeedError('auth answered the revocation feed outside its contract');
      for (const r of parsed.data.revocations) this.options.onRevoked(r.keyHash);
      const advanced = parsed.data.next > this.cursor;
      if (advanced) this.cursor = parsed.data.next;
      if (!advanced || parsed.data.revocations.length === 0) return;
    }
  }

  /** stop ends polling and closes the pool. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.pool.close();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.pollOnce()
      .catch((err: unknown) => this.options.onError?.(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        this.running = undefined;
      });
  }
}
