import { CircuitBreaker } from './CircuitBreaker';
import { DisabledLimiterStore } from './DisabledLimiterStore';
import { InMemoryLimiterStore } from './InMemoryLimiterStore';
import type { LimiterMode } from './ResilientLimiter';
import { ResilientLimiter } from './ResilientLimiter';
import { RedisLimiterStore } from './RedisLimiterStore';
import type { LimiterStore } from './LimiterStore';

/** LimiterStoreOptions chooses and configures the limiter backend. */
export interface LimiterStoreOptions {
  /** False switches rate limiting off (LIMITER_ENABLED): no store is connected and nothing is limited. */
  enabled?: boolean;
  redisUrl?: string;
  redisClusterNodes?: readonly string[];
  redisClusterPassword?: string;
  redisClusterTls?: boolean;
  /** PEM CA bundle that verifies the Redis servers' certificates (REDIS_TLS_CA_FILE); system CAs when unset. */
  redisTlsCa?: string;
  redisKeyPrefix?: string;
  commandTimeoutMs: number;
  breakerFailureThreshold: number;
  breakerOpenMs: number;
  replicas: number;
  onRedisError?: (err: Error) => void;
  /** A check failed on Redis and the fallback decided instead. */
  onCheckError?: (err: Error) => void;
  onModeChange?: (mode: LimiterMode, cause?: Error) => void;
}

/** Limiter is the store the proxy uses plus the mode it is in. */
export interface Limiter {
  store: LimiterStore;
  mode(): LimiterMode;
}

/**
 * createLimiterStore is the registry of limiter backends: none when switched off, Redis (single or cluster) behind a
 * circuit breaker with a per-node fallback when configured, else in-process only.
 */
export async function createLimiterStore(options: LimiterStoreOptions): Promise<Limiter> {
  if (options.enabled === false) return { store: new DisabledLimiterStore(), mode: () => 'disabled' };
  const clustered = (options.redisClusterNodes?.length ?? 0) > 0;
  if (!options.redisUrl && !clustered) {
    const store = new InMemoryLimiterStore();
    return { store, mode: () => 'memory' };
  }
  const redis = RedisLimiterStore.fromConfig({
    url: options.redisUrl,
    clusterNodes: options.redisClusterNodes,
    clusterPassword: options.redisClusterPassword,
    clusterTls: options.redisClusterTls,
    tlsCa: options.redisTlsCa,
    keyPrefix: options.redisKeyPrefix,
    commandTimeoutMs: options.commandTimeoutMs,
    onError: options.onRedisError,
  });
  const breaker = new CircuitBreaker({
    failureThreshold: options.breakerFailureThreshold,
    openMs: options.breakerOpenMs,
    onChange: (state, cause) => options.onModeChange?.(state === 'open' ? 'fallback' : 'redis', cause),
  });
  const store = new ResilientLimiter(redis, new InMemoryLimiterStore(), breaker, options.replicas, (err) =>
    options.onCheckError?.(err),
  );
  // Starting without Redis is allowed: the fallback decides until it comes back.
  await redis.waitUntilReady(2_000);
  return { store, mode: () => store.mode() };
}
