import type { AlertGroup, GroupAlert } from '../lib/alertApiShapes';
import { GROUP_STATE_LABEL, groupDisplayState } from '../lib/groupDisplayState';
import { groupSummary } from '../lib/groupSummary';
import { severityRank } from '../lib/severityRank';
import { sortAlertGroups } from '../lib/sortAlertGroups';

function makeGroup(id: number, over: Partial<AlertGroup> = {}): AlertGroup {
  return {
    id,
    dedupKey: `k${id}`,
    tenant: 'acme',
    route: 'root',
    policy: 'default',
    labels: { alertname: `Alert${id}`, tenant: 'acme' },
    state: 'firing',
    muted: null,
    incident: 1,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    escalation: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...over,
  };
}

function makeAlert(over: Partial<GroupAlert> = {}): GroupAlert {
  return {
    fingerprint: 'f',
    tenant: 'acme',
    status: 'firing',
    labels: { alertname: 'HighErrors' },
    annotations: {},
    startsAt: '2026-11-25T11:00:00.000Z',
    endsAt: null,
    source: 'alertmanager',
    ...over,
  };
}

describe('groupDisplayState', () => {
  it('calls a firing or pending group with a mute reason muted, since nobody is paged for it', () => {
    expect(groupDisplayState({ state: 'firing', muted: 'silence s1' })).toBe('muted');
    expect(groupDisplayState({ state: 'pending', muted: 'inhibited by GatewayDown (platform)' })).toBe(
      'muted',
    );
    expect(groupDisplayState({ state: 'pending', muted: null })).toBe('pending');
  });

  it('keeps acknowledged and resolved whatever the mute, and names every state in words', () => {
    expect(groupDisplayState({ state: 'acknowledged', muted: 'silence s1' })).toBe('acknowledged');
    expect(groupDisplayState({ state: 'resolved', muted: null })).toBe('resolved');
    expect(Object.values(GROUP_STATE_LABEL)).toEqual([
      'Firing',
      'Acknowledged',
      'Pending',
      'Muted',
      'Resolved',
    ]);
  });
});

describe('sortAlertGroups', () => {
  it('puts firing unacknowledged groups on top, then acknowledged, then pending or muted, then resolved', () => {
    const groups = [
      makeGroup(1, { state: 'resolved', resolvedAt: '2026-11-25T11:00:00.000Z' }),
      makeGroup(2, { state: 'pending', muted: 'silence s1' }),
      makeGroup(3, { state: 'acknowledged' }),
      makeGroup(4, { state: 'pending' }),
      makeGroup(5, { state: 'firing' }),
      makeGroup(6, { state: 'firing', muted: 'maintenance db' }),
    ];
    expect(sortAlertGroups(groups).map((g) => g.id)).toEqual([5, 3, 2, 4, 6, 1]);
  });

  it('orders open groups of one state by severity, then the longest-burning first', () => {
    const groups = [
      makeGroup(1, { labels: { severity: 'ticket' }, createdAt: '2026-11-25T08:00:00.000Z' }),
      makeGroup(2, { labels: { severity: 'page' }, createdAt: '2026-11-25T10:00:00.000Z' }),
      makeGroup(3, { labels: { severity: 'page' }, createdAt: '2026-11-25T09:00:00.000Z' }),
      makeGroup(4, { labels: {}, createdAt: '2026-11-25T07:00:00.000Z' }),
    ];
    expect(sortAlertGroups(groups).map((g) => g.id)).toEqual([3, 2, 1, 4]);
  });

  it('takes the severity from the caller when the group labels lack it', () => {
    const groups = [makeGroup(1), makeGroup(2)];
    const severity = (g: AlertGroup) => (g.id === 2 ? 'critical' : 'info');
    expect(sortAlertGroups(groups, severity).map((g) => g.id)).toEqual([2, 1]);
  });

  it('lists resolved groups newest resolved first, and never reorders equal groups between refreshes', () => {
    const groups = [
      makeGroup(7, { state: 'resolved', resolvedAt: '2026-11-25T09:00:00.000Z' }),
      makeGroup(8, { state: 'resolved', resolvedAt: '2026-11-25T11:00:00.000Z' }),
      makeGroup(10, {}),
      makeGroup(9, {}),
    ];
    expect(sortAlertGroups(groups).map((g) => g.id)).toEqual([9, 10, 8, 7]);
    expect(sortAlertGroups([...groups].reverse()).map((g) => g.id)).toEqual([9, 10, 8, 7]);
  });

  it('does not change the list it was given', () => {
    const groups = [makeGroup(2, { state: 'resolved' }), makeGroup(1)];
    sortAlertGroups(groups);
    expect(groups.map((g) => g.id)).toEqual([2, 1]);
  });
});

describe('severityRank', () => {
  it('ranks page and critical above warning and ticket, and anything unknown last', () => {
    expect(severityRank('page')).toBe(severityRank('CRITICAL'));
    expect(severityRank('critical')).toBeLessThan(severityRank('warning'));
    expect(severityRank('ticket')).toBeLessThan(severityRank('info'));
    expect(severityRank('info')).toBeLessThan(severityRank('whatever'));
    expect(severityRank(null)).toBe(severityRank('whatever'));
  });
});

describe('groupSummary', () => {
  it('titles a group with the summary of its first firing alert and dates it from the earliest firing alert', () => {
    const s = groupSummary(makeGroup(1, { incident: 3 }), [
      makeAlert({
        fingerprint: 'a',
        annotations: { summary: 'Checkout fails' },
        startsAt: '2026-11-25T11:05:00.000Z',
      }),
      makeAlert({ fingerprint: 'b', startsAt: '2026-11-25T11:01:00.000Z' }),
      makeAlert({ fingerprint: 'c', status: 'resolved', startsAt: '2026-11-25T09:00:00.000Z' }),
    ]);
    expect(s).toEqual({
      title: 'Checkout fails',
      severity: null,
      firingSince: '2026-11-25T11:01:00.000Z',
      firingCount: 2,
    });
  });

  it('falls back to the alertname, then the SLO, then the id', () => {
    expect(groupSummary(makeGroup(1)).title).toBe('Alert1');
    expect(groupSummary(makeGroup(1, { labels: { slo: 'availability' } })).title).toBe('availability');
    expect(groupSummary(makeGroup(1, { labels: {} })).title).toBe('Alert group 1');
    expect(groupSummary(makeGroup(1, { labels: {} }), [makeAlert()]).title).toBe('HighErrors');
  });

  it('takes the most urgent severity of the firing alerts when the group is not grouped by severity', () => {
    const s = groupSummary(makeGroup(1), [
      makeAlert({ labels: { severity: 'ticket' } }),
      makeAlert({ labels: { severity: 'page' } }),
    ]);
    expect(s.severity).toBe('page');
  });

  it("dates a group's first incident from its creation before its alerts are loaded, but not a later incident", () => {
    expect(groupSummary(makeGroup(1)).firingSince).toBe('2026-11-25T10:00:00.000Z');
    expect(groupSummary(makeGroup(1, { incident: 2 })).firingSince).toBeNull();
    expect(groupSummary(makeGroup(1)).firingCount).toBeNull();
  });

  it('says nothing fires in a resolved group', () => {
    const s = groupSummary(makeGroup(1, { state: 'resolved' }), [makeAlert({ status: 'resolved' })]);
    expect(s.firingSince).toBeNull();
    expect(s.firingCount).toBe(0);
  });
});
