// The tenant page's and board's reads for the fake api: SLA history (for sparklines and the peak request rate),
// failing routes, recent incidents and limits. Every query is checked against the api's OpenAPI contract and every
// answer against its schema, as fakeReports.cjs does; tenant tokens see their own tenant only.
const { queryProblem, schemaProblem } = require('./openApiContract.cjs');

const TIERS = { acme: 'enterprise', globex: 'pro', initech: 'free' };
const LIMITS = {
  free: { perSecond: 10, perMinute: 300 },
  pro: { perSecond: 50, perMinute: 2000 },
  enterprise: { perSecond: 200, perMinute: 10000 },
};
const OBJECTIVE = { acme: 0.9995, globex: 0.999, initech: 0.99 };
const STEP_MS = { '10s': 10_000, '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 };
const ROUTES = [
  { route: 'POST /checkout', requests: 1200, errors: 96, errorPercent: 8 },
  { route: 'GET /orders/:id', requests: 5400, errors: 27, errorPercent: 0.5 },
  { route: 'GET /search', requests: 800, errors: 2, errorPercent: 0.25 },
];

// acme's history: 100 requests a step, errors rising from 0 to 9, and a quiet gap at the fourth step; initech: only 429s
// in one step (no burn rate there). globex sent nothing.
function historyPoints(tenant, from, to, stepMs) {
  if (tenant === 'globex') return [];
  const points = [];
  const first = Math.ceil(from / stepMs) * stepMs;
  for (let t = first, i = 0; t < to && i < 2000; t += stepMs, i++) {
    if (tenant === 'acme' && i === 3) continue;
    const requests = tenant === 'acme' ? 100 + (i % 2) * 20 : 50;
    const rateLimited = tenant === 'acme' ? 5 : i === 0 ? 50 : 10;
    const errors = tenant === 'acme' ? i % 10 : 0;
    const counted = requests - rateLimited;
    points.push({
      t: new Date(t).toISOString(),
      requests,
      errors,
      rateLimited,
      availability: counted > 0 ? 1 - errors / counted : null,
      latencyMs: { p50: 12, p95: 80, p99: 140 },
    });
  }
  return points;
}

function incidents(now) {
  const at = (msAgo) => new Date(now - msAgo).toISOString();
  return [
    {
      groupId: 11,
      incident: 2,
      title: 'HighErrorRate: Checkout fails for 9 % of requests',
      severity: 'page',
      slo: 'availability',
      startedAt: at(20 * 60_000),
      acknowledgedAt: at(17 * 60_000),
      acknowledgedBy: 'u1',
      resolvedAt: null,
      resolvedBy: null,
      paged: true,
    },
    {
      groupId: 11,
      incident: 1,
      title: 'HighErrorRate: Checkout fails for 4 % of requests',
      severity: 'page',
      slo: 'availability',
      startedAt: at(26 * 3_600_000),
      acknowledgedAt: at(26 * 3_600_000 - 2 * 60_000),
      acknowledgedBy: 'u1',
      resolvedAt: at(26 * 3_600_000 - 45 * 60_000),
      resolvedBy: 'u1',
      paged: true,
    },
    {
      groupId: 12,
      incident: 1,
      title: 'SlowSearch',
      severity: 'ticket',
      slo: 'latency',
      startedAt: at(3 * 86_400_000),
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: at(3 * 86_400_000 - 90 * 60_000),
      resolvedBy: null,
      paged: false,
    },
  ];
}

/** createFakeTenantActivity serves the activity routes; scopes maps an Authorization header to its tenant (null = all). */
function createFakeTenantActivity({ scopes, send, problem }) {
  const requests = [];
  const answer = (res, schema, body) => {
    const p = schemaProblem(schema, body);
    if (p) return problem(res, 500, 'Fake outside the contract', `${schema}: ${p}`);
    return send(res, 200, body);
  };

  function handle(req, res, url) {
    const m = /^\/v1\/tenants\/([^/]+)\/(sla\/history|routes|incidents|limits)$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return;
    const tenant = decodeURIComponent(m[1]);
    const what = m[2];
    requests.push(`${url.pathname}${url.search}`);
    const auth = req.headers.authorization;
    if (!(auth in scopes)) return problem(res, 401, 'Unauthorized', 'A valid token is required.');
    const p = queryProblem(`/v1/tenants/{id}/${what}`, 'get', url.searchParams);
    if (p) return problem(res, 400, 'Bad Request', p);
    const scope = scopes[auth];
    if (scope !== null && scope !== tenant)
      return problem(res, 403, 'Forbidden', 'this token may not see that tenant');
    if (!(tenant in TIERS)) return problem(res, 404, 'Not Found', `no tenant ${tenant}`);
    const now = Date.now();
    if (what === 'sla/history') {
      const to = url.searchParams.has('to') ? Date.parse(url.searchParams.get('to')) : now;
      const from = url.searchParams.has('from') ? Date.parse(url.searchParams.get('from')) : to - 3_600_000;
      const step = url.searchParams.get('step') || '10s';
      return answer(res, 'SlaHistory', {
        tenantId: tenant,
        tier: TIERS[tenant],
        objective: OBJECTIVE[tenant],
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        step,
        points: historyPoints(tenant, from, to, STEP_MS[step]),
      });
    }
    const windows = { '1h': 3_600_000, '1d': 86_400_000, '7d': 7 * 86_400_000 };
    const window = url.searchParams.get('window') || (what === 'incidents' ? '7d' : '1h');
    const from = new Date(now - windows[window]).toISOString();
    const range = { tenantId: tenant, window, from, to: new Date(now).toISOString() };
    if (what === 'routes')
      return answer(res, 'TopFailingRoutes', { ...range, routes: tenant === 'acme' ? ROUTES : [] });
    if (what === 'incidents')
      return answer(res, 'TenantIncidents', {
        ...range,
        incidents:
          tenant === 'acme'
            ? incidents(now).filter(
                (i) => i.resolvedAt === null || Date.parse(i.resolvedAt) > now - windows[window],
              )
            : [],
      });
    return answer(res, 'TenantLimits', {
      tenantId: tenant,
      tier: TIERS[tenant],
      ...LIMITS[TIERS[tenant]],
      shadow: false,
      source: 'effective',
    });
  }

  return { handle, requests, reset: () => requests.splice(0) };
}

module.exports = { createFakeTenantActivity };
