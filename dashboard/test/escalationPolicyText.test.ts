import { escalationPolicyText, escalationTargetText, escalationWaitText } from '../lib/escalationPolicyText';
import type { EscalationPolicy, OnCallChannel, OnCallUser, Schedule } from '../lib/onCallApiShapes';
import { OnCallDirectory } from '../lib/onCallDirectory';

const users: OnCallUser[] = [
  { id: 'alice', name: 'Alice', email: 'alice@example.com', channelIds: [] },
  { id: 'bob', name: 'Bob', email: null, channelIds: ['slack-bob'] },
  { id: 'carol', name: 'Carol', email: 'carol@example.com', channelIds: ['pd', 'slack-bob'] },
  { id: 'erin', name: 'Erin', email: null, channelIds: [] },
];
const channels: OnCallChannel[] = [
  { id: 'pd', name: 'PagerDuty (primary)', type: 'pagerduty' },
  { id: 'slack-bob', name: '@bob', type: 'slack' },
  { id: 'ops-mail', name: 'the ops list', type: 'email' },
  { id: 'hook', name: 'incident bot', type: 'webhook' },
];
const schedules: Schedule[] = [{ id: 'primary', name: 'Primary', spec: {} }];
const everything = OnCallDirectory.from({ users, channels, schedules });
const nothing = OnCallDirectory.from({ users: null, channels: null, schedules: null });

const policy = (repeat: number, ...steps: EscalationPolicy['steps']) => ({ repeat, steps });

describe('escalationPolicyText', () => {
  it('spells a policy out step by step with names, waits and how often it repeats', () => {
    const p = policy(
      1,
      {
        targets: [
          { type: 'channel', id: 'pd' },
          { type: 'user', id: 'alice' },
        ],
        waitMinutes: 15,
      },
      { targets: [{ type: 'schedule', id: 'primary' }], waitMinutes: 30 },
    );
    expect(escalationPolicyText(p, everything)).toBe(
      'Step 1: page PagerDuty (primary) and e-mail Alice, wait 15 min; ' +
        'then step 2: notify whoever is on call on Primary, wait 30 min; repeats 1 time',
    );
  });

  it('leaves out the last wait of a policy that does not start over, which would never be waited', () => {
    const p = policy(
      0,
      { targets: [{ type: 'user', id: 'alice' }], waitMinutes: 5 },
      { targets: [{ type: 'user', id: 'bob' }], waitMinutes: 60 },
    );
    expect(escalationPolicyText(p, everything)).toBe(
      'Step 1: e-mail Alice, wait 5 min; then step 2: notify Bob via @bob; does not repeat',
    );
  });

  it('counts several repeats in the plural and lists three targets with commas', () => {
    const p = policy(3, {
      targets: [
        { type: 'channel', id: 'ops-mail' },
        { type: 'channel', id: 'hook' },
        { type: 'channel', id: 'slack-bob' },
      ],
      waitMinutes: 90,
    });
    expect(escalationPolicyText(p, everything)).toBe(
      'Step 1: e-mail the ops list, call the webhook incident bot and post to @bob on Slack, wait 1 h 30 min; repeats 3 times',
    );
  });

  it('says a policy without steps notifies nobody', () => {
    expect(escalationPolicyText(policy(2), everything)).toBe('No steps: nobody is notified.');
  });

  it('shows ids as they are when the viewer may not read the users, channels and schedules', () => {
    const p = policy(0, {
      targets: [
        { type: 'channel', id: 'pd' },
        { type: 'user', id: 'alice' },
        { type: 'schedule', id: 'primary' },
      ],
      waitMinutes: 10,
    });
    expect(escalationPolicyText(p, nothing)).toBe(
      'Step 1: notify channel pd, notify user alice and notify whoever is on call on schedule primary; does not repeat',
    );
  });
});

describe('escalationTargetText', () => {
  it('says how a user is reached: by e-mail, through their channels, or both', () => {
    expect(escalationTargetText({ type: 'user', id: 'alice' }, everything)).toBe('e-mail Alice');
    expect(escalationTargetText({ type: 'user', id: 'bob' }, everything)).toBe('notify Bob via @bob');
    expect(escalationTargetText({ type: 'user', id: 'carol' }, everything)).toBe(
      'notify Carol by e-mail and via PagerDuty (primary) and @bob',
    );
  });

  it('warns about a user alerting cannot reach at all', () => {
    expect(escalationTargetText({ type: 'user', id: 'erin' }, everything)).toBe(
      'notify Erin (who has no e-mail address or channel, so nobody is reached)',
    );
  });

  it('flags a target that names something no longer configured', () => {
    expect(escalationTargetText({ type: 'user', id: 'ghost' }, everything)).toBe(
      'notify user ghost (no such user)',
    );
    expect(escalationTargetText({ type: 'channel', id: 'gone' }, everything)).toBe(
      'notify channel gone (no such channel)',
    );
    expect(escalationTargetText({ type: 'schedule', id: 'old' }, everything)).toBe(
      'notify whoever is on call on schedule old (no such schedule)',
    );
  });

  it('names who a schedule target reaches now once that is known', () => {
    const withNow = (ids: string[]) =>
      OnCallDirectory.from({ users, channels, schedules, onCallNow: new Map([['primary', ids]]) });
    expect(escalationTargetText({ type: 'schedule', id: 'primary' }, withNow(['bob']))).toBe(
      'notify whoever is on call on Primary (now Bob)',
    );
    expect(escalationTargetText({ type: 'schedule', id: 'primary' }, withNow([]))).toBe(
      'notify whoever is on call on Primary (nobody is on call now)',
    );
  });
});

describe('escalationWaitText', () => {
  it.each([
    [15, '15 min'],
    [90, '1 h 30 min'],
    [0.05, '3 s'],
    [1.5, '1 min 30 s'],
    [7 * 24 * 60, '7 d'],
    [1501, '1 d 1 h 1 min'],
  ])('shows a wait of %d minutes exactly, as "%s"', (minutes, shown) => {
    expect(escalationWaitText(minutes)).toBe(shown);
  });
});
