// The api's weekly SLA reports, in memory, for the fake api. Queries and bodies are checked against the api's published
// OpenAPI contract and refused with the api's 400 wording; every JSON answer is checked against it too. Roles follow
// the api: the sre token is platform-wide (every tenant and the executive summaries, all recipients), the
// tenant-admin token is acme's tenant_admin (acme's tenant reports and recipients only), the developer token may not
// read reports. A job the console starts moves one step each time it is read: queued, two running stages, then done
// (or failed, after POST /test/report-job-failure {"error": "…"} armed the next job to fail).
const { queryProblem, schemaProblem } = require('./openApiContract.cjs');

const EXECUTIVE = '*';
const TENANTS = ['acme', 'globex', 'initech'];
const STAGES = [
  { status: 'queued', progress: 0, stage: 'queued' },
  { status: 'running', progress: 10, stage: 'reading traffic rollups' },
  { status: 'running', progress: 75, stage: 'printing PDF' },
];
const PDF = '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n';
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// The fake's tenants' UTC offsets in November (acme Europe/Berlin, globex America/New_York, initech UTC): a week runs
// Monday 00:00 to Monday 00:00 local time, so its instants are shifted by the offset, as the reports service stores them.
const NOVEMBER_OFFSET_HOURS = { acme: 1, globex: -5, initech: 0, [EXECUTIVE]: 0 };

function weekDates(label, tenantId) {
  const [year, week] = label.split('-W').map(Number);
  // ISO week 1 holds 4 January; its Monday is found from that day's weekday.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000;
  const start = monday - (NOVEMBER_OFFSET_HOURS[tenantId] ?? 0) * 3_600_000;
  const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
  return { weekStart: iso(start), weekEnd: iso(start + 7 * 86_400_000) };
}

function report(id, kind, tenantId, weekLabel, fields) {
  const at = '2026-11-23T08:04:00.000Z';
  return {
    id,
    kind,
    tenantId,
    weekLabel,
    ...weekDates(weekLabel, tenantId),
    status: 'done',
    progress: 100,
    stage: 'done',
    trigger: 'schedule',
    requestedBy: null,
    attempts: 1,
    error: null,
    summary: null,
    reportStatus: null,
    emailRecipients: [],
    emailedAt: null,
    createdAt: at,
    startedAt: at,
    finishedAt: at,
    hasData: true,
    ...fields,
  };
}

function seed() {
  return [
    report(5, 'tenant', 'acme', '2026-W47', {
      status: 'running',
      progress: 45,
      stage: 'computing figures',
      finishedAt: null,
      hasData: false,
    }),
    report(3, 'executive', EXECUTIVE, '2026-W46', { summary: '3 tenants: 1 green, 1 amber, 1 red' }),
    report(1, 'tenant', 'acme', '2026-W46', {
      summary: 'Met 3 of 4 objectives; budget 38 % used.',
      reportStatus: 'green',
      emailRecipients: ['cfo@acme.test'],
    }),
    report(2, 'tenant', 'globex', '2026-W46', {
      summary: 'Met 1 of 2 objectives; budget 120 % used.',
      reportStatus: 'red',
    }),
    report(4, 'tenant', 'initech', '2026-W46', {
      status: 'failed',
      progress: 45,
      stage: 'failed',
      summary: null,
      error: 'collector is unavailable',
      finishedAt: '2026-11-23T08:09:00.000Z',
      hasData: false,
    }),
  ];
}

/**
 * createFakeReports returns the report routes and their state; reset() re-seeds them. handle() answers (ending the
 * response) when the request is one of its routes, and leaves it alone otherwise.
 */
function createFakeReports({ scopes, send, problem, readJson }) {
  let reports = seed();
  let recipients = new Map([['acme', ['cfo@acme.test']]]);
  let failNext = null;
  const requests = [];
  const steps = new Map();

  const answer = (res, status, schema, body) => {
    const p = schemaProblem(schema, body);
    if (p) return problem(res, 500, 'Fake outside the contract', `${schema}: ${p}`);
    return send(res, status, body);
  };
  const sees = (scope, r) => scope.tenant === null || (r.kind === 'tenant' && r.tenantId === scope.tenant);

  // Each read of a job the console started moves it one stage on, so polling shows progress.
  function advance(r) {
    if (!steps.has(r.id)) return;
    const step = steps.get(r.id) + 1;
    steps.set(r.id, step);
    if (step < STAGES.length) return Object.assign(r, STAGES[step]);
    steps.delete(r.id);
    if (r.failWith)
      return Object.assign(r, {
        status: 'failed',
        stage: 'failed',
        error: r.failWith,
        finishedAt: new Date().toISOString(),
      });
    Object.assign(r, {
      status: 'done',
      progress: 100,
      stage: 'done',
      hasData: true,
      finishedAt: new Date().toISOString(),
      summary: r.kind === 'tenant' ? 'Met 2 of 2 objectives; budget 12 % used.' : '3 tenants: 3 green',
      reportStatus: r.kind === 'tenant' ? 'green' : null,
    });
  }

  async function route(req, res, url, scope) {
    if (req.method === 'GET' && url.pathname === '/v1/reports') {
      const p = queryProblem('/v1/reports', 'get', url.searchParams);
      if (p) return problem(res, 400, 'Bad Request', p);
      const q = Object.fromEntries(url.searchParams);
      const tenants = q.tenant === undefined ? null : q.tenant.split(',');
      if (scope.tenant !== null && q.kind === 'executive')
        return problem(
          res,
          403,
          'Forbidden',
          'executive summaries cover every tenant; a tenant token may not see them',
        );
      if (scope.tenant !== null && tenants !== null && tenants.some((t) => t !== scope.tenant))
        return problem(
          res,
          403,
          'Forbidden',
          `this token may only see the reports of tenant ${scope.tenant}`,
        );
      const shown = reports
        .filter((r) => sees(scope, r))
        .filter(
          (r) =>
            (tenants === null || tenants.includes(r.tenantId)) && (q.kind === undefined || r.kind === q.kind),
        )
        .sort((a, b) => b.weekStart.localeCompare(a.weekStart) || b.id - a.id)
        .slice(0, Number(q.limit ?? '50'));
      return answer(res, 200, 'ReportList', { reports: shown });
    }
    if (req.method === 'POST' && url.pathname === '/v1/reports') {
      if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
        return problem(res, 415, 'Unsupported Media Type', 'send the body as application/json');
      const body = await readJson(req);
      requests.push({ method: 'POST', path: url.pathname, body });
      if (body === undefined) return problem(res, 400, 'Bad Request', 'malformed JSON body');
      const p = schemaProblem('CreateReportRequest', body);
      if (p) return problem(res, 400, 'Bad Request', p);
      if (scope.tenant !== null && body.kind === 'executive')
        return problem(
          res,
          403,
          'Forbidden',
          'executive summaries cover every tenant; a tenant token may not ask for one',
        );
      const tenantId = body.kind === 'executive' ? EXECUTIVE : (body.tenant ?? scope.tenant);
      if (tenantId === null) return problem(res, 400, 'Bad Request', 'tenant: required for a tenant report');
      if (scope.tenant !== null && tenantId !== scope.tenant)
        return problem(
          res,
          403,
          'Forbidden',
          `this token may only ask for the reports of tenant ${scope.tenant}`,
        );
      if (body.kind === 'tenant' && !TENANTS.includes(tenantId))
        return problem(res, 404, 'Not Found', `no tenant ${tenantId}`);
      const week = body.week ?? '2026-W47';
      const found = reports.find(
        (r) => r.kind === body.kind && r.tenantId === tenantId && r.weekLabel === week,
      );
      if (found && !(body.force && (found.status === 'done' || found.status === 'failed'))) {
        res.setHeader('location', `/v1/reports/${found.id}`);
        return answer(res, 200, 'ReportEnvelope', { report: found });
      }
      const id = found?.id ?? Math.max(...reports.map((r) => r.id)) + 1;
      const fresh = report(id, body.kind, tenantId, week, {
        ...STAGES[0],
        trigger: 'on-demand',
        requestedBy: scope.subject,
        attempts: 0,
        startedAt: null,
        finishedAt: null,
        hasData: false,
        emailRecipients: [],
      });
      reports = [...reports.filter((r) => r.id !== id), fresh];
      steps.set(id, 0);
      if (failNext !== null) {
        Object.defineProperty(fresh, 'failWith', { value: failNext, enumerable: false });
        failNext = null;
      }
      res.setHeader('location', `/v1/reports/${id}`);
      return answer(res, 202, 'ReportEnvelope', { report: fresh });
    }
    const recipientsPath = /^\/v1\/reports\/recipients\/([^/]+)$/.exec(url.pathname);
    if (recipientsPath) {
      const tenant = decodeURIComponent(recipientsPath[1]);
      if (tenant !== EXECUTIVE && !/^[a-z0-9_][a-z0-9_-]{0,62}$/.test(tenant))
        return problem(res, 400, 'Bad Request', 'tenant: tenant id must be 1-63 of [a-z0-9_-]');
      const allowed = scope.recipients === 'all' || (scope.recipients === 'own' && tenant === scope.tenant);
      if (!allowed)
        return problem(res, 403, 'Forbidden', 'this token may not see or change these recipients');
      if (req.method === 'PUT') {
        if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
          return problem(res, 415, 'Unsupported Media Type', 'send the body as application/json');
        const body = await readJson(req);
        requests.push({ method: 'PUT', path: url.pathname, body });
        if (body === undefined) return problem(res, 400, 'Bad Request', 'malformed JSON body');
        const p = schemaProblem('ReportRecipientsRequest', body);
        if (p) return problem(res, 400, 'Bad Request', p);
        // The contract's JSON Schema says "email" only as a format, which the checker skips; the api's zod refuses.
        const bad = body.emails.findIndex((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));
        if (bad >= 0) return problem(res, 400, 'Bad Request', `emails.${bad}: Invalid email address`);
        recipients.set(tenant, [...new Set(body.emails.map((e) => e.toLowerCase()))].sort());
      } else if (req.method !== 'GET') return;
      return answer(res, 200, 'ReportRecipients', { tenant, emails: recipients.get(tenant) ?? [] });
    }
    const one = /^\/v1\/reports\/([^/]+)(?:\/(pdf|html|json))?$/.exec(url.pathname);
    if (req.method !== 'GET' || !one) return;
    if (!/^[1-9]\d{0,9}$/.test(one[1]))
      return problem(res, 400, 'Bad Request', 'id: report id must be a positive integer');
    const found = reports.find((r) => r.id === Number(one[1]));
    if (!found || !sees(scope, found)) return problem(res, 404, 'Not Found', `no report ${one[1]}`);
    if (one[2] === undefined) {
      advance(found);
      return answer(res, 200, 'ReportEnvelope', { report: found });
    }
    if (!found.hasData)
      return problem(
        res,
        409,
        'Conflict',
        `report ${found.id} is ${found.status} (${found.stage}, ${found.progress} %): not ready yet`,
      );
    const name = `sightline-${found.kind === 'tenant' ? found.tenantId : 'executive'}-${found.weekLabel}`;
    if (one[2] === 'pdf') {
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${name}.pdf"`,
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'content-disposition, content-security-policy, location',
      });
      return res.end(PDF);
    }
    if (one[2] === 'html') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': `inline; filename="${name}.html"`,
        'content-security-policy': CSP,
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'content-disposition, content-security-policy, location',
      });
      return res.end(
        `<!doctype html><html><head><title>${name}</title></head><body><p>${found.summary}</p></body></html>`,
      );
    }
    return send(res, 200, { kind: 'tenant-weekly' });
  }

  return {
    reset() {
      reports = seed();
      recipients = new Map([['acme', ['cfo@acme.test']]]);
      failNext = null;
      requests.length = 0;
      steps.clear();
    },
    requests,
    async handle(req, res, url) {
      if (req.method === 'POST' && url.pathname === '/test/report-job-failure') {
        const body = await readJson(req);
        failNext = body?.error ?? 'failed';
        return send(res, 204);
      }
      if (req.method === 'GET' && url.pathname === '/test/report-requests') return send(res, 200, requests);
      if (!url.pathname.startsWith('/v1/reports')) return;
      const scope = scopes[req.headers.authorization ?? ''];
      if (scope === undefined) return problem(res, 401, 'Unauthorized', 'A valid token is required.');
      if (!scope.read) return problem(res, 403, 'Forbidden', 'your role may not use this route');
      return route(req, res, url, scope);
    },
  };
}

module.exports = { createFakeReports };
