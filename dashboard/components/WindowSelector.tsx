'use client';

import type { SlaWindow } from '@sightline/contracts';
import { SLA_WINDOWS } from '../lib/slaWindows';

/** WindowSelectorProps are the selected window and what to call when the viewer picks another. */
export interface WindowSelectorProps {
  value: SlaWindow;
  onChange: (window: SlaWindow) => void;
}

/** WindowSelector is a radio group (styled as a segmented control) that picks the SLA window. */
export function WindowSelector({ value, onChange }: WindowSelectorProps) {
  return (
    <fieldset className="window-selector">
      <legend>Window</legend>
      {SLA_WINDOWS.map((w) => (
        <label key={w} className="window-option">
          <input
            type="radio"
            name="sla-window"
            value={w}
            checked={value === w}
            onChange={() => onChange(w)}
          />
          <span>{w}</span>
        </label>
      ))}
    </fieldset>
  );
}
