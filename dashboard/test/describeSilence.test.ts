import { describeMatchers, describeWindow, sortSilences } from '../lib/describeSilence';
import { formatDateTime } from '../lib/format';
import type { Silence } from '../lib/silenceApiShapes';

function makeSilence(id: string, over: Partial<Silence> = {}): Silence {
  return {
    id,
    kind: 'silence',
    tenant: null,
    matchers: [],
    window: { kind: 'once', startsAt: '2026-11-25T22:00:00Z', endsAt: '2026-11-25T23:00:00Z' },
    comment: 'why',
    createdBy: 'u1',
    status: 'active',
    currentOrNext: null,
    expiredAt: null,
    createdAt: '2026-11-25T21:00:00Z',
    ...over,
  };
}

describe('describeMatchers', () => {
  it('writes what a silence mutes in Prometheus notation, tenant and service first, values quoted', () => {
    expect(
      describeMatchers({
        tenant: 'acme',
        service: 'db',
        matchers: [
          { name: 'alertname', type: '=~', value: 'Disk.*' },
          { name: 'env', type: '!=', value: 'say "hi"' },
        ],
      }),
    ).toEqual(['tenant="acme"', 'service="db"', 'alertname=~"Disk.*"', 'env!="say \\"hi\\""']);
  });
});

describe('describeWindow', () => {
  it('spells out a weekly cron window with its length and time zone', () => {
    expect(
      describeWindow({ kind: 'cron', cron: '0 2 * * 6', durationMinutes: 120, timeZone: 'Europe/Berlin' }),
    ).toBe('Saturdays at 02:00 for 2 h (Europe/Berlin)');
  });

  it('shows any other cron line as it is', () => {
    expect(
      describeWindow({ kind: 'cron', cron: '*/15 * * * 1-5', durationMinutes: 5, timeZone: 'UTC' }),
    ).toBe('cron */15 * * * 1-5 for 5 min (UTC)');
  });

  it("shows a one-off window in the viewer's time, and an RRULE with its start", () => {
    expect(
      describeWindow({ kind: 'once', startsAt: '2026-11-25T22:00:00Z', endsAt: '2026-11-25T23:00:00Z' }),
    ).toBe(`from ${formatDateTime('2026-11-25T22:00:00Z')} to ${formatDateTime('2026-11-25T23:00:00Z')}`);
    expect(
      describeWindow({
        kind: 'rrule',
        rrule: 'FREQ=MONTHLY;BYDAY=1SU',
        dtstart: '2026-01-04T02:00',
        durationMinutes: 60,
        timeZone: 'America/New_York',
      }),
    ).toBe('FREQ=MONTHLY;BYDAY=1SU from 2026-01-04T02:00 for 1 h (America/New_York)');
  });
});

describe('sortSilences', () => {
  it('lists active silences, then scheduled ones soonest first, then expired ones newest first', () => {
    const list = [
      makeSilence('old', { status: 'expired', expiredAt: '2026-11-20T00:00:00Z' }),
      makeSilence('later', {
        status: 'pending',
        currentOrNext: { start: '2026-11-28T00:00:00Z', end: '2026-11-28T01:00:00Z' },
      }),
      makeSilence('now', { status: 'active' }),
      makeSilence('recent', { status: 'expired', expiredAt: '2026-11-24T00:00:00Z' }),
      makeSilence('soon', {
        status: 'pending',
        currentOrNext: { start: '2026-11-26T00:00:00Z', end: '2026-11-26T01:00:00Z' },
      }),
    ];
    expect(sortSilences(list).map((s) => s.id)).toEqual(['now', 'soon', 'later', 'recent', 'old']);
  });
});
