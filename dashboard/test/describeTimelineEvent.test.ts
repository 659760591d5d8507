import type { TimelineEvent } from '../lib/alertApiShapes';
import { describeTimelineEvent } from '../lib/describeTimelineEvent';

const at = '2026-11-25T12:00:00Z';
const event = (
  kind: string,
  detail: Record<string, unknown> = {},
  actor: string | null = null,
): TimelineEvent => ({
  at,
  kind,
  actor,
  detail,
});

describe('describeTimelineEvent', () => {
  it('says who a trigger paged, and whom it could not reach', () => {
    expect(
      describeTimelineEvent(
        event('triggered', {
          step: 1,
          pass: 1,
          targets: ['slack:#oncall', 'user:ana'],
          unresolved: ['schedule night: nobody on call'],
        }),
      ),
    ).toEqual({
      label: 'Triggered',
      text: 'step 1: notified slack:#oncall, user:ana; could not reach schedule night: nobody on call',
    });
  });

  it('names the step and pass of an escalation, and says when nobody was there to notify', () => {
    expect(
      describeTimelineEvent(event('escalated', { step: 2, pass: 2, targets: [], unresolved: [] })),
    ).toEqual({
      label: 'Escalated',
      text: 'step 2 (pass 2): nobody to notify',
    });
  });

  it('says who acknowledged or resolved by hand, and through which integration when not the console', () => {
    expect(describeTimelineEvent(event('acknowledged', { via: 'api' }, 'u-42')).text).toBe(
      'acknowledged by u-42',
    );
    expect(describeTimelineEvent(event('acknowledged', { via: 'pagerduty' }, 'pd:P123')).text).toBe(
      'acknowledged by pd:P123 (via pagerduty)',
    );
    expect(describeTimelineEvent(event('resolved', { via: 'api', manual: true }, 'u-42')).text).toBe(
      'resolved by u-42',
    );
  });

  it('tells a resolve by the source apart from one by hand', () => {
    expect(describeTimelineEvent(event('resolved', { alerts: 3 }))).toEqual({
      label: 'Resolved',
      text: 'every alert stopped firing (3 alerts)',
    });
  });

  it('gives the reason of a mute, a close and an unrouted group', () => {
    expect(describeTimelineEvent(event('muted', { reason: 'maintenance weekly-db' })).text).toBe(
      'maintenance weekly-db',
    );
    expect(describeTimelineEvent(event('closed', { reason: 'resolved before anyone was paged' })).label).toBe(
      'Closed',
    );
    expect(describeTimelineEvent(event('unrouted', { reason: 'the route has no policy' }))).toEqual({
      label: 'Not routed',
      text: 'the route has no policy',
    });
  });

  it('counts what still fires on an update or a repeat', () => {
    expect(describeTimelineEvent(event('repeated', { firing: 1 })).text).toBe(
      'still firing, not acknowledged; notified again (1 alert firing)',
    );
    expect(describeTimelineEvent(event('updated', { firing: 2 })).text).toBe(
      'the firing alerts changed; notified again (2 alerts firing)',
    );
  });

  it('shows a kind it does not know with its raw detail rather than hiding it', () => {
    expect(describeTimelineEvent(event('rerouted', { to: 'db' }, 'u-1'))).toEqual({
      label: 'rerouted',
      text: '{"to":"db"} by u-1',
    });
  });
});
