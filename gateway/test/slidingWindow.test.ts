import { InMemoryLimiterStore } from '../src/limiter/InMemoryLimiterStore';
import { slidingWindow } from '../src/limiter/slidingWindow';

describe('the two-bucket sliding window', () => {
  it('allows exactly the limit within one window and counts the remaining quota down to zero', () => {
    let state;
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const o = slidingWindow(state, 10_000 + i, 3, 1000);
      expect(o.allowed).toBe(true);
      remaining.push(o.remaining);
      state = o.state;
    }
    expect(remaining).toEqual([2, 1, 0]);
    expect(slidingWindow(state, 10_003, 3, 1000).allowed).toBe(false);
  });

  it('weights the previous window by how much of it still overlaps, so a burst at a boundary is not doubled', () => {
    let state;
    for (let i = 0; i < 4; i++) state = slidingWindow(state, 10_990, 4, 1000).state;
    // 100 ms into the next window 90 % of the previous 4 still count: 3.6 + 1 > 4.
    expect(slidingWindow(state, 11_100, 4, 1000).allowed).toBe(false);
    // Half way through, 2 of them count, so two more fit and the third does not.
    const a = slidingWindow(state, 11_500, 4, 1000);
    const b = slidingWindow(a.state, 11_500, 4, 1000);
    const c = slidingWindow(b.state, 11_500, 4, 1000);
    expect([a.allowed, b.allowed, c.allowed]).toEqual([true, true, false]);
  });

  it('forgets a window that ended more than one window ago', () => {
    let state;
    for (let i = 0; i < 3; i++) state = slidingWindow(state, 10_000, 3, 1000).state;
    expect(slidingWindow(state, 12_001, 3, 1000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('never tells a limited client to come back before a request would pass', async () => {
    let now = 50_000;
    const store = new InMemoryLimiterStore(() => now);
    let limitedCount = 0;
    for (let step = 0; step < 300; step++) {
      const d = await store.hit('t', 5, 1000);
      if (d.kind === 'limited') {
        limitedCount++;
        now += d.retryAfterMs;
        expect((await store.hit('t', 5, 1000)).kind).toBe('allowed');
      }
      now += (step * 37) % 90;
    }
    expect(limitedCount).toBeGreaterThan(10);
  });
});
