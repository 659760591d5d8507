'use client';

import { useState, type FormEvent } from 'react';

/** ScheduleLookupFormProps carry what to do with a schedule id the viewer asks about. */
export interface ScheduleLookupFormProps {
  onLookup: (scheduleId: string) => void;
}

/**
 * ScheduleLookupForm asks for a schedule by id. Tenant users may ask who is on call on a schedule but may not list
 * the schedules, so an id they were given (in a notification, say) is the only way in.
 */
export function ScheduleLookupForm({ onLookup }: ScheduleLookupFormProps) {
  const [id, setId] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = id.trim();
    if (trimmed === '') return;
    onLookup(trimmed);
    setId('');
  }

  return (
    <form
      className="explore-form"
      data-testid="schedule-lookup"
      onSubmit={onSubmit}
      role="search"
      aria-label="Look up a schedule"
    >
      <div className="field">
        <label htmlFor="schedule-lookup-id">Schedule id</label>
        <input
          id="schedule-lookup-id"
          name="schedule"
          value={id}
          onChange={(e) => setId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="primary"
        />
      </div>
      <button type="submit" className="button-primary" data-testid="schedule-lookup-submit">
        Show who is on call
      </button>
    </form>
  );
}
