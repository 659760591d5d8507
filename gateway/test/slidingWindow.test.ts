import { InMemoryLimiterStore } from '../src/limiter/InMemoryLimiterStore';
import type { LimitCheck } from '../src/limiter/LimitCheck';
import { evaluateLimits } from '../src/limiter/evaluateLimits';
import type { WindowState } from '../src/limiter/slidingWindow';

const one = (limit: number, windowMs = 1000): LimitCheck => ({
  keys: ['k'],
  limits: [limit],
  windowsMs: [windowMs],
});

function run(check: LimitCheck, times: number[], states = new Map<string, WindowState>()) {
  return times.map((t) => evaluateLimits(states, check, t, false));
}

describe('the two-bucket sliding window', () => {
  it('allows exactly the limit within one window and counts the remaining quota down to zero', () => {
    const out = run(one(3), [10_000, 10_001, 10_002, 10_003]);
    expect(out.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(out.slice(0, 3).map((o) => o.remaining)).toEqual([2, 1, 0]);
  });

  it('weights the previous window by how much of it still overlaps, so a burst at a boundary is not doubled', () => {
    const states = new Map<string, WindowState>();
    run(one(4), [10_990, 10_990, 10_990, 10_990], states);
    // 100 ms into the next window 90 % of the previous 4 still count: 3.6 + 1 > 4.
    expect(run(one(4), [11_100], states)[0]!.allowed).toBe(false);
    // Half way through, 2 of them count, so two more fit and the third does not.
    expect(run(one(4), [11_500, 11_500, 11_500], states).map((o) => o.allowed)).toEqual([true, true, false]);
  });

  it('forgets a window that ended more than one window ago', () => {
    const states = new Map<string, WindowState>();
    run(one(3), [10_000, 10_000, 10_000], states);
    expect(run(one(3), [12_001], states)[0]).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('never admits more than L·(1 + τ/W) + ½ in any interval τ, whatever the arrival pattern (the ADR bound)', () => {
    const L = 20;
    const W = 1000;
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 20; trial++) {
      const states = new Map<string, WindowState>();
      const admitted: number[] = [];
      let t = 100_000;
      for (let i = 0; i < 2000; i++) {
        // Bursty: long gaps, then tight clusters, often right before a window edge.
        t += rand() < 0.1 ? Math.floor(rand() * 900) : Math.floor(rand() * 3);
        if (evaluateLimits(states, one(L, W), t, false).allowed) admitted.push(t);
      }
      for (const tau of [1, 50, 250, 500, 1000]) {
        let worst = 0;
        for (let a = 0, b = 0; b < admitted.length; b++) {
          while (admitted[b]! - admitted[a]! >= tau) a++;
          worst = Math.max(worst, b - a + 1);
        }
        expect(worst).toBeLessThanOrEqual(Math.floor(L * (1 + tau / W) + 0.5));
      }
    }
  });

  it('admits the limit rate exactly under steady overload once warmed up', () => {
    const states = new Map<string, WindowState>();
    let admitted = 0;
    // 1000 offered per second against 100/s for 30 s, after a 2 s warm-up.
    for (let t = 0; t < 32_000; t++) {
      const o = evaluateLimits(states, one(100), 1_000_000 + t, false);
      if (o.allowed && t >= 2_000) admitted++;
    }
    expect(Math.abs(admitted - 3000) / 3000).toBeLessThan(0.01);
  });

  it('never tells a limited client to come back before a request would pass', async () => {
    let now = 50_000;
    const store = new InMemoryLimiterStore(() => now);
    const check = { keys: ['{t:t}:all:1s'], limits: [5], windowsMs: [1000] };
    let limitedCount = 0;
    for (let step = 0; step < 300; step++) {
      const d = await store.hit(check, false);
      if (d.kind === 'decided' && !d.allowed) {
        limitedCount++;
        now += d.retryAfterMs;
        expect(await store.hit(check, false)).toMatchObject({ kind: 'decided', allowed: true });
      }
      now += (step * 37) % 90;
    }
    expect(limitedCount).toBeGreaterThan(10);
  });
});

describe('several limits checked as one', () => {
  const check: LimitCheck = {
    keys: ['{t:a}:all:1s', '{t:a}:all:60s', '{t:a}:c:data:1s'],
    limits: [10, 4, 10],
    windowsMs: [1000, 60_000, 1000],
  };

  it('records a request in no window when any one of them refuses it', () => {
    const states = new Map<string, WindowState>();
    const out = run(check, [5_000, 5_001, 5_002, 5_003, 5_004, 5_005], states);
    expect(out.map((o) => o.allowed)).toEqual([true, true, true, true, false, false]);
    expect(states.get('{t:a}:all:1s')!.current).toBe(4);
    expect(states.get('{t:a}:c:data:1s')!.current).toBe(4);
  });

  it('reports the limit with the least remaining quota when allowed, and the violated one when limited', () => {
    const states = new Map<string, WindowState>();
    const [first] = run(check, [5_000], states);
    expect(first).toMatchObject({ allowed: true, index: 1, remaining: 3 });
    const out = run(check, [5_001, 5_002, 5_003, 5_004], states);
    expect(out[3]).toMatchObject({ allowed: false, index: 1, remaining: 0 });
    expect(out[3]!.retryAfterMs).toBeGreaterThan(1000);
    expect(out[3]!.usage).toBe(1);
  });

  it('records allowlisted traffic in every window even past the limit, so it still counts', () => {
    const states = new Map<string, WindowState>();
    for (let i = 0; i < 6; i++) evaluateLimits(states, check, 5_000 + i, true);
    expect(states.get('{t:a}:all:60s')!.current).toBe(6);
    expect(evaluateLimits(states, check, 5_010, false).allowed).toBe(false);
  });
});
