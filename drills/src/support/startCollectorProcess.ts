import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase, freePort } from '@sightline/testing';
import { bundleService } from './bundleService';
import type { CleanupStack } from './CleanupStack';
import type { NodeService } from './startNodeService';
import { startNodeService } from './startNodeService';

const INTERNAL_TOKEN = 'drill-collector-token-0123456789';

/** CollectorProcess is the collector running as its own process on a fresh database and a temp queue dir. */
export interface CollectorProcess {
  url: string;
  metricsUrl: string;
  queueDir: string;
  service: NodeService;
}

/**
 * startCollectorProcess bundles the collector from source and runs it with its own database (dropped afterwards),
 * disk queues and archive in a temp dir (removed afterwards), plus the given environment; it resolves once
 * /readyz answers 200.
 */
export async function startCollectorProcess(
  env: Record<string, string>,
  cleanup: CleanupStack,
): Promise<CollectorProcess> {
  const db: TestDatabase = await createTestDatabase('sl_drill_collector');
  cleanup.push({ close: () => db.drop(), onExit: () => undefined });
  const dir = mkdtempSync(join(tmpdir(), 'sl-drill-collector-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanup.push({ close: remove, onExit: remove });
  const bundle = await bundleService('collector', cleanup);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const queueDir = join(dir, 'queue');
  const service = await startNodeService(
    {
      name: 'collector',
      bundle,
      env: {
        COLLECTOR_PORT: String(port),
        DATABASE_URL: db.url,
        INTERNAL_TOKEN,
        QUEUE_DIR: queueDir,
        ARCHIVE_DIR: join(dir, 'archive'),
        LOG_LEVEL: 'warn',
        ...env,
      },
      readyUrl: `${url}/readyz`,
    },
    cleanup,
  );
  return { url, metricsUrl: `${url}/metrics`, queueDir, service };
}
