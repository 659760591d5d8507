/** DEFAULT_REMIND_AFTER_MS is how long a silence is in force before its first reminder: 24 hours. */
export const DEFAULT_REMIND_AFTER_MS = 24 * 3_600_000;

/** DEFAULT_REMIND_EVERY_MS is the time between reminders: 24 hours. */
export const DEFAULT_REMIND_EVERY_MS = 24 * 3_600_000;

/** ReminderScheduleInput is what decides when a long-running silence is next brought up again. */
export interface ReminderScheduleInput {
  startsAt: Date;
  /** endsAt is null for an open-ended or recurring silence. */
  endsAt: Date | null;
  createdAt: Date;
  lastReminderAt: Date | null;
  remindAfterMs?: number;
  everyMs?: number;
}

/**
 * nextReminderAt is when the next "this silence is still in force" reminder is due, or null when none will
 * be. A silence is in force from the later of startsAt and createdAt; once in force for remindAfterMs it
 * gets a reminder, then one every everyMs after the last one sent, until it ends. A reminder that is already
 * due comes back as `now` (one reminder, however long the sender was down). A silence that has ended, or
 * that ends before the reminder would be due, gets none. It throws RangeError for everyMs under one
 * minute or a negative remindAfterMs.
 */
export function nextReminderAt(input: ReminderScheduleInput, now: Date): Date | null {
  const remindAfterMs = input.remindAfterMs ?? DEFAULT_REMIND_AFTER_MS;
  const everyMs = input.everyMs ?? DEFAULT_REMIND_EVERY_MS;
  if (!Number.isFinite(remindAfterMs) || remindAfterMs < 0) {
    throw new RangeError(`remindAfterMs must be a finite number ≥ 0, got ${remindAfterMs}`);
  }
  if (!Number.isFinite(everyMs) || everyMs < 60_000) {
    throw new RangeError(`everyMs must be at least 60000 (one minute), got ${everyMs}`);
  }
  const endsAt = input.endsAt?.getTime() ?? Infinity;
  const inForceSince = Math.max(input.startsAt.getTime(), input.createdAt.getTime());
  if (now.getTime() >= endsAt || endsAt <= inForceSince) return null;
  const first = inForceSince + remindAfterMs;
  const last = input.lastReminderAt?.getTime();
  const due = last === undefined ? first : Math.max(first, last + everyMs);
  if (due >= endsAt) return null;
  return new Date(Math.max(due, now.getTime()));
}
