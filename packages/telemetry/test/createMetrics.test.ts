import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Counter } from 'prom-client';
import { createMetrics, liveHeapAfterMajorGc, majorGcsObserved } from '../src';

describe('createMetrics', () => {
  it('exposes process metrics labelled with the service that pass promtool check metrics', async () => {
    const registry = createMetrics('gateway');
    new Counter({
      name: 'gateway_requests_total',
      help: 'Requests.',
      labelNames: ['tenant'],
      registers: [registry],
    }).inc({ tenant: 'acme' });
    const text = await registry.metrics();
    expect(text).toContain('gateway_requests_total{tenant="acme",service="gateway"} 1');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('nodejs_heap_live_bytes', () => {
  // A full collection on demand: the flag exposes gc() to contexts created after it is set.
  setFlagsFromString('--expose-gc');
  const fullGc = runInNewContext('gc') as () => void;
  const afterGc = async () => {
    const seen = majorGcsObserved();
    fullGc();
    // PerformanceObserver delivers gc entries asynchronously, later still on a busy machine: wait for this one.
    const until = Date.now() + 10_000;
    while (majorGcsObserved() === seen && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(majorGcsObserved()).toBeGreaterThan(seen);
  };

  it('reports the heap left after a major garbage collection: retained memory shows, garbage does not', async () => {
    const registry = createMetrics('collector');
    const read = async () =>
      Number(/^nodejs_heap_live_bytes\{service="collector"\} (\S+)$/m.exec(await registry.metrics())?.[1]);
    // The gauge is read when the observer hears of a collection, after it: whatever the jest worker allocated in
    // between counts too (CI saw +100 MiB once). Such noise only ever adds, so the least of three readings is taken.
    const settledRead = async () => {
      let least = Infinity;
      for (let i = 0; i < 3; i++) {
        await afterGc();
        least = Math.min(least, await read());
      }
      return least;
    };
    await afterGc();
    const first = await read();
    expect(first).toBe(liveHeapAfterMajorGc());
    expect(first).toBeGreaterThan(1024 * 1024);
    expect(first).toBeLessThan(process.memoryUsage().heapTotal);

    // 40 MiB of garbage: in the heap until a collection, and not in the reading after it.
    let garbage: number[][] | undefined = Array.from({ length: 40 }, () => new Array(128 * 1024).fill(1.5));
    const withGarbage = process.memoryUsage().heapUsed;
    const made = garbage.length;
    garbage = undefined;
    const afterGarbage = await settledRead();
    expect([made, garbage]).toEqual([40, undefined]);
    expect(withGarbage - first).toBeGreaterThan(30 * 1024 * 1024);
    expect(withGarbage - afterGarbage).toBeGreaterThan(30 * 1024 * 1024);

    // 40 MiB kept: shows after the next collection.
    const retained = Array.from({ length: 40 }, () => new Array(128 * 1024).fill(1.5));
    expect((await settledRead()) - afterGarbage).toBeGreaterThan(30 * 1024 * 1024);
    expect(retained).toHaveLength(40);
  });
});
