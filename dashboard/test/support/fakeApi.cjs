// A stand-in for the api's console-facing surface (login, tenants, Socket.io sla:update) for dashboard tests
// and local previews. It answers like the real api: problem+json errors, Bearer tokens, `auth: { token }`.
// POST /test/emit broadcasts its JSON body as `sla:update`, so a test decides when updates arrive. Alert groups and
// silences come from fakeAlertEngine.cjs, weekly reports from fakeReports.cjs, and the tenant page's history, failing
// routes, incidents and limits from fakeTenantActivity.cjs (all checked against the api's OpenAPI contract);
// POST /test/reset re-seeds them.
const http = require('node:http');
const { Server } = require('socket.io');
const { createFakeAlertEngine } = require('./fakeAlertEngine.cjs');
const { createFakeReports } = require('./fakeReports.cjs');
const { createFakeTenantActivity } = require('./fakeTenantActivity.cjs');

const TOKEN = process.env.FAKE_TOKEN || 'test-token';
// A developer may read alerts and silences but not act on them.
const DEVELOPER_TOKEN = 'developer-token';
// acme's tenant_admin: sees acme only (tenants, reports, report recipients).
const TENANT_ADMIN_TOKEN = 'tenant-admin-token';
// acme's viewer: sees who is on call, read only, and no alerts.
const VIEWER_TOKEN = 'viewer-token';
const EMAIL = 'sre@example.com';
const PASSWORD = 'correct horse';
const TENANTS = [
  { id: 'acme', name: 'Acme Corp', tier: 'enterprise', timezone: 'Europe/Berlin' },
  { id: 'globex', name: 'Globex', tier: 'pro', timezone: 'America/New_York' },
  { id: 'initech', name: 'Initech', tier: 'free', timezone: 'UTC' },
];

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
// 120 acme lines, newest first, every third one in TRACE; enough for two pages of the explorer's 50 and a third.
const LOGS = Array.from({ length: 120 }, (_, i) => ({
  id: String(1000 - i),
  time: new Date(Date.UTC(2026, 10, 25, 12, 0, 0) - i * 1000).toISOString(),
  tenantId: 'acme',
  service: i % 2 === 0 ? 'gateway' : 'auth',
  severityText: i % 10 === 0 ? 'ERROR' : 'INFO',
  severityNumber: i % 10 === 0 ? 17 : 9,
  body: `line ${i} ${i % 10 === 0 ? 'upstream timed out' : 'request served'}`,
  traceId: i % 3 === 0 ? TRACE : null,
  spanId: i % 3 === 0 ? '00f067aa0ba902b7' : null,
  attributes: {},
}));
const LOG_REQUESTS = [];

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function problem(res, status, title, detail) {
  send(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

function readJson(req) {
  return new Promise((resolve) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(raw));
      } catch {
        resolve(undefined);
      }
    });
  });
}

const alertEngine = createFakeAlertEngine({
  tokens: {
    [`Bearer ${TOKEN}`]: 'sre',
    [`Bearer ${DEVELOPER_TOKEN}`]: 'developer',
    [`Bearer ${TENANT_ADMIN_TOKEN}`]: 'tenant_admin',
    [`Bearer ${VIEWER_TOKEN}`]: 'viewer',
  },
  send,
  problem,
  readJson,
});

const reports = createFakeReports({
  scopes: {
    [`Bearer ${TOKEN}`]: { read: true, tenant: null, recipients: 'all', subject: 'u1' },
    [`Bearer ${TENANT_ADMIN_TOKEN}`]: {
      read: true,
      tenant: 'acme',
      recipients: 'own',
      subject: 'u-acme-admin',
    },
    [`Bearer ${DEVELOPER_TOKEN}`]: { read: false },
  },
  send,
  problem,
  readJson,
});

const activity = createFakeTenantActivity({
  scopes: {
    [`Bearer ${TOKEN}`]: null,
    [`Bearer ${DEVELOPER_TOKEN}`]: null,
    [`Bearer ${TENANT_ADMIN_TOKEN}`]: 'acme',
  },
  send,
  problem,
});

const server = http.createServer(async (req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    });
    return res.end();
  }
  if (req.method === 'POST' && req.url === '/v1/auth/login') {
    const body = await readJson(req);
    if (!body || typeof body.email !== 'string' || typeof body.password !== 'string') {
      return problem(res, 400, 'Bad Request', 'email and password are required');
    }
    if (body.email !== EMAIL || body.password !== PASSWORD) {
      return problem(res, 401, 'Unauthorized', 'Email or password is wrong.');
    }
    return send(res, 200, {
      accessToken: TOKEN,
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: 'u1', email: EMAIL, tenantId: null, roles: ['sre'] },
    });
  }
  if (req.method === 'GET' && req.url === '/v1/tenants') {
    // Like the api, a tenant token lists its own tenant only.
    if (req.headers.authorization === `Bearer ${TENANT_ADMIN_TOKEN}`)
      return send(
        res,
        200,
        TENANTS.filter((t) => t.id === 'acme'),
      );
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return problem(res, 401, 'Unauthorized', 'A valid token is required.');
    return send(res, 200, TENANTS);
  }
  const url = new URL(req.url, 'http://fake');
  if (req.method === 'GET' && url.pathname === '/v1/logs') {
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return problem(res, 401, 'Unauthorized', 'A valid token is required.');
    LOG_REQUESTS.push(url.search);
    const tenant = url.searchParams.get('tenant');
    if (tenant === null)
      return problem(res, 400, 'Bad Request', 'tenant is required for a platform-wide token');
    if (tenant === 'globex') return problem(res, 403, 'Forbidden', 'this token may not see that tenant');
    const q = url.searchParams.get('q');
    const traceId = url.searchParams.get('traceId');
    const matching = LOGS.filter(
      (l) =>
        l.tenantId === tenant &&
        (q === null || l.body.includes(q)) &&
        (traceId === null || l.traceId === traceId),
    );
    const limit = Number(url.searchParams.get('limit') || '100');
    const offset = Number(url.searchParams.get('cursor') || '0');
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    return send(res, 200, { logs: page, nextCursor: next });
  }
  if (req.method === 'GET' && /^\/v1\/tenants\/[^/]+\/services$/.test(url.pathname)) {
    return send(res, 200, {
      services: [
        { service: 'auth', lastSeen: '2026-11-25T12:00:00.000000Z' },
        { service: 'gateway', lastSeen: '2026-11-25T12:00:00.000000Z' },
      ],
    });
  }
  activity.handle(req, res, url);
  if (res.writableEnded) return;
  await alertEngine.handle(req, res, url);
  if (res.writableEnded) return;
  await reports.handle(req, res, url);
  if (res.writableEnded) return;
  if (req.method === 'POST' && url.pathname === '/test/reset') {
    alertEngine.reset();
    reports.reset();
    activity.reset();
    return send(res, 204);
  }
  if (req.method === 'GET' && url.pathname === '/test/silence-requests') {
    return send(res, 200, alertEngine.silenceRequests);
  }
  if (req.method === 'GET' && url.pathname === '/test/activity-requests') {
    return send(res, 200, activity.requests);
  }
  if (req.method === 'GET' && url.pathname === '/test/log-requests') {
    return send(res, 200, LOG_REQUESTS);
  }
  if (req.method === 'POST' && req.url === '/test/emit') {
    io.emit('sla:update', await readJson(req));
    return send(res, 204);
  }
  problem(res, 404, 'Not Found', `${req.method} ${req.url}`);
});

const io = new Server(server, { cors: { origin: '*' } });
io.use((socket, next) => (socket.handshake.auth?.token === TOKEN ? next() : next(new Error('unauthorized'))));

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ port });
  else process.stdout.write(`fake api on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  server.close(() => process.exit(0));
});
