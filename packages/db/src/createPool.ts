import pg from 'pg';

/** PoolOptions configures createPool. */
export interface PoolOptions {
  connectionString: string;
  applicationName: string;
  max?: number;
  onError?: (err: Error) => void;
}

/**
 * createPool returns a pg Pool whose client errors are reported instead of crashing the process: an idle client's
 * and, as important, a checked-out client's, which pg emits with no listener when its server goes away mid-query
 * (a failover, a restart). The query in flight still rejects, so its caller sees the failure.
 */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // Every client reports through its own listener, idle or checked out; the pool's 'error' repeats an idle
  // client's error, so it is only acknowledged here.
  pool.on('connect', (client) => client.on('error', (err) => options.onError?.(err)));
  pool.on('error', () => undefined);
  return pool;
}
