export { createTestDatabase, adminUrl } from './createTestDatabase';
export type { TestDatabase } from './createTestDatabase';
export { redisTestPrefix, redisUrl } from './redisTestPrefix';
export { freePort } from './freePort';
export { waitFor } from './waitFor';
export { startRedisServer, RedisServerStartError } from './startRedisServer';
export type { RedisServer } from './startRedisServer';
export { startRedisCluster, RedisClusterStartError } from './startRedisCluster';
export type { RedisCluster } from './startRedisCluster';
