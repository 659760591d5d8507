import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TraceView } from '@sightline/contracts';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase, freePort, waitFor } from '@sightline/testing';
import { TEST_TOKEN, internalGet, jsonSpan, postOtlp, traceRequest } from './collectorHarness';
import { FakeJaeger } from './fakes/FakeJaeger';

const ROOT = path.join(__dirname, '../..');
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

let db: TestDatabase;
let dataDir: string;
let jaeger: FakeJaeger;
let port: number;
let child: ChildProcess | null = null;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', 'collector', '--no-dashboard'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  db = await createTestDatabase('sl_collector_crash');
  dataDir = mkdtempSync(path.join(tmpdir(), 'sl-collector-crash-'));
  jaeger = new FakeJaeger();
  // Jaeger is up only after the crash, so everything acknowledged before it waits in the disk queue.
  await jaeger.start();
  await jaeger.stop();
  port = await freePort();
}, 60_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await jaeger.stop();
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function spawnCollector(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'collector/dist/main.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      INTERNAL_TOKEN: TEST_TOKEN,
      COLLECTOR_PORT: String(port),
      QUEUE_DIR: path.join(dataDir, 'queue'),
      ARCHIVE_DIR: path.join(dataDir, 'archive'),
      JAEGER_OTLP_URL: jaeger.url,
      EXPORT_RETRY_INITIAL_MS: '50',
      EXPORT_RETRY_MAX_MS: '300',
      LOG_LEVEL: 'silent',
    },
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 15_000);
  return proc;
}

describe('a collector killed with SIGKILL during ingest', () => {
  it('keeps every span it acknowledged with 2xx, in Postgres and delivered to Jaeger after a restart', async () => {
    child = await spawnCollector();
    const base = `http://127.0.0.1:${port}`;
    const traceId = hex(16);
    const acknowledged = new Set<string>();
    let stop = false;
    const sender = async (): Promise<void> => {
      while (!stop) {
        const ids = Array.from({ length: 10 }, () => hex(8));
        const body = JSON.stringify(
          traceRequest(
            'svc',
            ids.map((spanId) => jsonSpan({ traceId, spanId, startMs: Date.now(), durationMs: 1 })),
          ),
        );
        try {
          const res = await postOtlp(base, 'traces', body, { 'content-type': 'application/json' });
          await res.arrayBuffer();
          if (res.status === 200) for (const id of ids) acknowledged.add(id);
        } catch {
          // The connection dies with the process; an unanswered request was never acknowledged.
        }
      }
    };
    const senders = [sender(), sender(), sender(), sender()];
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    stop = true;
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThan(50);

    await jaeger.start();
    child = await spawnCollector();
    const res = await internalGet(base, `/internal/v1/traces/${traceId}`);
    const stored = new Set(((await res.json()) as TraceView).spans.map((s) => s.spanId));
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    await waitFor(() => [...acknowledged].every((id) => jaeger.spans.some((s) => s.spanId === id)), 20_000);
    expect(jaeger.rejected).toEqual([]);
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = null;
  }, 60_000);
});
