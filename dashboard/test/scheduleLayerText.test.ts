import { OnCallDirectory } from '../lib/onCallDirectory';
import { scheduleLayerText } from '../lib/scheduleLayerText';

const directory = OnCallDirectory.from({
  users: [
    { id: 'alice', name: 'Alice', email: null, channelIds: [] },
    { id: 'bob', name: 'Bob', email: null, channelIds: [] },
  ],
  channels: null,
  schedules: null,
});

describe('scheduleLayerText', () => {
  it('spells out a daily and a weekly rotation with people, hand-off time, time zone and first day', () => {
    const spec = {
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'Days',
          rotation: 'daily',
          handoffTime: '09:00',
          startDate: '2026-03-02',
          participants: ['alice', 'bob'],
        },
        {
          name: 'Weekends',
          rotation: 'weekly',
          handoffTime: '18:30',
          handoffWeekday: 5,
          startDate: '2026-03-06',
          participants: ['bob'],
          shiftLength: 2,
        },
      ],
      overrides: [],
    };
    expect(scheduleLayerText({ spec }, directory)).toEqual([
      'Daily rotation Days: Alice and Bob take turns, hand-off at 09:00 (Europe/Berlin), from 2026-03-02',
      'Weekly rotation Weekends: Bob is on call, 2 weeks each, hand-off Fridays at 18:30 (Europe/Berlin), from 2026-03-06',
    ]);
  });

  it('shows participants the users list does not know by their ids', () => {
    const spec = {
      timeZone: 'UTC',
      layers: [
        {
          name: 'L',
          rotation: 'daily',
          handoffTime: '00:00',
          startDate: '2026-01-01',
          participants: ['zed', 'alice'],
        },
      ],
    };
    expect(scheduleLayerText({ spec }, directory)).toEqual([
      'Daily rotation L: zed and Alice take turns, hand-off at 00:00 (UTC), from 2026-01-01',
    ]);
  });

  it('skips a layer it cannot read instead of showing it wrong', () => {
    const spec = { timeZone: 'UTC', layers: [{ name: 'odd', rotation: 'monthly' }, 'junk'] };
    expect(scheduleLayerText({ spec }, directory)).toEqual([]);
    expect(scheduleLayerText({ spec: {} }, directory)).toEqual([]);
  });
});
