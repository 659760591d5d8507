import pg from 'pg';

/** PoolOptions configures createPool. */
export interface PoolOptions {
  connectionString: string;
  applicationName: string;
  max?: number;
  onError?: (err: Error) => void;
}

/** createPool returns a pg Pool whose idle-client errors are reported instead of crashing the process. */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (err) => options.onError?.(err));
  return pool;
}
