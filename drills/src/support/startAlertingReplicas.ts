import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase, freePort } from '@sightline/testing';
import { bundleService } from './bundleService';
import type { CleanupStack } from './CleanupStack';
import { crashNodeService } from './crashNodeService';
import type { NodeService } from './startNodeService';
import { startNodeService } from './startNodeService';

/** AlertingReplica is one alerting process; crash and restart keep its port, as a supervisor's restart would. */
export interface AlertingReplica {
  name: string;
  base: string;
  readonly service: NodeService;
  /** crash kills it with SIGKILL and resolves once it is gone. */
  crash(): Promise<void>;
  /** restart starts it again (same port and environment) and resolves once /readyz answers 200. */
  restart(): Promise<void>;
}

/** AlertingReplicasOptions says how many replicas share the database and what else they get in their environment. */
export interface AlertingReplicasOptions {
  replicas: number;
  internalToken: string;
  env: Record<string, string>;
}

/** AlertingReplicas are the replicas and the database they share. */
export interface AlertingReplicas {
  replicas: AlertingReplica[];
  databaseUrl: string;
}

/**
 * startAlertingReplicas bundles alerting from source and starts replicas of it as separate processes on one fresh
 * database (dropped afterwards), with an empty SLO specs dir, like an HA deployment behind a load balancer.
 */
export async function startAlertingReplicas(
  o: AlertingReplicasOptions,
  cleanup: CleanupStack,
): Promise<AlertingReplicas> {
  const db: TestDatabase = await createTestDatabase('sl_drill_alerting');
  cleanup.push({ close: () => db.drop(), onExit: () => undefined });
  const specsDir = mkdtempSync(join(tmpdir(), 'sl-drill-slos-'));
  const remove = () => rmSync(specsDir, { recursive: true, force: true });
  cleanup.push({ close: remove, onExit: remove });
  const bundle = await bundleService('alerting', cleanup);
  const replicas: AlertingReplica[] = [];
  for (let i = 0; i < o.replicas; i++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const start = () =>
      startNodeService(
        {
          name: `alerting-${i + 1}`,
          bundle,
          env: {
            ALERTING_PORT: String(port),
            DATABASE_URL: db.url,
            INTERNAL_TOKEN: o.internalToken,
            SLO_SPECS_DIR: specsDir,
            ...o.env,
          },
          readyUrl: `${base}/readyz`,
        },
        cleanup,
      );
    let service = await start();
    replicas.push({
      name: `alerting-${i + 1}`,
      base,
      get service() {
        return service;
      },
      crash: () => crashNodeService(service),
      async restart() {
        service = await start();
      },
    });
  }
  return { replicas, databaseUrl: db.url };
}
