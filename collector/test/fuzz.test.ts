import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fixture, postOtlp, startTestCollector, toProtobuf } from './collectorHarness';
import type { TestCollector } from './collectorHarness';

// 4 bodies × 2000 mutations, plus fastcheckFuzz's 2000 generated bodies: the 10,000 hostile inputs.
const ROUNDS = 2000;

let c: TestCollector;
let heapAtStart = 0;
// A full collection before each reading, so the comparison is of live memory and not of garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};
beforeAll(async () => {
  c = await startTestCollector();
  heapAtStart = liveHeap();
});
afterAll(async () => {
  await c.close();
});

/** mulberry32 is a small seeded PRNG, so a failing round can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(input: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(input);
  const edits = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < edits; i++) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
  return rand() < 0.3 ? out.subarray(0, Math.floor(rand() * out.length)) : out;
}

describe('the OTLP receiver under mutated input', () => {
  it.each([
    [
      'protobuf traces',
      'traces',
      'application/x-protobuf',
      toProtobuf('traces', JSON.parse(fixture('trace.json'))),
    ],
    ['protobuf logs', 'logs', 'application/x-protobuf', toProtobuf('logs', JSON.parse(fixture('logs.json')))],
    ['JSON traces', 'traces', 'application/json', Buffer.from(fixture('trace.json'))],
    ['JSON logs', 'logs', 'application/json', Buffer.from(fixture('logs.json'))],
  ] as const)(
    'answers every randomly corrupted %s body with 200 or 400, never a server error',
    async (_name, signal, type, body) => {
      const rand = mulberry32(0x5eed + body.length);
      const statuses = new Set<number>();
      for (let round = 0; round < ROUNDS; round++) {
        const res = await postOtlp(c.base, signal, mutate(body, rand), { 'content-type': type });
        await res.arrayBuffer();
        if (res.status !== 200 && res.status !== 400)
          throw new Error(`round ${round} answered ${res.status}`);
        statuses.add(res.status);
      }
      expect([...statuses].every((s) => s === 200 || s === 400)).toBe(true);
      const healthy = await fetch(`${c.base}/healthz`);
      expect(healthy.status).toBe(200);
    },
    120_000,
  );

  it('keeps its memory bounded over the 8,000 corrupted bodies', () => {
    // The collector runs in this process; its live heap after the rounds stays near where it began.
    expect(liveHeap() - heapAtStart).toBeLessThan(64 * 1024 * 1024);
  });
});
