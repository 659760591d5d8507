import { onCallAt } from '../../src/oncall/onCallAt';
import type { ScheduleSpec } from '../../src/oncall/ScheduleSpec';
import { ScheduleSpecSchema } from '../../src/oncall/ScheduleSpec';
import { ScheduleRangeError } from '../../src/oncall/ScheduleRangeError';
import { shiftsBetween } from '../../src/oncall/shiftsBetween';

const H = 3_600_000;
const at = (iso: string): Date => new Date(iso);
const spec = (input: unknown): ScheduleSpec => ScheduleSpecSchema.parse(input);

const daily = {
  name: 'primary',
  rotation: 'daily',
  handoffTime: '09:00',
  startDate: '2024-03-01',
  participants: ['alice', 'bob', 'carol'],
};
const weekly = {
  name: 'weekly',
  rotation: 'weekly',
  handoffTime: '10:00',
  handoffWeekday: 1,
  startDate: '2024-03-04',
  participants: ['dan', 'erin'],
};

/** who summarises onCallAt as "user source[/layer] start → end". */
function who(s: ScheduleSpec, when: string): string {
  const r = onCallAt(s, at(when));
  if (!r.shift) return `nobody (${r.users.length} users)`;
  const src = r.shift.layer ? `${r.shift.source}/${r.shift.layer}` : r.shift.source;
  return `${r.users.join(',')} ${src} ${r.shift.start.toISOString()} → ${r.shift.end.toISOString()}`;
}

describe('daily and weekly rotations', () => {
  const berlin = spec({ timeZone: 'Europe/Berlin', layers: [daily] });

  it.each<[string, ScheduleSpec, string, string]>([
    ['has nobody on call before the first handoff', berlin, '2024-03-01T07:59:59Z', 'nobody (0 users)'],
    [
      'puts the first participant on call at the first handoff, 09:00 local',
      berlin,
      '2024-03-01T08:00:00Z',
      'alice layer/primary 2024-03-01T08:00:00.000Z → 2024-03-02T08:00:00.000Z',
    ],
    [
      'hands off to the next participant each day at 09:00 local',
      berlin,
      '2024-03-02T12:00:00Z',
      'bob layer/primary 2024-03-02T08:00:00.000Z → 2024-03-03T08:00:00.000Z',
    ],
    [
      'wraps around to the first participant after the last',
      berlin,
      '2024-03-04T08:00:00Z',
      'alice layer/primary 2024-03-04T08:00:00.000Z → 2024-03-05T08:00:00.000Z',
    ],
    [
      'keeps the handoff at 09:00 local after spring forward',
      berlin,
      '2024-04-10T07:30:00Z',
      'bob layer/primary 2024-04-10T07:00:00.000Z → 2024-04-11T07:00:00.000Z',
    ],
    [
      'gives each participant shiftLength days in a row',
      spec({ timeZone: 'UTC', layers: [{ ...daily, shiftLength: 2 }] }),
      '2024-03-04T12:00:00Z',
      'bob layer/primary 2024-03-03T09:00:00.000Z → 2024-03-05T09:00:00.000Z',
    ],
    [
      'hands a weekly rotation off on its weekday at its local time',
      spec({ timeZone: 'America/New_York', layers: [weekly] }),
      '2024-03-12T12:00:00Z',
      'erin layer/weekly 2024-03-11T14:00:00.000Z → 2024-03-18T14:00:00.000Z',
    ],
    [
      'gives each participant shiftLength weeks in a weekly rotation',
      spec({ timeZone: 'UTC', layers: [{ ...weekly, shiftLength: 2 }] }),
      '2024-03-19T12:00:00Z',
      'erin layer/weekly 2024-03-18T10:00:00.000Z → 2024-04-01T10:00:00.000Z',
    ],
    [
      'moves a handoff at a time skipped by spring forward to just after the gap (02:30 → 03:30)',
      spec({ timeZone: 'Europe/Berlin', layers: [{ ...daily, handoffTime: '02:30' }] }),
      '2024-03-31T01:00:00Z',
      'carol layer/primary 2024-03-30T01:30:00.000Z → 2024-03-31T01:30:00.000Z',
    ],
  ])('%s', (_name, s, when, want) => {
    expect(who(s, when)).toBe(want);
  });

  it.each<[string, string, string, number]>([
    [
      'makes the Berlin shift spanning the fall-back night 25 hours long',
      'Europe/Berlin',
      '2024-10-26T12:00:00Z',
      25,
    ],
    [
      'makes the Berlin shift spanning the spring-forward night 23 hours long',
      'Europe/Berlin',
      '2024-03-30T12:00:00Z',
      23,
    ],
    [
      'makes the New York shift spanning the fall-back night 25 hours long',
      'America/New_York',
      '2024-11-02T18:00:00Z',
      25,
    ],
    ['keeps an ordinary shift 24 hours long', 'Europe/Berlin', '2024-06-01T12:00:00Z', 24],
  ])('%s', (_name, timeZone, when, hours) => {
    const r = onCallAt(spec({ timeZone, layers: [daily] }), at(when));
    expect((r.shift!.end.getTime() - r.shift!.start.getTime()) / H).toBe(hours);
  });

  it('makes the weekly New York shift across the November change 7 days and 1 hour long', () => {
    const r = onCallAt(spec({ timeZone: 'America/New_York', layers: [weekly] }), at('2024-11-01T12:00:00Z'));
    expect((r.shift!.end.getTime() - r.shift!.start.getTime()) / H).toBe(7 * 24 + 1);
  });
});

describe('layers and overrides', () => {
  const layered = spec({
    timeZone: 'UTC',
    layers: [daily, { ...weekly, name: 'secondary', startDate: '2024-03-11', handoffTime: '12:00' }],
    overrides: [
      { user: 'olga', start: '2024-03-12T13:00:00Z', end: '2024-03-12T15:00:00Z' },
      { user: 'pete', start: '2024-03-12T14:00:00Z', end: '2024-03-12T14:30:00Z' },
    ],
  });

  it.each<[string, string, string]>([
    [
      'uses the lower layer before the higher one starts',
      '2024-03-11T11:00:00Z',
      'bob layer/primary 2024-03-11T09:00:00.000Z → 2024-03-11T12:00:00.000Z',
    ],
    [
      'lets a higher layer that has someone on call outrank the lower one',
      '2024-03-11T12:00:00Z',
      'dan layer/secondary 2024-03-11T12:00:00.000Z → 2024-03-12T13:00:00.000Z',
    ],
    [
      'lets an override outrank every layer',
      '2024-03-12T13:30:00Z',
      'olga override 2024-03-12T13:00:00.000Z → 2024-03-12T14:00:00.000Z',
    ],
    [
      'lets the later of two overlapping overrides win',
      '2024-03-12T14:10:00Z',
      'pete override 2024-03-12T14:00:00.000Z → 2024-03-12T14:30:00.000Z',
    ],
    [
      'returns to the earlier override when the later one ends',
      '2024-03-12T14:45:00Z',
      'olga override 2024-03-12T14:30:00.000Z → 2024-03-12T15:00:00.000Z',
    ],
    [
      'returns to the layer when the overrides end',
      '2024-03-12T16:00:00Z',
      'dan layer/secondary 2024-03-12T15:00:00.000Z → 2024-03-18T12:00:00.000Z',
    ],
  ])('%s', (_name, when, want) => {
    expect(who(layered, when)).toBe(want);
  });

  it('renders the final schedule as consecutive shifts clipped to the range', () => {
    const got = shiftsBetween(layered, at('2024-03-10T00:00:00Z'), at('2024-03-13T00:00:00Z')).map(
      (s) =>
        `${s.user} ${s.source}${s.layer ? `/${s.layer}` : ''} ${s.start.toISOString()} → ${s.end.toISOString()}`,
    );
    expect(got).toEqual([
      'carol layer/primary 2024-03-10T00:00:00.000Z → 2024-03-10T09:00:00.000Z',
      'alice layer/primary 2024-03-10T09:00:00.000Z → 2024-03-11T09:00:00.000Z',
      'bob layer/primary 2024-03-11T09:00:00.000Z → 2024-03-11T12:00:00.000Z',
      'dan layer/secondary 2024-03-11T12:00:00.000Z → 2024-03-12T13:00:00.000Z',
      'olga override 2024-03-12T13:00:00.000Z → 2024-03-12T14:00:00.000Z',
      'pete override 2024-03-12T14:00:00.000Z → 2024-03-12T14:30:00.000Z',
      'olga override 2024-03-12T14:30:00.000Z → 2024-03-12T15:00:00.000Z',
      'dan layer/secondary 2024-03-12T15:00:00.000Z → 2024-03-13T00:00:00.000Z',
    ]);
  });

  it('leaves out the time before anyone is on call and agrees with onCallAt everywhere', () => {
    const from = at('2024-02-28T00:00:00Z');
    const shifts = shiftsBetween(layered, from, at('2024-03-20T00:00:00Z'));
    expect(shifts[0]!.start.toISOString()).toBe('2024-03-01T09:00:00.000Z');
    for (const s of shifts) {
      for (const probe of [
        s.start.getTime(),
        (s.start.getTime() + s.end.getTime()) / 2,
        s.end.getTime() - 1,
      ]) {
        expect(onCallAt(layered, new Date(probe)).users).toEqual([s.user]);
      }
    }
  });

  it.each<[string, Date, Date, RegExp]>([
    [
      'refuses a range longer than 90 days',
      at('2024-01-01T00:00:00Z'),
      at('2024-04-01T00:00:01Z'),
      /longer than 90 days/,
    ],
    [
      'refuses a range that ends before it starts',
      at('2024-03-02T00:00:00Z'),
      at('2024-03-01T00:00:00Z'),
      /to must be after from/,
    ],
  ])('%s', (_name, from, to, message) => {
    expect(() => shiftsBetween(layered, from, to)).toThrow(ScheduleRangeError);
    expect(() => shiftsBetween(layered, from, to)).toThrow(message);
  });

  it('refuses a range that holds more than 1000 shifts', () => {
    const overrides = Array.from({ length: 600 }, (_, i) => ({
      user: `u${i}`,
      start: new Date(Date.parse('2024-04-01T00:00:00Z') + i * H).toISOString(),
      end: new Date(Date.parse('2024-04-01T00:00:00Z') + i * H + H / 2).toISOString(),
    }));
    const busy = spec({ timeZone: 'UTC', layers: [daily], overrides });
    expect(() => shiftsBetween(busy, at('2024-04-01T00:00:00Z'), at('2024-05-01T00:00:00Z'))).toThrow(
      /more than 1000 shifts/,
    );
  });
});

describe('validating schedules', () => {
  const base = { timeZone: 'Europe/Berlin', layers: [daily] };

  it('fills in shiftLength 1 and no overrides', () => {
    const s = spec(base);
    expect(s.layers[0]!.shiftLength).toBe(1);
    expect(s.overrides).toEqual([]);
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'refuses an unknown time zone',
      { ...base, timeZone: 'Europe/Atlantis' },
      'timeZone',
      /timeZone "Europe\/Atlantis" is not an IANA time zone/,
    ],
    [
      'refuses a schedule without layers',
      { ...base, layers: [] },
      'layers',
      /layers must have at least one layer/,
    ],
    [
      'refuses more than ten layers',
      { ...base, layers: Array.from({ length: 11 }, (_, i) => ({ ...daily, name: `l${i}` })) },
      'layers',
      /at most 10 layers/,
    ],
    [
      'refuses a handoff time without a leading zero',
      { ...base, layers: [{ ...daily, handoffTime: '9:00' }] },
      'layers.0.handoffTime',
      /handoffTime must be HH:mm/,
    ],
    [
      'refuses a handoff time of 24:00',
      { ...base, layers: [{ ...daily, handoffTime: '24:00' }] },
      'layers.0.handoffTime',
      /handoffTime must be HH:mm/,
    ],
    [
      'refuses a weekly rotation without a handoff weekday',
      { ...base, layers: [{ ...weekly, handoffWeekday: undefined }] },
      'layers.0.handoffWeekday',
      /handoffWeekday \(1 = Monday … 7 = Sunday\) is required/,
    ],
    [
      'refuses a weekly start date on another weekday than the handoff',
      { ...base, layers: [{ ...weekly, startDate: '2024-03-05' }] },
      'layers.0.startDate',
      /startDate 2024-03-05 is a Tuesday, but handoffWeekday 1 is Monday/,
    ],
    [
      'refuses a handoff weekday on a daily rotation',
      { ...base, layers: [{ ...daily, handoffWeekday: 3 }] },
      'layers.0.handoffWeekday',
      /only applies to weekly rotations/,
    ],
    [
      'refuses a handoff weekday of 8',
      { ...base, layers: [{ ...weekly, handoffWeekday: 8 }] },
      'layers.0.handoffWeekday',
      /from 1 \(Monday\) to 7 \(Sunday\)/,
    ],
    [
      'refuses a start date that does not exist',
      { ...base, layers: [{ ...daily, startDate: '2024-02-30' }] },
      'layers.0.startDate',
      /startDate must be a date/,
    ],
    [
      'refuses a layer without participants',
      { ...base, layers: [{ ...daily, participants: [] }] },
      'layers.0.participants',
      /at least one user/,
    ],
    [
      'refuses more than 100 participants',
      { ...base, layers: [{ ...daily, participants: Array.from({ length: 101 }, (_, i) => `u${i}`) }] },
      'layers.0.participants',
      /at most 100 users/,
    ],
    [
      'refuses an empty user id',
      { ...base, layers: [{ ...daily, participants: ['a', ''] }] },
      'layers.0.participants.1',
      /empty user id/,
    ],
    [
      'refuses a zero shift length',
      { ...base, layers: [{ ...daily, shiftLength: 0 }] },
      'layers.0.shiftLength',
      /shiftLength must be at least 1/,
    ],
    [
      'refuses a weekly shift over 52 weeks',
      { ...base, layers: [{ ...weekly, shiftLength: 53 }] },
      'layers.0.shiftLength',
      /at most 52 weeks/,
    ],
    [
      'refuses an unknown rotation',
      { ...base, layers: [{ ...daily, rotation: 'monthly' }] },
      'layers.0.rotation',
      /rotation must be 'daily' or 'weekly'/,
    ],
    [
      'refuses two layers with the same name',
      { ...base, layers: [daily, daily] },
      'layers.1.name',
      /name "primary" is used by another layer/,
    ],
    [
      'refuses an override that ends before it starts',
      { ...base, overrides: [{ user: 'a', start: '2024-03-02T00:00:00Z', end: '2024-03-01T00:00:00Z' }] },
      'overrides.0.end',
      /end must be after start/,
    ],
    [
      'refuses an override time without an offset',
      { ...base, overrides: [{ user: 'a', start: '2024-03-01T00:00', end: '2024-03-02T00:00:00Z' }] },
      'overrides.0.start',
      /start must be an ISO 8601 date-time/,
    ],
    [
      'names a start date that is not a string instead of failing in the weekday check',
      { ...base, layers: [{ ...weekly, startDate: 5 }] },
      'layers.0.startDate',
      /startDate must be a date/,
    ],
  ])('%s', (_name, input, path, message) => {
    const r = ScheduleSpecSchema.safeParse(input);
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join('.') === path);
    expect(issue?.message).toMatch(message);
  });
});
