import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@sightline/testing';
import type { CleanupStack } from './CleanupStack';
import { isRunning, killHard } from './killHard';
// Not re-exported by the package's index; the drill needs the raw child to own its lifetime.
import { spawnRedis, waitForPing } from '@sightline/testing';

/** RedisProcess is a drill's own redis-server on a loopback port, which the drill may crash and restart. */
export interface RedisProcess {
  port: number;
  url: string;
  /** crash kills the server with SIGKILL, like kill -9, and resolves once it is gone. */
  crash(): Promise<void>;
  /** restart starts it again on the same port with empty data and resolves once it answers PING. */
  restart(): Promise<void>;
}

/**
 * startRedisProcess starts a redis-server (no persistence) in a temp dir; the cleanup stack stops it and removes
 * the dir, also when the drill's process dies first.
 */
export async function startRedisProcess(cleanup: CleanupStack): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sl-drill-redis-'));
  let child: ChildProcess | undefined;
  cleanup.push({
    close: async () => {
      await killHard(child);
      rmSync(dir, { recursive: true, force: true });
    },
    onExit: () => {
      if (isRunning(child)) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  });
  const start = async () => {
    child = spawnRedis(port, dir);
    await waitForPing(port, 5_000);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    crash: () => killHard(child),
    restart: start,
  };
}
