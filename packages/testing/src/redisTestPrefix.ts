import { randomBytes } from 'node:crypto';

/** redisUrl is the real Redis server tests use. */
export function redisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** redisTestPrefix returns a unique key prefix so concurrent test files never share Redis keys. */
export function redisTestPrefix(name = 'test'): string {
  return `sl_${name}_${randomBytes(4).toString('hex')}:`;
}
