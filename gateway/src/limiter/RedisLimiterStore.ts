import { Redis } from 'ioredis';
import type { LimitDecision, LimiterStore } from './LimiterStore';
import { SLIDING_WINDOW_LUA } from './slidingWindowLua';

/** RedisLimiterOptions configures RedisLimiterStore.fromUrl. */
export interface RedisLimiterOptions {
  url: string;
  /** Prepended to every key, so tests and deployments can share one Redis. */
  keyPrefix?: string;
  /** Per-command deadline; a slow Redis must not slow the proxy down. */
  commandTimeoutMs?: number;
  /** Connection-level errors (the client reconnects by itself). */
  onError?: (err: Error) => void;
}

type HitReply = [number, number, number, number];

interface SlidingWindowCommands {
  slidingWindowHit(key: string, limit: number, windowMs: number): Promise<HitReply>;
}

/**
 * RedisLimiterStore keeps sliding-window counters in Redis, one hash per tenant under the hash tag
 * `{t:<tenant>}` so that every key of a tenant lands on one cluster slot, updated by one Lua script.
 */
export class RedisLimiterStore implements LimiterStore {
  readonly backend = 'redis' as const;

  private constructor(
    private readonly redis: Redis & SlidingWindowCommands,
    private readonly keyPrefix: string,
  ) {}

  /** fromUrl connects to Redis without an offline queue, so a down Redis fails fast instead of queueing. */
  static fromUrl(options: RedisLimiterOptions): RedisLimiterStore {
    const redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    redis.on('error', (err: Error) => options.onError?.(err));
    redis.defineCommand('slidingWindowHit', { numberOfKeys: 1, lua: SLIDING_WINDOW_LUA });
    return new RedisLimiterStore(redis as Redis & SlidingWindowCommands, options.keyPrefix ?? 'sl:gw:');
  }

  /** keyFor is the Redis key that holds one tenant's window. */
  keyFor(tenant: string): string {
    return `${this.keyPrefix}{t:${tenant}}`;
  }

  async hit(tenant: string, limit: number, windowMs: number): Promise<LimitDecision> {
    try {
      const [allowed, remaining, resetMs, retryAfterMs] = await this.redis.slidingWindowHit(
        this.keyFor(tenant),
        limit,
        windowMs,
      );
      return allowed === 1
        ? { kind: 'allowed', limit, remaining, resetMs }
        : { kind: 'limited', limit, remaining: 0, resetMs, retryAfterMs };
    } catch (err) {
      return { kind: 'error', error: err instanceof Error ? err : new Error(String(err)) };
    }
  }

  /** waitUntilReady resolves when the connection is up, or false after timeoutMs. */
  waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.redis.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  async ready(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
