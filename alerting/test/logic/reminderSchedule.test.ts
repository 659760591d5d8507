import { nextReminderAt } from '../../src/silence/time/reminderSchedule';
import type { ReminderScheduleInput } from '../../src/silence/time/reminderSchedule';

const H = 3_600_000;
const t0 = Date.parse('2024-06-01T00:00:00Z');
const t = (hours: number): Date => new Date(t0 + hours * H);

const silence = (over: Partial<ReminderScheduleInput> = {}): ReminderScheduleInput => ({
  startsAt: t(0),
  endsAt: t(24 * 7),
  createdAt: t(0),
  lastReminderAt: null,
  ...over,
});

describe('reminders for long-running silences', () => {
  it.each<[string, ReminderScheduleInput, number, number | null]>([
    ['schedules the first reminder 24 hours after the silence came into force', silence(), 5, 24],
    ['sends the first reminder now once the silence has been in force for over 24 hours', silence(), 30, 30],
    ['sends the next reminder 24 hours after the last one', silence({ lastReminderAt: t(30) }), 40, 54],
    [
      'sends one reminder now, not a burst, after the sender was down for days',
      silence({ lastReminderAt: t(30) }),
      100,
      100,
    ],
    [
      'counts from creation when a silence was created with a start in the past',
      silence({ startsAt: t(-100) }),
      10,
      24,
    ],
    ['counts from the start when a silence was created ahead of time', silence({ startsAt: t(48) }), 10, 72],
    [
      'keeps reminding about an open-ended silence',
      silence({ endsAt: null, lastReminderAt: t(24 * 30) }),
      24 * 30 + 1,
      24 * 31,
    ],
    ['sends nothing for a silence that has ended', silence({ endsAt: t(48) }), 48, null],
    [
      'sends nothing when the silence ends before the reminder would be due',
      silence({ endsAt: t(20) }),
      5,
      null,
    ],
    [
      'sends nothing when the silence ends before the next reminder',
      silence({ endsAt: t(50), lastReminderAt: t(30) }),
      40,
      null,
    ],
    ['uses custom delays', silence({ remindAfterMs: 2 * H, everyMs: H, lastReminderAt: t(2) }), 2.5, 3],
  ])('%s', (_name, input, nowHours, want) => {
    const got = nextReminderAt(input, t(nowHours));
    expect(got === null ? null : (got.getTime() - t0) / H).toBe(want);
  });

  it('refuses to remind more often than once a minute', () => {
    expect(() => nextReminderAt(silence({ everyMs: 1000 }), t(1))).toThrow(RangeError);
    expect(() => nextReminderAt(silence({ remindAfterMs: -1 }), t(1))).toThrow(/remindAfterMs/);
  });
});
