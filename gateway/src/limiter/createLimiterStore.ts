import type { LimiterStore } from './LimiterStore';
import { InMemoryLimiterStore } from './InMemoryLimiterStore';
import { RedisLimiterStore } from './RedisLimiterStore';

/** LimiterStoreOptions chooses and configures the limiter backend. */
export interface LimiterStoreOptions {
  redisUrl?: string;
  redisKeyPrefix?: string;
  onRedisError?: (err: Error) => void;
}

/** createLimiterStore is the registry of limiter backends: Redis when a URL is configured, else in-process. */
export async function createLimiterStore(options: LimiterStoreOptions): Promise<LimiterStore> {
  if (!options.redisUrl) return new InMemoryLimiterStore();
  const store = RedisLimiterStore.fromUrl({
    url: options.redisUrl,
    keyPrefix: options.redisKeyPrefix,
    onError: options.onRedisError,
  });
  // Starting without Redis is allowed: requests fail open until it comes back.
  await store.waitUntilReady(2_000);
  return store;
}
