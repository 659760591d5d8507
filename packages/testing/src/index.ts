export { createTestDatabase, adminUrl } from './createTestDatabase';
export type { TestDatabase } from './createTestDatabase';
export { redisTestPrefix, redisUrl } from './redisTestPrefix';
export { freePort } from './freePort';
export { waitFor } from './waitFor';
