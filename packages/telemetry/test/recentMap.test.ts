import { RecentMap } from '../src/RecentMap';

describe('RecentMap', () => {
  it('holds at most its capacity, forgetting the oldest half when the newer half is full', () => {
    const m = new RecentMap<number, string>(4);
    for (let i = 1; i <= 5; i++) m.set(i, `v${i}`);
    // Generations of 2: {1,2} was dropped when 5 arrived; {3,4} is the older one now.
    expect([1, 2, 3, 4, 5].map((k) => m.get(k))).toEqual([undefined, undefined, 'v3', 'v4', 'v5']);
    expect(m.size).toBe(3);
    for (let i = 6; i <= 1000; i++) {
      m.set(i, `v${i}`);
      expect(m.size).toBeLessThanOrEqual(4);
    }
    expect(m.has(1000)).toBe(true);
    expect(m.has(996)).toBe(false);
  });

  it('moves an entry set again to the newer generation, so it outlives older ones', () => {
    const m = new RecentMap<string, number>(4);
    m.set('a', 1).set('b', 2).set('c', 3); // {a,b} older, {c} newer
    m.set('a', 10); // a moves to newer: {b} older, {c,a} newer
    m.set('d', 4); // newer full: {c,a} older, {d} newer; b forgotten
    expect(m.get('a')).toBe(10);
    expect(m.has('b')).toBe(false);
    expect(m.size).toBe(3);
  });

  it('keeps undefined values apart from missing keys, deletes from either generation and clears', () => {
    const m = new RecentMap<string, number | undefined>(4);
    m.set('u', undefined).set('x', 1).set('y', 2);
    expect(m.has('u')).toBe(true);
    expect(m.get('u')).toBeUndefined();
    expect(m.delete('u')).toBe(true);
    expect(m.delete('y')).toBe(true);
    expect(m.delete('nope')).toBe(false);
    expect(m.size).toBe(1);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('refuses a capacity that cannot hold two generations', () => {
    expect(() => new RecentMap(1)).toThrow('RecentMap capacity must be an integer ≥ 2, not 1');
    expect(() => new RecentMap(2.5)).toThrow(RangeError);
  });
});
