import { fixture, postOtlp, startTestCollector, toProtobuf } from './collectorHarness';
import type { TestCollector } from './collectorHarness';

const ROUNDS = 150;

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
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
  );
});
