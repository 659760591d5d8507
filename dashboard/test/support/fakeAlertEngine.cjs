// The api's alert groups, silences and on-call configuration, in memory, for the fake api. Requests are checked against
// the api's published OpenAPI contract and refused with the api's 400 wording; every answer is checked against it too,
// so this stand-in cannot drift from the real api unnoticed. Roles: the sre token may do everything, the developer
// token may read alerts and silences; acme's developer, tenant_admin and viewer tokens read the on-call configuration
// acme's routes use, people and channels by name only (fakeOnCallWrites.cjs), and the viewer no alerts at all.
const { queryProblem, schemaProblem } = require('./openApiContract.cjs');
const { onCallAt, seedOnCall } = require('./fakeOnCallConfig.cjs');
const { NOUN, stillReferenced, stored, strip, tenantView, writeProblem } = require('./fakeOnCallWrites.cjs');
const DOC = require('../../../api/test/golden/openapi.json');

const MIN = 60_000;
const ids = { silence: 0 };

function iso(ms) {
  return new Date(ms).toISOString();
}

function group(now, g) {
  return {
    id: g.id,
    dedupKey: `sightline-${g.id}`,
    tenant: g.tenant,
    route: 'root',
    policy: 'default',
    labels: g.labels,
    state: g.state,
    muted: g.muted ?? null,
    incident: g.incident ?? 1,
    acknowledgedAt: g.acknowledgedAt ?? null,
    acknowledgedBy: g.acknowledgedBy ?? null,
    resolvedAt: g.resolvedAt ?? null,
    resolvedBy: g.resolvedBy ?? null,
    escalation: g.escalation ?? null,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt ?? g.createdAt,
  };
}

function alert(tenant, labels, annotations, startsAt, status = 'firing') {
  return {
    fingerprint: `fp-${Object.values(labels).join('-')}`,
    tenant,
    status,
    labels: { ...labels, tenant },
    annotations,
    startsAt,
    endsAt: status === 'resolved' ? startsAt : null,
    generatorUrl: null,
    source: 'alertmanager',
    receivedAt: startsAt,
  };
}

// Five groups, one per state the list must order: firing (page and ticket), acknowledged, muted, resolved.
function seed(now) {
  const at = (minutesAgo) => iso(now - minutesAgo * MIN);
  const groups = [
    {
      group: group(now, {
        id: 11,
        tenant: 'acme',
        labels: { alertname: 'CheckoutErrors', tenant: 'acme', severity: 'page' },
        state: 'firing',
        escalation: { step: 1, pass: 1, nextAt: iso(now + 4 * MIN + 30_000) },
        createdAt: at(12),
      }),
      alerts: [
        alert(
          'acme',
          { alertname: 'CheckoutErrors', severity: 'page', service: 'checkout' },
          {
            summary: 'Checkout fails for 9 % of requests',
            description: 'Error ratio over 5 minutes is above 5 %.',
            runbook_url: 'https://runbooks.example.com/checkout-errors',
          },
          at(12),
        ),
      ],
      timeline: [
        {
          at: at(11),
          kind: 'triggered',
          actor: null,
          detail: { step: 1, pass: 1, targets: ['slack:#oncall', 'pagerduty:acme'], unresolved: [] },
        },
      ],
      notifications: [
        {
          id: 1,
          incident: 1,
          target: 'slack:#oncall',
          integration: 'slack',
          action: 'trigger',
          status: 'delivered',
          attempts: 1,
          lastError: null,
          createdAt: at(11),
          deliveredAt: at(11),
        },
        {
          id: 2,
          incident: 1,
          target: 'pagerduty:acme',
          integration: 'pagerduty',
          action: 'trigger',
          status: 'dead',
          attempts: 1,
          lastError: 'HTTP 400: invalid routing key',
          createdAt: at(11),
          deliveredAt: null,
        },
      ],
    },
    {
      group: group(now, {
        id: 12,
        tenant: 'acme',
        labels: { alertname: 'SlowSearch', tenant: 'acme', severity: 'ticket' },
        state: 'firing',
        escalation: { step: 2, pass: 1, nextAt: null },
        createdAt: at(90),
      }),
      alerts: [alert('acme', { alertname: 'SlowSearch', severity: 'ticket' }, {}, at(90))],
      timeline: [],
      notifications: [],
    },
    {
      group: group(now, {
        id: 13,
        tenant: 'globex',
        labels: { alertname: 'DiskFull', tenant: 'globex', severity: 'page' },
        state: 'acknowledged',
        acknowledgedAt: at(3),
        acknowledgedBy: 'u-sre',
        escalation: { step: 1, pass: 1, nextAt: null },
        createdAt: at(30),
      }),
      alerts: [
        alert(
          'globex',
          { alertname: 'DiskFull', severity: 'page' },
          { summary: 'Disk /data is 97 % full' },
          at(30),
        ),
      ],
      timeline: [],
      notifications: [],
    },
    {
      group: group(now, {
        id: 14,
        tenant: 'acme',
        labels: { alertname: 'BatchLate', tenant: 'acme', severity: 'page' },
        state: 'pending',
        muted: 'maintenance weekly-db',
        createdAt: at(5),
      }),
      alerts: [
        alert(
          'acme',
          { alertname: 'BatchLate', severity: 'page' },
          { summary: 'Nightly batch is late' },
          at(5),
        ),
      ],
      timeline: [{ at: at(4), kind: 'muted', actor: null, detail: { reason: 'maintenance weekly-db' } }],
      notifications: [],
    },
    {
      group: group(now, {
        id: 15,
        tenant: 'initech',
        labels: { alertname: 'CertExpiry', tenant: 'initech', severity: 'page' },
        state: 'resolved',
        resolvedAt: at(60),
        resolvedBy: null,
        incident: 1,
        createdAt: at(200),
      }),
      alerts: [
        alert(
          'initech',
          { alertname: 'CertExpiry', severity: 'page' },
          { summary: 'TLS certificate expires soon' },
          at(200),
          'resolved',
        ),
      ],
      timeline: [],
      notifications: [],
    },
  ];
  ids.silence = 0;
  const silences = [
    silence(now, {
      id: 'weekly-db',
      kind: 'maintenance',
      tenant: 'acme',
      matchers: [{ name: 'service', type: '=', value: 'db' }],
      window: { kind: 'cron', cron: '0 2 * * 6', durationMinutes: 120, timeZone: 'Europe/Berlin' },
      comment: 'Weekly database maintenance',
      createdBy: 'u-sre',
    }),
  ];
  return { groups, silences };
}

function silence(now, s) {
  const status = s.expiredAt ? 'expired' : windowStatus(s.window, now);
  return {
    id: s.id,
    kind: s.kind,
    tenant: s.tenant ?? null,
    matchers: s.matchers,
    window: s.window,
    comment: s.comment,
    createdBy: s.createdBy,
    reminderChannelId: null,
    status: status.status,
    currentOrNext: status.currentOrNext,
    expiredAt: s.expiredAt ?? null,
    createdAt: iso(now),
    updatedAt: iso(now),
  };
}

// Only once windows are worked out here; recurring ones are reported as scheduled with an occurrence a day away.
function windowStatus(window, now) {
  if (window.kind === 'once') {
    const start = Date.parse(window.startsAt);
    const end = Date.parse(window.endsAt);
    if (now >= end) return { status: 'expired', currentOrNext: null };
    return {
      status: now >= start ? 'active' : 'pending',
      currentOrNext: { start: iso(start), end: iso(end) },
    };
  }
  const next = now + 24 * 60 * MIN;
  return {
    status: 'pending',
    currentOrNext: { start: iso(next), end: iso(next + (window.durationMinutes ?? 60) * MIN) },
  };
}

// The alerting rules the api passes on with alerting's 400 wording (alerting/src/silence/time/TimeWindow.ts).
function alertingProblem(body) {
  const w = body.window;
  const isInstant = (v) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
  if (w.kind === 'once') {
    if (!isInstant(w.startsAt))
      return 'window.startsAt: startsAt must be an ISO 8601 date-time with Z or an offset, such as 2024-03-30T02:00:00Z';
    if (!isInstant(w.endsAt))
      return 'window.endsAt: endsAt must be an ISO 8601 date-time with Z or an offset, such as 2024-03-30T02:00:00Z';
    if (Date.parse(w.endsAt) <= Date.parse(w.startsAt)) return 'window.endsAt: endsAt must be after startsAt';
  } else if (w.kind === 'cron') {
    if (typeof w.cron !== 'string' || w.cron.trim().split(/\s+/).length !== 5)
      return 'window.cron: cron must have 5 fields';
    if (!Number.isInteger(w.durationMinutes) || w.durationMinutes < 1)
      return 'window.durationMinutes: durationMinutes must be at least 1';
    if (w.durationMinutes > 10080)
      return 'window.durationMinutes: durationMinutes must be at most 10080 (one week)';
    try {
      new Intl.DateTimeFormat('en', { timeZone: w.timeZone });
    } catch {
      return `window.timeZone: unknown time zone ${String(w.timeZone)}`;
    }
  } else if (w.kind !== 'rrule') return "window: kind must be 'once', 'rrule' or 'cron'";
  if ((body.matchers ?? []).length === 0 && body.tenant === undefined && body.service === undefined)
    return 'matchers: a silence needs at least one matcher, tenant or service; it would otherwise mute every alert';
  return null;
}

/**
 * createFakeAlertEngine returns the route handler and its state; reset() re-seeds it relative to now. handle() answers
 * (ending the response) when the request is one of its routes, and leaves it alone otherwise.
 */
function createFakeAlertEngine({ tokens, send, problem, readJson }) {
  let state = seed(Date.now());
  let onCall = seedOnCall(Date.now());
  const silenceRequests = [];
  const alertingRequests = [];
  const writes = [];

  // Every answer must fit the contract, or the test that relies on it fails loudly.
  const answer = (res, status, schema, body) => {
    const p = schemaProblem(schema, body);
    if (p) return problem(res, 500, 'Fake outside the contract', `${schema}: ${p}`);
    return send(res, status, body);
  };

  // POST /test/alerting-config replaces parts of the on-call configuration (each list is checked when it is served)
  // or, with `down: true`, makes the on-call routes answer as the api does when alerting cannot be reached.
  // GET /test/alerting-requests lists the on-call requests the api received, as `METHOD path?query`.
  async function testRoute(req, res, url) {
    if (req.method === 'POST' && url.pathname === '/test/alerting-config') {
      const body = await readJson(req);
      if (body === undefined) return problem(res, 400, 'Bad Request', 'malformed JSON body');
      onCall = { ...onCall, ...body };
      return send(res, 204);
    }
    if (req.method === 'GET' && url.pathname === '/test/alerting-requests')
      return send(res, 200, alertingRequests);
    // GET /test/alerting-writes lists the bodies of policy and schedule writes, as `{ method, resource, id, body }`.
    if (req.method === 'GET' && url.pathname === '/test/alerting-writes') return send(res, 200, writes);
    // GET /test/alerting-config answers the whole on-call configuration as it now stands.
    if (req.method === 'GET' && url.pathname === '/test/alerting-config') return send(res, 200, onCall);
    return;
  }

  // The public on-call routes. The sre token reads and writes everything; the tenant tokens (acme's developer,
  // tenant_admin and viewer) read only what acme's routes use, people and channels by name only, and write nothing.
  async function alertingRoute(req, res, url, role) {
    alertingRequests.push(`${req.method} ${url.pathname}${url.search}`);
    const list = /^\/v1\/alerting\/(policies|schedules|users|channels)$/.exec(url.pathname);
    const one = /^\/v1\/alerting\/(policies|schedules|users|channels)\/([^/]+)$/.exec(url.pathname);
    const oncall = /^\/v1\/alerting\/schedules\/([^/]+)\/oncall$/.exec(url.pathname);
    if (!list && !one && !oncall) return;
    const resource = (list ?? one)?.[1];
    if (req.method !== 'GET') {
      if ((resource !== 'policies' && resource !== 'schedules') || oncall) return;
      return writeRoute(req, res, url, role, resource, one ? decodeURIComponent(one[2]) : null);
    }
    const template = list
      ? url.pathname
      : one
        ? `/v1/alerting/${resource}/{id}`
        : '/v1/alerting/schedules/{id}/oncall';
    const qp = queryProblem(template, 'get', url.searchParams);
    if (qp) return problem(res, 400, 'Bad Request', qp);
    if (onCall.down) return problem(res, 503, 'Service Unavailable', 'alerting is unavailable');
    const view = role === 'sre' ? null : tenantView(onCall, 'acme');
    const sees = (r, id) => view === null || view[r].has(id);
    const shown = (r, item) => (view === null ? item : strip(r, item));
    const SCHEMA = {
      policies: 'EscalationPolicy',
      schedules: 'Schedule',
      users: 'OnCallUser',
      channels: 'Channel',
    };
    if (list)
      return answer(res, 200, `${SCHEMA[resource]}List`, {
        [resource]: onCall[resource].filter((i) => sees(resource, i.id)).map((i) => shown(resource, i)),
      });
    const id = decodeURIComponent((one ?? oncall)[one ? 2 : 1]);
    const idParam = DOC.paths[template].get.parameters.find((p) => p.in === 'path' && p.name === 'id');
    if (!new RegExp(idParam.schema.pattern, 'u').test(id))
      return problem(res, 400, 'Bad Request', 'id: ids are 1-63 of [a-z0-9_-]');
    if (one) {
      const item = onCall[resource].find((i) => i.id === id);
      if (!item || !sees(resource, id))
        return problem(res, 404, 'Not Found', `no ${NOUN[resource] ?? resource} ${id}`);
      return answer(res, 200, SCHEMA[resource], shown(resource, item));
    }
    // The contract types `at` as a date-time, which the checker does not check; the api's zod wants seconds and a zone.
    const at = url.searchParams.get('at');
    if (at !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(at))
      return problem(res, 400, 'Bad Request', 'at: Invalid ISO datetime');
    const schedule = onCall.schedules.find((s) => s.id === id);
    if (!schedule || !sees('schedules', id)) return problem(res, 404, 'Not Found', `no schedule ${id}`);
    const when = at === null ? Date.now() : Date.parse(at);
    return answer(res, 200, 'OnCall', {
      schedule: id,
      at: new Date(when).toISOString(),
      ...onCallAt(schedule.spec, when),
    });
  }

  // POST, PUT and DELETE of escalation policies and schedules, as the api and alerting answer them.
  async function writeRoute(req, res, url, role, resource, id) {
    if (role !== 'sre') return problem(res, 403, 'Forbidden', 'your role may not use this route');
    if (onCall.down) return problem(res, 503, 'Service Unavailable', 'alerting is unavailable');
    const items = onCall[resource];
    const existing = id === null ? undefined : items.find((i) => i.id === id);
    if (id !== null && !existing) return problem(res, 404, 'Not Found', `no ${NOUN[resource]} ${id}`);
    if (req.method === 'DELETE' && id !== null) {
      const referenced = stillReferenced(onCall, resource, id);
      if (referenced) return problem(res, 409, 'Conflict', referenced);
      onCall = { ...onCall, [resource]: items.filter((i) => i.id !== id) };
      return send(res, 204);
    }
    if ((req.method !== 'POST' || id !== null) && (req.method !== 'PUT' || id === null)) return;
    if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
      return problem(res, 415, 'Unsupported Media Type', 'send the body as application/json');
    const body = await readJson(req);
    writes.push({ method: req.method, resource, id, body });
    if (body === undefined) return problem(res, 400, 'Bad Request', 'malformed JSON body');
    const request = resource === 'policies' ? 'EscalationPolicyRequest' : 'ScheduleRequest';
    const p = schemaProblem(request, body) ?? writeProblem(onCall, resource, body);
    if (p) return problem(res, 400, 'Bad Request', p);
    if (id !== null && body.id !== undefined && body.id !== id)
      return problem(res, 400, 'Bad Request', 'id: must equal the id in the path');
    const newId = id ?? body.id ?? `${resource[0]}${items.length + 1}`;
    if (id === null && items.some((i) => i.id === newId))
      return problem(res, 409, 'Conflict', `${NOUN[resource]} ${newId} already exists`);
    const item = stored(resource, newId, body, iso(Date.now()));
    onCall = {
      ...onCall,
      [resource]: id === null ? [...items, item] : items.map((i) => (i.id === id ? item : i)),
    };
    if (id === null) res.setHeader('location', `/v1/alerting/${resource}/${newId}`);
    return answer(
      res,
      id === null ? 201 : 200,
      resource === 'policies' ? 'EscalationPolicy' : 'Schedule',
      item,
    );
  }

  return {
    reset() {
      state = seed(Date.now());
      onCall = seedOnCall(Date.now());
      silenceRequests.length = 0;
      alertingRequests.length = 0;
      writes.length = 0;
    },
    silenceRequests,
    async handle(req, res, url) {
      if (url.pathname.startsWith('/test/alerting-')) return testRoute(req, res, url);
      const role = tokens[req.headers.authorization ?? ''];
      const isGroups = url.pathname.startsWith('/v1/alert-groups');
      const isSilences = url.pathname.startsWith('/v1/silences');
      const isAlerting = url.pathname.startsWith('/v1/alerting/');
      if (!isGroups && !isSilences && !isAlerting) return;
      if (role === undefined) return problem(res, 401, 'Unauthorized', 'A valid token is required.');
      if (isAlerting) return alertingRoute(req, res, url, role);
      // As the api: a viewer sees who is on call, not the alerts.
      if (role === 'viewer') return problem(res, 403, 'Forbidden', 'your role may not use this route');
      const write = req.method !== 'GET';
      if (write && role !== 'sre') return problem(res, 403, 'Forbidden', 'your role may not use this route');

      if (req.method === 'GET' && url.pathname === '/v1/alert-groups') {
        const p = queryProblem('/v1/alert-groups', 'get', url.searchParams);
        if (p) return problem(res, 400, 'Bad Request', p);
        const q = Object.fromEntries(url.searchParams);
        const shown = state.groups
          .map((e) => e.group)
          .filter(
            (g) =>
              (q.tenant === undefined || g.tenant === q.tenant) &&
              (q.state === undefined ||
                (q.state === 'open' ? g.state !== 'resolved' : g.state === q.state)) &&
              (q.severity === undefined ||
                state.groups.find((e) => e.group === g).alerts.some((a) => a.labels.severity === q.severity)),
          )
          .slice(0, Number(q.limit ?? '100'));
        return answer(res, 200, 'AlertGroupList', { groups: shown });
      }
      const one = /^\/v1\/alert-groups\/([^/]+)(?:\/(ack|resolve))?$/.exec(url.pathname);
      if (one) {
        if (!/^[1-9]\d{0,14}$/.test(one[1]))
          return problem(res, 400, 'Bad Request', 'id: group id must be a positive integer');
        const entry = state.groups.find((e) => e.group.id === Number(one[1]));
        if (!entry) return problem(res, 404, 'Not Found', `no alert group ${one[1]}`);
        if (req.method === 'GET' && !one[2]) return answer(res, 200, 'AlertGroupDetail', entry);
        if (req.method !== 'POST' || !one[2]) return;
        const body = await readJson(req);
        const bp = body === undefined ? null : schemaProblem('AlertGroupActionRequest', body);
        if (bp) return problem(res, 400, 'Bad Request', bp);
        const now = iso(Date.now());
        const g = entry.group;
        if (one[2] === 'ack') {
          if (g.state !== 'firing') return problem(res, 409, 'Conflict', `alert group ${g.id} is not firing`);
          Object.assign(g, {
            state: 'acknowledged',
            acknowledgedAt: now,
            acknowledgedBy: 'u-sre',
            updatedAt: now,
          });
          if (g.escalation) g.escalation = { ...g.escalation, nextAt: null };
          entry.timeline.push({ at: now, kind: 'acknowledged', actor: 'u-sre', detail: { via: 'api' } });
        } else if (g.state !== 'resolved') {
          Object.assign(g, {
            state: 'resolved',
            resolvedAt: now,
            resolvedBy: 'u-sre',
            updatedAt: now,
            muted: null,
          });
          for (const a of entry.alerts) Object.assign(a, { status: 'resolved', endsAt: now });
          entry.timeline.push({
            at: now,
            kind: 'resolved',
            actor: 'u-sre',
            detail: { via: 'api', manual: true },
          });
        }
        return answer(res, 200, 'AlertGroupActionResult', { group: g });
      }

      if (req.method === 'GET' && url.pathname === '/v1/silences') {
        if ([...url.searchParams.keys()].length > 0)
          return problem(res, 400, 'Bad Request', 'body: no query parameters');
        const now = Date.now();
        for (const s of state.silences) if (!s.expiredAt) Object.assign(s, windowStatus(s.window, now));
        return answer(res, 200, 'SilenceList', { silences: state.silences });
      }
      if (req.method === 'POST' && url.pathname === '/v1/silences') {
        if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
          return problem(res, 415, 'Unsupported Media Type', 'send the body as application/json');
        const body = await readJson(req);
        silenceRequests.push(body);
        if (body === undefined) return problem(res, 400, 'Bad Request', 'malformed JSON body');
        const p = schemaProblem('SilenceRequest', body) ?? alertingProblem(body);
        if (p) return problem(res, 400, 'Bad Request', p);
        const created = silence(Date.now(), {
          ...body,
          id: body.id ?? `s${++ids.silence}`,
          kind: body.kind ?? 'silence',
          matchers: body.matchers ?? [],
          createdBy: 'u-sre',
        });
        state.silences.push(created);
        res.setHeader('location', `/v1/silences/${created.id}`);
        return answer(res, 201, 'Silence', created);
      }
      const sil = /^\/v1\/silences\/([a-z0-9][a-z0-9_-]{0,62})$/.exec(url.pathname);
      if (req.method === 'DELETE' && sil) {
        const s = state.silences.find((x) => x.id === sil[1]);
        if (!s) return problem(res, 404, 'Not Found', `no silence ${sil[1]}`);
        if (!s.expiredAt)
          Object.assign(s, { expiredAt: iso(Date.now()), status: 'expired', currentOrNext: null });
        return send(res, 204);
      }
      return;
    },
  };
}

module.exports = { createFakeAlertEngine };
