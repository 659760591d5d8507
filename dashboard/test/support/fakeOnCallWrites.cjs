// What the api and alerting answer about on-call configuration beyond the plain lists, for the fake api: a tenant
// user's narrowed, name-only view (api/src/http/TenantOnCallView.ts), and the writes of escalation policies and
// schedules with alerting's own reasons for refusing (alerting/src/oncall/ScheduleSpec.ts, src/api/configRoutes.ts),
// each prefixed with the field path as the api passes it on.

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const isoWeekday = (date) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** tenantView is what one tenant may read: the policies its routes use, their schedules, users and channels. */
function tenantView(config, tenant) {
  const admits = (m) =>
    m.name !== 'tenant' ||
    (m.type === '='
      ? m.value === tenant
      : m.type === '!='
        ? m.value !== tenant
        : new RegExp(`^(?:${m.value})$`).test(tenant) === (m.type === '=~'));
  const policies = new Set();
  const walk = (parent, inherited) => {
    for (const r of config.routes.filter((x) => x.parentId === parent && x.matchers.every(admits))) {
      const policy = r.policyId ?? inherited;
      if (policy) policies.add(policy);
      walk(r.id, policy);
    }
  };
  walk(null, null);
  const used = config.policies.filter((p) => policies.has(p.id));
  const targets = (type) =>
    new Set(
      used.flatMap((p) => p.steps.flatMap((s) => s.targets.filter((t) => t.type === type).map((t) => t.id))),
    );
  const schedules = targets('schedule');
  const users = targets('user');
  for (const s of config.schedules.filter((x) => schedules.has(x.id))) {
    for (const l of s.spec.layers ?? []) for (const p of l.participants ?? []) users.add(p);
    for (const o of s.spec.overrides ?? []) users.add(o.user);
  }
  return { policies, schedules, users, channels: targets('channel') };
}

/** strip leaves a tenant names only: no e-mail or channels of a person, no settings of a channel. */
function strip(resource, item) {
  if (resource === 'users') return { ...item, email: null, channelIds: [] };
  if (resource === 'channels') return { ...item, config: {} };
  return item;
}

function layerProblem(l, at) {
  if (typeof l.name !== 'string' || l.name === '') return `${at}.name: name must not be empty`;
  if (l.rotation !== 'daily' && l.rotation !== 'weekly')
    return `${at}.rotation: rotation must be 'daily' or 'weekly'`;
  if (typeof l.handoffTime !== 'string' || !HH_MM.test(l.handoffTime))
    return `${at}.handoffTime: handoffTime must be HH:mm on a 24-hour clock, such as 09:00`;
  if (typeof l.startDate !== 'string' || !DATE.test(l.startDate))
    return `${at}.startDate: startDate must be a date such as 2024-03-04 (the first handoff, local)`;
  if (!Array.isArray(l.participants) || l.participants.length === 0)
    return `${at}.participants: participants must list at least one user`;
  const length = l.shiftLength ?? 1;
  if (!Number.isInteger(length) || length < 1) return `${at}.shiftLength: shiftLength must be at least 1`;
  if (l.rotation === 'weekly') {
    if (l.handoffWeekday === undefined)
      return `${at}.handoffWeekday: handoffWeekday (1 = Monday … 7 = Sunday) is required for a weekly rotation`;
    const day = isoWeekday(l.startDate);
    if (day !== l.handoffWeekday)
      return `${at}.startDate: startDate ${l.startDate} is a ${WEEKDAYS[day - 1]}, but handoffWeekday ${l.handoffWeekday} is ${WEEKDAYS[l.handoffWeekday - 1]}: the first handoff must fall on handoffWeekday`;
  } else if (l.handoffWeekday !== undefined)
    return `${at}.handoffWeekday: handoffWeekday only applies to weekly rotations`;
  return null;
}

/** specProblem is alerting's first reason to refuse a schedule spec, or null. */
function specProblem(spec) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: spec.timeZone });
  } catch {
    return `spec.timeZone: timeZone ${JSON.stringify(spec.timeZone)} is not an IANA time zone name such as Europe/Berlin`;
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0)
    return 'spec.layers: layers must have at least one layer';
  for (const [i, l] of spec.layers.entries()) {
    const p = layerProblem(l, `spec.layers.${i}`);
    if (p) return p;
  }
  for (const [i, o] of (spec.overrides ?? []).entries()) {
    if (typeof o.user !== 'string' || o.user === '')
      return `spec.overrides.${i}.user: user must not be empty`;
    if (!INSTANT.test(o.start ?? ''))
      return `spec.overrides.${i}.start: start must be an ISO 8601 date-time with Z or an offset, such as 2024-03-04T09:00:00+01:00`;
    if (!INSTANT.test(o.end ?? ''))
      return `spec.overrides.${i}.end: end must be an ISO 8601 date-time with Z or an offset, such as 2024-03-04T09:00:00+01:00`;
    if (Date.parse(o.end) <= Date.parse(o.start)) return `spec.overrides.${i}.end: end must be after start`;
  }
  const names = spec.layers.map((l) => l.name);
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice >= 0)
    return `spec.layers.${twice}.name: name ${JSON.stringify(names[twice])} is used by another layer`;
  return null;
}

const NOUN = { policies: 'escalation policy', schedules: 'schedule' };

/**
 * writeProblem checks a POST or PUT body past the contract as alerting does: the schedule's rules, and that every
 * target of a policy exists. It returns a 400 detail or null.
 */
function writeProblem(config, resource, body) {
  if (resource === 'schedules') return specProblem(body.spec);
  for (const [i, s] of (body.steps ?? []).entries())
    for (const t of s.targets) {
      const list = { channel: config.channels, user: config.users, schedule: config.schedules }[t.type];
      if (!list.some((x) => x.id === t.id)) return `steps.${i}.targets: ${t.type} ${t.id} does not exist`;
    }
  return null;
}

/** stored is what alerting keeps and answers for a body, with its defaults filled in. */
function stored(resource, id, body, now) {
  if (resource === 'policies')
    return { id, name: body.name, repeat: body.repeat ?? 0, steps: body.steps ?? [], updatedAt: now };
  const spec = {
    ...body.spec,
    layers: body.spec.layers.map((l) => ({ ...l, shiftLength: l.shiftLength ?? 1 })),
    overrides: body.spec.overrides ?? [],
  };
  return { id, name: body.name, spec, updatedAt: now };
}

/** stillReferenced is alerting's 409 for deleting a policy a route uses or a schedule a policy pages. */
function stillReferenced(config, resource, id) {
  const used =
    resource === 'policies'
      ? config.routes.some((r) => r.policyId === id)
      : config.policies.some((p) =>
          p.steps.some((s) => s.targets.some((t) => t.type === 'schedule' && t.id === id)),
        );
  return used ? `${NOUN[resource]} ${id} is still referenced` : null;
}

module.exports = { tenantView, strip, writeProblem, stored, stillReferenced, NOUN };
