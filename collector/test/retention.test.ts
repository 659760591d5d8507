import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import type { TestCollector } from './collectorHarness';
import { jsonSpan, postOtlp, startTestCollector, traceRequest } from './collectorHarness';
import { partitionName } from '../src/store/PartitionManager';

const DAY = 86_400_000;
let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ RETENTION_DAYS: 2 });
});
afterAll(async () => {
  await c.close();
});

async function partitions(): Promise<string[]> {
  const client = new pg.Client({ connectionString: c.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'spans' ORDER BY 1`,
    );
    return rows.map((r) => r.relname);
  } finally {
    await client.end();
  }
}

describe('partitions and retention', () => {
  it('creates day partitions ahead of time at start', async () => {
    const names = await partitions();
    for (let d = 0; d <= 3; d++)
      expect(names).toContain(partitionName('spans', new Date(Date.now() + d * DAY)));
    expect(names).toContain('spans_default');
  });

  it('archives an expired day partition as gzip NDJSON, then drops it', async () => {
    const today = new Date();
    const span = jsonSpan({
      traceId: 'a'.repeat(31) + 'b',
      spanId: 'c'.repeat(16),
      startMs: Date.now(),
      durationMs: 1,
      name: 'old \\ "quoted"\nline',
    });
    expect(
      (
        await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('svc', [span])), {
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(200);
    // Three days later today's partition is older than the two days kept.
    await c.handle.retention.run(new Date(Date.now() + 3 * DAY));
    const names = await partitions();
    expect(names).not.toContain(partitionName('spans', today));
    const day = today.toISOString().slice(0, 10);
    const archived = gunzipSync(readFileSync(path.join(c.dataDir, 'archive', 'spans', `${day}.ndjson.gz`)))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { span_id: string; name: string });
    expect(archived).toEqual([
      expect.objectContaining({ span_id: 'c'.repeat(16), name: 'old \\ "quoted"\nline' }),
    ]);
    expect(readdirSync(path.join(c.dataDir, 'archive'))).toEqual(expect.arrayContaining(['logs', 'spans']));
  });
});
