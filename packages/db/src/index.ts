export { createPool } from './createPool';
export type { PoolOptions } from './createPool';
export { createDb } from './createDb';
export { migrateToLatest, MigrationError } from './migrate';
export type { MigrationSet } from './migrate';
export { startEmbeddedPostgres, EmbeddedPostgresError } from './startEmbeddedPostgres';
export type { EmbeddedPostgresHandle, EmbeddedPostgresOptions } from './startEmbeddedPostgres';
export { withTransaction } from './withTransaction';
