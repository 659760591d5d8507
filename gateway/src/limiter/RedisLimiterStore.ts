import type { ConnectionOptions } from 'node:tls';
import { connect } from 'node:tls';
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
  /**
   * PEM CA bundle that verifies the servers' certificates, for the cluster with clusterTls or a rediss:// url;
   * the system CAs when unset.
   */
  tlsCa?: string;
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
    // Node's `ca` replaces the system CAs rather than adding to them: a private CA is then the only one trusted.
    const tls = options.tlsCa === undefined ? {} : { ca: options.tlsCa };
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
            ...(options.clusterTls ? { tls } : {}),
          },
        },
      );
    } else {
      if (!options.url) throw new Error('RedisLimiterStore needs a url or cluster nodes');
      // ioredis turns rediss:// into TLS by itself, but only with its system-CA defaults; give it the CA here.
      const secure = /^rediss:\/\//i.test(options.url);
      redis = new Redis(options.url, secure ? { ...redisOptions, tls } : redisOptions);
    }
    if (redis instanceof Cluster && options.clusterTls) {
      // ioredis asks a node for the slots over a throwaway connection whose errors it drops, so an untrusted
      // certificate surfaces only as "Failed to refresh slots cache" (Connection is closed). So, at most every 10 s,
      // repeat the handshake with the node that failed last and report why it fails instead, if it does.
      let failedNode = options.clusterNodes![0]!;
      let lastProbe = -Infinity;
      redis.on('node error', (_err: Error, address: string) => (failedNode = address));
      redis.on('error', (err: Error) => {
        if (Date.now() - lastProbe < 10_000) return options.onError?.(err);
        lastProbe = Date.now();
        void tlsHandshakeError(failedNode, tls).then((reason) => options.onError?.(reason ?? err));
      });
    } else {
      redis.on('error', (err: Error) => options.onError?.(err));
    }
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

/** tlsHandshakeError opens one TLS connection to host:port as the client would and says why it failed, if it did. */
function tlsHandshakeError(address: string, tls: ConnectionOptions): Promise<Error | undefined> {
  const at = address.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ ...tls, host: address.slice(0, at), port: Number(address.slice(at + 1)) });
    const done = (err?: Error) => {
      socket.destroy();
      resolve(err);
    };
    socket.setTimeout(1_000, () => done());
    socket.once('secureConnect', () => done());
    socket.once('error', (cause: NodeJS.ErrnoException) => {
      const err: NodeJS.ErrnoException = new Error(
        `TLS handshake with Redis node ${address} failed: ${cause.message}`,
        { cause },
      );
      // Keep OpenSSL's code (SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, …) in the log.
      err.code = cause.code;
      done(err);
    });
  });
}
