import { boardHref, boardViewFromParams, DEFAULT_BOARD_VIEW } from '../lib/boardView';

describe('boardView', () => {
  it('reads window, sort, tiers and statuses from the URL and writes them back to the same link', () => {
    const view = boardViewFromParams(
      new URLSearchParams('window=1d&sort=budget&tier=pro,free&status=stale,breach'),
    );
    expect(view).toEqual({
      window: '1d',
      sort: 'budget',
      tiers: ['free', 'pro'],
      statuses: ['breach', 'stale'],
    });
    expect(boardHref(view)).toBe('/?window=1d&sort=budget&tier=free,pro&status=breach,stale');
  });

  it('falls back to the default for unknown, blank or hostile values instead of failing', () => {
    const view = boardViewFromParams(
      new URLSearchParams('window=2h&sort=__proto__&tier=gold,&status=<script>,ok'),
    );
    expect(view).toEqual({ ...DEFAULT_BOARD_VIEW, statuses: ['ok'] });
  });

  it('leaves the default view out of the URL entirely', () => {
    expect(boardHref(DEFAULT_BOARD_VIEW)).toBe('/');
  });
});
