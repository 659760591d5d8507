'use client';

import type { Tier } from '@sightline/contracts';
import { BOARD_SORTS, TIERS } from '../lib/boardView';
import type { BoardSort, BoardView } from '../lib/boardView';
import { BOARD_STATUSES, BOARD_STATUS_LABEL } from '../lib/status';
import type { BoardStatus } from '../lib/status';

/** BoardControlsProps are the view the board shows and what to call with the viewer's next one. */
export interface BoardControlsProps {
  view: BoardView;
  onChange: (view: BoardView) => void;
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

/**
 * BoardControls sorts the board and filters it by tier and status with native, labelled controls (a select and two
 * groups of check boxes), so every one is reachable and usable from the keyboard. No box ticked means "all".
 */
export function BoardControls({ view, onChange }: BoardControlsProps) {
  const filtered = view.tiers.length > 0 || view.statuses.length > 0;
  return (
    <div className="board-controls" data-testid="board-controls">
      <label className="range-select">
        Sort by{' '}
        <select
          value={view.sort}
          data-testid="board-sort"
          onChange={(e) => onChange({ ...view, sort: e.target.value as BoardSort })}
        >
          {BOARD_SORTS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="filter-group">
        <legend>Tier</legend>
        {TIERS.map((tier: Tier) => (
          <label key={tier} className="filter-option">
            <input
              type="checkbox"
              name="board-tier"
              value={tier}
              checked={view.tiers.includes(tier)}
              onChange={(e) => onChange({ ...view, tiers: toggle(view.tiers, tier, e.target.checked) })}
            />
            {tier}
          </label>
        ))}
      </fieldset>
      <fieldset className="filter-group">
        <legend>Status</legend>
        {BOARD_STATUSES.map((status: BoardStatus) => (
          <label key={status} className="filter-option">
            <input
              type="checkbox"
              name="board-status"
              value={status}
              checked={view.statuses.includes(status)}
              onChange={(e) =>
                onChange({ ...view, statuses: toggle(view.statuses, status, e.target.checked) })
              }
            />
            {BOARD_STATUS_LABEL[status]}
          </label>
        ))}
      </fieldset>
      {/* Always there (disabled when nothing is filtered), so ticking a box never moves the controls. */}
      <button
        type="button"
        className="button-quiet"
        disabled={!filtered}
        onClick={() => onChange({ ...view, tiers: [], statuses: [] })}
      >
        Clear filters
      </button>
    </div>
  );
}
