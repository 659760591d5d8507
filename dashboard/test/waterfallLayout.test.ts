import type { SpanView } from '@sightline/contracts';
import { waterfallLayout } from '../lib/waterfallLayout';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function span(
  id: string,
  parent: string | null,
  startMs: number,
  durationMs: number,
  service = 'gateway',
): SpanView {
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: id,
    parentSpanId: parent,
    tenantId: 'acme',
    service,
    name: `op ${id}`,
    kind: 2,
    startTime: new Date(T0 + startMs).toISOString(),
    endTime: new Date(T0 + startMs + durationMs).toISOString(),
    durationMs,
    statusCode: 0,
    statusMessage: null,
    attributes: {},
  };
}

function summary(spans: SpanView[]) {
  return waterfallLayout(spans).rows.map((r) => [
    r.span.spanId,
    r.depth,
    Math.round(r.offsetPct * 100) / 100,
    Math.round(r.widthPct * 100) / 100,
  ]);
}

describe('waterfallLayout', () => {
  it('nests gateway → upstream → database depth-first and places bars by start and duration', () => {
    const rows = summary([
      span('db', 'up', 30, 40, 'postgres'),
      span('gw', null, 0, 200),
      span('up', 'gw', 20, 100, 'demo-upstream'),
      span('auth', 'gw', 5, 10, 'auth'),
    ]);
    expect(rows).toEqual([
      ['gw', 0, 0, 100],
      ['auth', 1, 2.5, 5],
      ['up', 1, 10, 50],
      ['db', 2, 15, 20],
    ]);
  });

  it('reports the trace start and total duration from the earliest start to the latest end', () => {
    const layout = waterfallLayout([span('a', null, 10, 50), span('b', 'a', 40, 100)]);
    expect(layout.startMs).toBe(T0 + 10);
    expect(layout.totalMs).toBe(130);
  });

  it('draws a span whose parent is not in the trace as a root, so nothing is hidden', () => {
    expect(summary([span('child', 'missing0000000000', 50, 50), span('root', null, 0, 100)])).toEqual([
      ['root', 0, 0, 100],
      ['child', 0, 50, 50],
    ]);
  });

  it('gives every span one row even when bad data makes parents loop', () => {
    const rows = summary([span('a', 'b', 0, 10), span('b', 'a', 5, 10)]);
    expect(rows.map((r) => r[0]).sort()).toEqual(['a', 'b']);
  });

  it('never lets a bar run past the right edge, even if a duration disagrees with the end time', () => {
    const odd = { ...span('b', 'a', 90, 10), durationMs: 500 };
    const [, b] = waterfallLayout([span('a', null, 0, 100), odd]).rows;
    expect(b!.offsetPct + b!.widthPct).toBeLessThanOrEqual(100);
  });

  it('places a trace of zero-length spans at 0 % with no width instead of dividing by zero', () => {
    expect(summary([span('a', null, 0, 0), span('b', 'a', 0, 0)])).toEqual([
      ['a', 0, 0, 0],
      ['b', 1, 0, 0],
    ]);
  });

  it('orders siblings by start time', () => {
    const rows = summary([
      span('root', null, 0, 100),
      span('late', 'root', 60, 10),
      span('early', 'root', 10, 10),
    ]);
    expect(rows.map((r) => r[0])).toEqual(['root', 'early', 'late']);
  });

  it('returns no rows for no spans', () => {
    expect(waterfallLayout([])).toEqual({ rows: [], startMs: 0, totalMs: 0 });
  });
});
