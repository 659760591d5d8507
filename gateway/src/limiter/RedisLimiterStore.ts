import { Cluster, Redis } from 'ioredis';
import type { LimitCheck } from './LimitCheck';
import type { LimitDecision, LimiterStore } from './LimiterStore';
import { MULTI_LIMIT_LUA } from './multiLimitLua';
import { withDeadline } from './withDeadline';

/** RedisLimiterOptions configures RedisLimiterStore.fromConfig: one server (url) or a cluster (clusterNodes). */
export interface RedisLimiterOptions {
  url?: string;
  /** host:port seeds of a Redis Cluster; used instead of url when non-empty. */
  clusterNodes?: readonly string[];
  /** AUTH password of the cluster nodes. */
  clusterPassword?: string;
  /** TLS to the cluster nodes. */
  clusterTls?: boolean;
  /** Prepended to every key, so tests and deployments can share one Redis; must not contain `{`. */
  keyPrefix?: string;
  /** Per-command deadline; a slow Redis must not slow the proxy down, the breaker takes over instead. */
  commandTimeoutMs?: number;
  /** Connection-level errors (the client reconnects by itself). */
  onError?: (err: Error) => void;
}

type HitReply = [number, number, number, number, number, number];
type Client = (Redis | Cluster) & { multiLimit(...args: (string | number)[]): Promise<HitReply> };

/**
 * RedisLimiterStore applies a LimitCheck with one EVALSHA of MULTI_LIMIT_LUA (ioredis defineCommand, auto-
 * pipelined, so concurrent requests share round trips). Keys are hash-tagged, so a check works on a cluster.
 */
export class RedisLimiterStore implements LimiterStore {
  readonly backend = 'redis' as const;
  // Plans are immutable and rebuilt on reload, so their argument vectors are built once per plan.
  private readonly argsCache = new WeakMap<LimitCheck, [(string | number)[], (string | number)[]]>();

  private constructor(
    private readonly redis: Client,
    /** The key prefix in front of every key. */
    readonly keyPrefix: string,
    private readonly timeoutMs: number,
  ) {}

  /** fromConfig connects without an offline queue or retries, so a down Redis fails fast instead of queueing. */
  static fromConfig(options: RedisLimiterOptions): RedisLimiterStore {
    const keyPrefix = options.keyPrefix ?? 'sl:gw:';
    if (keyPrefix.includes('{')) throw new Error('the Redis key prefix must not contain "{"');
    const timeoutMs = options.commandTimeoutMs ?? 50;
    const redisOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // withDeadline enforces the real deadline; this is a backstop that frees ioredis' own bookkeeping.
      commandTimeout: Math.max(1_000, timeoutMs * 10),
      connectTimeout: 1_000,
      enableAutoPipelining: true,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
    };
    let redis: Redis | Cluster;
    if (options.clusterNodes && options.clusterNodes.length > 0) {
      redis = new Cluster(
        options.clusterNodes.map((n) => {
          const [host, port] = n.split(':');
          return { host: host!, port: Number(port) };
        }),
        {
          enableOfflineQueue: false,
          enableAutoPipelining: true,
          clusterRetryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
          // With TLS the nodes' certificates name the configuration endpoint, not the IPs CLUSTER SLOTS returns:
          // keep the host names so certificate checks pass (ElastiCache's documented ioredis setting).
          ...(options.clusterTls
            ? { dnsLookup: (address: string, done: (e: null, a: string) => void) => done(null, address) }
            : {}),
          redisOptions: {
            ...redisOptions,
            ...(options.clusterPassword ? { password: options.clusterPassword } : {}),
            ...(options.clusterTls ? { tls: {} } : {}),
          },
        },
      );
    } else {
      if (!options.url) throw new Error('RedisLimiterStore needs a url or cluster nodes');
      redis = new Redis(options.url, redisOptions);
    }
    redis.on('error', (err: Error) => options.onError?.(err));
    redis.defineCommand('multiLimit', { lua: MULTI_LIMIT_LUA });
    return new RedisLimiterStore(redis as Client, keyPrefix, timeoutMs);
  }

  async hit(check: LimitCheck, force: boolean): Promise<Exclude<LimitDecision, { kind: 'disabled' }>> {
    try {
      const [allowed, index, remaining, resetMs, retryAfterMs, usage] = await withDeadline(
        this.redis.multiLimit(...this.argsFor(check)[force ? 1 : 0]),
        this.timeoutMs,
      );
      return {
        kind: 'decided',
        allowed: allowed === 1,
        index: index - 1,
        remaining,
        resetMs,
        retryAfterMs,
        usage: usage / 1000,
      };
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

  private argsFor(check: LimitCheck): [(string | number)[], (string | number)[]] {
    let args = this.argsCache.get(check);
    if (!args) {
      const n = check.keys.length;
      const head: (string | number)[] = [n];
      for (const key of check.keys) head.push(this.keyPrefix + key);
      const tail: (string | number)[] = [];
      for (let k = 0; k < n; k++) tail.push(check.limits[k]!, check.windowsMs[k]!);
      args = [
        [...head, '0', ...tail],
        [...head, '1', ...tail],
      ];
      this.argsCache.set(check, args);
    }
    return args;
  }
}
