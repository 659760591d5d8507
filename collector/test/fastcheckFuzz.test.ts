import fc from 'fast-check';
import type { TestCollector } from './collectorHarness';
import { postOtlp, startTestCollector } from './collectorHarness';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ MAX_BODY_BYTES: 64 * 1024 });
});
afterAll(async () => {
  await c.close();
});

const hostileJson = fc.oneof(
  fc.json(),
  fc.string(),
  fc.record({ resourceSpans: fc.anything() }),
  fc.record({ resourceLogs: fc.array(fc.record({ scopeLogs: fc.anything() })) }),
  fc.record({
    resourceMetrics: fc.array(fc.record({ scopeMetrics: fc.array(fc.record({ metrics: fc.anything() })) })),
  }),
);

describe('the receivers under property-based hostile input', () => {
  it('answers a few thousand random hostile bodies with 200 or a 4xx each, and keeps serving', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('traces', 'logs', 'metrics'),
        fc.oneof(
          hostileJson.map((v) => ({
            type: 'application/json',
            body: Buffer.from(typeof v === 'string' ? v : (JSON.stringify(v) ?? '')),
          })),
          fc
            .uint8Array({ maxLength: 512 })
            .map((b) => ({ type: 'application/x-protobuf', body: Buffer.from(b) })),
          fc.uint8Array({ maxLength: 64 }).map((b) => ({ type: 'text/plain', body: Buffer.from(b) })),
        ),
        async (signal, { type, body }) => {
          const res = await postOtlp(c.base, signal, body, { 'content-type': type });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          return res.status === 200 || (res.status >= 400 && res.status < 500);
        },
      ),
      { numRuns: 2000, seed: 0x51647, endOnFailure: true },
    );
    expect([...statuses.keys()].every((s) => s === 200 || (s >= 400 && s < 500))).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect((await fetch(`${c.base}/healthz`)).status).toBe(200);
  }, 60_000);
});
