import type { SlaSnapshot, Tenant } from '@sightline/contracts';
import { arrangeTiles, type BoardTile } from '../lib/arrangeTiles';
import { DEFAULT_BOARD_VIEW, type BoardSort } from '../lib/boardView';
import { boardStatus } from '../lib/status';
import { makeSnapshot } from './support/makeSnapshot';

function tile(id: string, tier: Tenant['tier'], snapshot: SlaSnapshot | undefined, stale = false): BoardTile {
  return {
    tenant: { id, name: id.toUpperCase(), tier, timezone: 'UTC' },
    snapshot,
    stale,
    status: boardStatus(snapshot, stale),
  };
}

const TILES = [
  tile('c', 'pro', makeSnapshot({ availability: 0.99, errorBudgetRemaining: -9, rateLimited: 0 })),
  tile('a', 'free', makeSnapshot({ errorBudgetRemaining: 0.3, latencyMs: { p50: 1, p95: 2, p99: 900 } })),
  tile('b', 'enterprise', makeSnapshot({ requests: 100, rateLimited: 50 }), true),
  tile('d', 'pro', undefined),
];
const order = (sort: BoardSort) =>
  arrangeTiles(TILES, { ...DEFAULT_BOARD_VIEW, sort }).map((t) => t.tenant.id);

describe('arrangeTiles', () => {
  it.each<[BoardSort, string[]]>([
    ['name', ['a', 'b', 'c', 'd']],
    ['status', ['c', 'a', 'b', 'd']],
    ['availability', ['c', 'a', 'b', 'd']],
    ['budget', ['c', 'a', 'b', 'd']],
    ['p99', ['a', 'b', 'c', 'd']],
    ['ratelimited', ['b', 'a', 'c', 'd']],
  ])('orders by %s worst first, a tile without the number last and ties by name', (sort, expected) => {
    expect(order(sort)).toEqual(expected);
  });

  it('counts a stale tile as stale, whatever its numbers say, and keeps only the tiers and statuses asked for', () => {
    const pick = (tiers: BoardTile['tenant']['tier'][], statuses: BoardTile['status'][]) =>
      arrangeTiles(TILES, { ...DEFAULT_BOARD_VIEW, tiers, statuses }).map((t) => t.tenant.id);
    expect(pick([], ['stale'])).toEqual(['b']);
    expect(pick(['pro'], [])).toEqual(['c', 'd']);
    expect(pick(['pro'], ['nodata'])).toEqual(['d']);
    expect(pick(['free'], ['breach'])).toEqual([]);
  });
});
