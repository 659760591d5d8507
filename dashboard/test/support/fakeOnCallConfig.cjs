// The alert engine's on-call configuration for the fake api: users, channels, schedules and escalation policies, seeded
// relative to now so who is on call is known whatever the clock says, and who is on call at an instant worked out the
// way alerting does (alerting/src/oncall/ScheduleTimeline.ts): an override beats every layer and a later override an
// earlier one, a later layer beats an earlier one once it has started, and the answer is the stretch of the final
// schedule holding the instant. Time zones come from Intl; a hand-off in a DST gap may land an hour off alerting's.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const iso = (ms) => new Date(ms).toISOString();
const dateOf = (ms) => iso(ms).slice(0, 10);

// How far the zone's wall clock is ahead of UTC at an instant.
function offsetAt(zone, ms) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

// A wall-clock time (as if it were UTC) to the instant it names in the zone.
function toInstant(zone, wall) {
  const guess = wall - offsetAt(zone, wall);
  return wall - offsetAt(zone, guess);
}

function rotation(layer, zone, index) {
  const [y, m, d] = layer.startDate.split('-').map(Number);
  const [hh, mm] = layer.handoffTime.split(':').map(Number);
  const first = Date.UTC(y, m - 1, d, hh, mm);
  const period = (layer.rotation === 'weekly' ? 7 : 1) * (layer.shiftLength ?? 1) * DAY;
  const handoffAt = (k) => toInstant(zone, first + k * period);
  const indexAt = (ms) => {
    let k = Math.max(-1, Math.floor((ms + offsetAt(zone, ms) - first) / period));
    while (k >= 0 && handoffAt(k) > ms) k -= 1;
    while (handoffAt(k + 1) <= ms) k += 1;
    return k;
  };
  return { layer, index, handoffAt, indexAt };
}

/** onCallAt answers GET /schedules/:id/oncall for a spec at an instant, as alerting's onCallAt does. */
function onCallAt(spec, at) {
  const zone = spec.timeZone;
  const rotations = spec.layers.map((l, i) => rotation(l, zone, i));
  const overrides = (spec.overrides ?? []).map((o) => ({
    user: o.user,
    start: Date.parse(o.start),
    end: Date.parse(o.end),
  }));
  let winner = null;
  for (let i = overrides.length - 1; i >= 0 && !winner; i--) {
    const o = overrides[i];
    if (o.start <= at && at < o.end) winner = { ...o, source: 'override', index: i };
  }
  for (let i = rotations.length - 1; i >= 0 && !winner; i--) {
    const r = rotations[i];
    const k = r.indexAt(at);
    if (k >= 0) {
      const people = r.layer.participants;
      winner = {
        user: people[k % people.length],
        start: r.handoffAt(k),
        end: r.handoffAt(k + 1),
        source: 'layer',
        layer: r.layer.name,
        index: i,
      };
    }
  }
  if (!winner) return { users: [], shift: null };
  let { start, end } = winner;
  const outranking = winner.source === 'override' ? overrides.slice(winner.index + 1) : overrides;
  for (const o of outranking) {
    if (o.end > start && o.end <= at) start = o.end;
    if (o.start > at && o.start < end) end = o.start;
  }
  if (winner.source === 'layer')
    for (const r of rotations.slice(winner.index + 1)) {
      const first = r.handoffAt(0);
      if (first > at && first < end) end = first;
    }
  const shift = { start: iso(start), end: iso(end), source: winner.source };
  if (winner.layer !== undefined) shift.layer = winner.layer;
  return { users: [winner.user], shift };
}

/**
 * seedOnCall is the on-call configuration relative to now. Primary's daily hand-off fell an hour ago (to the minute,
 * in UTC), with Carol's shift under way, and Bob covers it by an override that ends two hours from now; so on call now
 * is Bob (override) until `handoff + 3 h`, then Carol until `handoff + 1 d`, Alice, then Bob. Database's weekly
 * rotation starts next month, so nobody is on call on it yet; its first participant is no known user. The routes
 * give tenant users of acme the default policy, the primary schedule and the people and channels those name.
 */
function seedOnCall(now) {
  const handoff = Math.floor((now - HOUR) / MIN) * MIN;
  let start = now + 7 * DAY;
  while (new Date(start).getUTCDay() !== 1) start += DAY;
  const users = [
    { id: 'alice', name: 'Alice Wong', email: 'alice@example.com', channelIds: [], updatedAt: iso(now) },
    { id: 'bob', name: 'Bob Marsh', email: null, channelIds: ['slack-bob'], updatedAt: iso(now) },
    {
      id: 'carol',
      name: 'Carol Diaz',
      email: 'carol@example.com',
      channelIds: ['pd-primary'],
      updatedAt: iso(now),
    },
  ];
  const channels = [
    {
      id: 'pd-primary',
      name: 'PagerDuty (primary)',
      type: 'pagerduty',
      config: { type: 'pagerduty', routingKey: '••••c0de' },
      updatedAt: iso(now),
    },
    {
      id: 'slack-oncall',
      name: '#oncall',
      type: 'slack',
      config: { type: 'slack', webhookUrl: 'https://hooks.slack.com/••••', channel: '#oncall' },
      updatedAt: iso(now),
    },
    {
      id: 'slack-bob',
      name: 'Slack @bob',
      type: 'slack',
      config: { type: 'slack', webhookUrl: 'https://hooks.slack.com/••••' },
      updatedAt: iso(now),
    },
  ];
  const schedules = [
    {
      id: 'primary',
      name: 'Primary on-call',
      spec: {
        timeZone: 'UTC',
        layers: [
          {
            name: 'Weekdays',
            rotation: 'daily',
            handoffTime: iso(handoff).slice(11, 16),
            startDate: dateOf(handoff - 2 * DAY),
            participants: ['alice', 'bob', 'carol'],
            shiftLength: 1,
          },
        ],
        overrides: [{ user: 'bob', start: iso(handoff + 30 * MIN), end: iso(handoff + 3 * HOUR) }],
      },
      updatedAt: iso(now),
    },
    {
      id: 'database',
      name: 'Database on-call',
      spec: {
        timeZone: 'America/New_York',
        layers: [
          {
            name: 'Nights',
            rotation: 'weekly',
            handoffTime: '09:00',
            handoffWeekday: 1,
            startDate: dateOf(start),
            participants: ['dave', 'alice'],
            shiftLength: 2,
          },
        ],
        overrides: [],
      },
      updatedAt: iso(now),
    },
  ];
  const policies = [
    {
      id: 'default',
      name: 'Default escalation',
      repeat: 1,
      steps: [
        {
          targets: [
            { type: 'channel', id: 'pd-primary' },
            { type: 'user', id: 'alice' },
          ],
          waitMinutes: 15,
        },
        {
          targets: [
            { type: 'schedule', id: 'primary' },
            { type: 'channel', id: 'slack-oncall' },
          ],
          waitMinutes: 30,
        },
      ],
      updatedAt: iso(now),
    },
    {
      id: 'database',
      name: 'Database escalation',
      repeat: 0,
      steps: [
        {
          targets: [
            { type: 'schedule', id: 'database' },
            { type: 'user', id: 'bob' },
          ],
          waitMinutes: 90,
        },
        {
          targets: [
            { type: 'user', id: 'carol' },
            { type: 'user', id: 'ghost' },
          ],
          waitMinutes: 0.5,
        },
      ],
      updatedAt: iso(now),
    },
  ];
  // Not served: the api narrows what a tenant user reads by them. Everyone's alerts reach the root (default); only
  // globex's reach the database route, so acme's users never see the database policy or schedule.
  const routes = [
    { id: 'root', parentId: null, matchers: [], policyId: 'default' },
    {
      id: 'globex-db',
      parentId: 'root',
      matchers: [{ name: 'tenant', type: '=', value: 'globex' }],
      policyId: 'database',
    },
  ];
  return { users, channels, schedules, policies, routes, down: false };
}

module.exports = { seedOnCall, onCallAt };
