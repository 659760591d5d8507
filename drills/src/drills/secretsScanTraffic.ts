import { PORTS } from '@sightline/contracts';
import { waitFor } from '@sightline/testing';
import { createHmac } from 'node:crypto';
import type { NotificationFakes } from '../support/startNotificationFakes';
import type { Canaries } from './secretsScanCanaries';

/** Exchange is one request the drill sent and the answer it got (the body kept for answers ≥ 400). */
export interface Exchange {
  label: string;
  status: number;
  body: string;
}

/** TrafficPlan is what the traffic uses: the platform's URLs, the secrets it was started with, the fakes. */
export interface TrafficPlan {
  url: (defaultPort: number) => string;
  canaries: Canaries;
  adminEmail: string;
  adminPassword: string;
  intakeToken: string;
  pagerDutyWebhookSecret: string;
  collectorApiKey: string;
  fakes: NotificationFakes;
  /** rounds is how many times the gateway and api mix is sent. */
  rounds: number;
  log: (line: string) => void;
}

/** TrafficResult is every exchange, and counts that show the traffic reached what it was meant to. */
export interface TrafficResult {
  exchanges: Exchange[];
  counts: Record<string, number>;
}

const ALERTNAME = 'DrillSecretsScan';

/**
 * driveTraffic uses the platform as its users and integrations do, with the run's canaries in every place a user
 * can put them: logins (good, wrong and locked out), an API key, a tenant user, an OAuth client, gateway requests
 * with PII in headers, query strings and bodies, api searches, OTLP sent straight to the collector, an alert paged
 * out through the (failing, echoing) fakes, and malformed or unauthorised requests that provoke error bodies.
 */
export async function driveTraffic(p: TrafficPlan): Promise<TrafficResult> {
  const c = p.canaries;
  const exchanges: Exchange[] = [];
  const counts: Record<string, number> = {};
  const count = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
  const API = p.url(PORTS.api);
  const AUTH = p.url(PORTS.auth);
  const GATEWAY = p.url(PORTS.gateway);
  const COLLECTOR = p.url(PORTS.collector);
  const ALERTING = p.url(PORTS.alerting);
  const CONSOLE = p.url(PORTS.dashboard);

  const send = async (
    label: string,
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; text: string }> => {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    exchanges.push({ label, status: res.status, body: res.status >= 400 ? text : '' });
    return { status: res.status, text };
  };
  const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  // Logins through the api, as the console makes them.
  const login = async (email: string, password: string) => {
    const r = await send('POST api /v1/auth/login', `${API}/v1/auth/login`, json({ email, password }));
    if (r.status !== 200) throw new Error(`login as ${email} answered ${r.status}: ${r.text.slice(0, 200)}`);
    const s = JSON.parse(r.text) as { accessToken: string; refreshToken: string };
    c.secret(`access token (${email === p.adminEmail ? 'admin' : 'tenant user'})`, s.accessToken);
    c.secret(`refresh token (${email === p.adminEmail ? 'admin' : 'tenant user'})`, s.refreshToken);
    count('logins ok');
    return s;
  };
  const admin = await login(p.adminEmail, p.adminPassword);
  const wrongPassword = c.token('a mistyped password', 'cnryWrongPw-');
  for (const email of [p.adminEmail, c.email('e-mail in a failed login')]) {
    const r = await send(
      'POST api /v1/auth/login (wrong password)',
      `${API}/v1/auth/login`,
      json({ email, password: wrongPassword }),
    );
    if (r.status === 401) count('logins refused');
  }
  // Straight to auth, which trusts loopback proxies: the canary address is the client's, and the account locks.
  const lockedEmail = c.email('e-mail of a locked-out login');
  const clientIp = c.ipv4('client IPv4 address (X-Forwarded-For)');
  for (let i = 0; i < 6; i++) {
    const r = await send(
      'POST auth /v1/auth/login (lockout)',
      `${AUTH}/v1/auth/login`,
      json({ email: lockedEmail, password: wrongPassword }, { 'x-forwarded-for': clientIp }),
    );
    if (r.status === 429) count('logins locked out');
  }
  const refreshed = await send(
    'POST api /v1/auth/refresh',
    `${API}/v1/auth/refresh`,
    json({ refreshToken: admin.refreshToken }),
  );
  if (refreshed.status === 200) {
    const s = JSON.parse(refreshed.text) as { accessToken: string; refreshToken: string };
    c.secret('access token (admin, refreshed)', s.accessToken);
    c.secret('refresh token (admin, rotated)', s.refreshToken);
    // The first refresh token again: reuse of a rotated token, which revokes the family and is logged.
    await send(
      'POST api /v1/auth/refresh (reused)',
      `${API}/v1/auth/refresh`,
      json({ refreshToken: admin.refreshToken }),
    );
  }
  const adminToken = (await login(p.adminEmail, p.adminPassword)).accessToken;

  // Credentials the platform hands out: an API key, a tenant user, an OAuth client.
  const keyRes = await send(
    'POST auth api-keys',
    `${AUTH}/admin/v1/tenants/acme/api-keys`,
    json({ name: 'drill' }, bearer(adminToken)),
  );
  if (keyRes.status !== 201)
    throw new Error(`creating an API key answered ${keyRes.status}: ${keyRes.text.slice(0, 200)}`);
  const apiKey = (JSON.parse(keyRes.text) as { key: string }).key;
  c.secret('API key', apiKey);
  // The first 16 characters are its public prefix, shown in lists; the rest is the secret.
  c.secret('API key (secret part)', apiKey.slice(16));
  const userEmail = c.email('e-mail of a tenant user');
  const userPassword = c.token('password of a tenant user', 'cnryUserPw-');
  const userRes = await send(
    'POST auth users',
    `${AUTH}/admin/v1/users`,
    json(
      { email: userEmail, password: userPassword, tenantId: 'acme', roles: ['developer'] },
      bearer(adminToken),
    ),
  );
  if (userRes.status !== 201)
    throw new Error(`creating a user answered ${userRes.status}: ${userRes.text.slice(0, 200)}`);
  const user = await login(userEmail, userPassword);
  const clientRes = await send(
    'POST auth clients',
    `${AUTH}/admin/v1/tenants/acme/clients`,
    json({ name: 'drill', roles: ['viewer'] }, bearer(adminToken)),
  );
  if (clientRes.status !== 201)
    throw new Error(`creating a client answered ${clientRes.status}: ${clientRes.text.slice(0, 200)}`);
  const client = JSON.parse(clientRes.text) as { clientId: string; clientSecret: string };
  c.secret('OAuth client secret', client.clientSecret);
  const form = (secret: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: secret,
    }).toString(),
  });
  const tokenRes = await send('POST auth /oauth/token', `${AUTH}/oauth/token`, form(client.clientSecret));
  if (tokenRes.status === 200) {
    c.secret(
      'client-credentials access token',
      (JSON.parse(tokenRes.text) as { access_token: string }).access_token,
    );
    count('client tokens');
  }
  await send(
    'POST auth /oauth/token (wrong secret)',
    `${AUTH}/oauth/token`,
    form(c.token('a wrong client secret', 'cnryWrongSecret-')),
  );

  // The gateway mix: PII in headers, query strings and bodies, with every credential form, good and bad.
  const email = c.email('e-mail in requests (header, query, body)');
  const ip = c.ipv4('IPv4 address in requests');
  const ip6 = c.ipv6('IPv6 address in requests');
  const card = c.card('card number in requests');
  const badKey = c.token('an unknown API key', 'sl_live_cnry');
  const badBearer = c.token('a forged bearer token', 'cnryForged');
  const piiHeaders = {
    'x-customer-email': email,
    'x-forwarded-for': `${ip}, ${ip6}`,
    'x-real-ip': ip,
    'x-card-number': card,
    'user-agent': `drill/1.0 (${email})`,
  };
  const pathEmail = c.email('e-mail in a URL path');
  const query = new URLSearchParams({ email, card, ip, ip6 }).toString();
  const body = JSON.stringify({
    customer: { email, ip, card: card.match(/\d{4}/g)!.join(' ') },
    note: `call ${email} from ${ip6}`,
  });
  const credentials: Array<[string, Record<string, string>]> = [
    ['x-api-key', { 'x-api-key': apiKey }],
    ['Bearer API key', bearer(apiKey)],
    ['Bearer JWT', bearer(user.accessToken)],
    ['unknown API key', { 'x-api-key': badKey }],
    ['forged bearer', bearer(badBearer)],
  ];
  for (let round = 0; round < p.rounds; round++) {
    for (const [how, cred] of credentials) {
      const g = await send(`GET gateway /api/orders (${how})`, `${GATEWAY}/api/orders?${query}`, {
        headers: { ...piiHeaders, ...cred },
      });
      count(`gateway ${g.status}`);
      const q = await send(`POST gateway /api/orders (${how})`, `${GATEWAY}/api/orders?${query}`, {
        method: 'POST',
        headers: { ...piiHeaders, ...cred, 'content-type': 'application/json' },
        body,
      });
      count(`gateway ${q.status}`);
    }
    // PII in the path itself (`/customers/<e-mail>`), which the gateway and the demo upstream log as the route.
    const path = await send(
      'GET gateway /api/customers/<e-mail>',
      `${GATEWAY}/api/customers/${pathEmail}/orders`,
      { headers: { 'x-api-key': apiKey } },
    );
    count(`gateway ${path.status}`);
    // The api, as the console and scripts use it: searches with PII, bad tokens, bad parameters.
    const apiCalls: Array<[string, string, Record<string, string>]> = [
      ['logs search', `/v1/logs?${new URLSearchParams({ tenant: 'acme', q: email })}`, bearer(adminToken)],
      [
        'logs search (card)',
        `/v1/logs?${new URLSearchParams({ tenant: 'acme', q: card })}`,
        bearer(adminToken),
      ],
      ['tenants', '/v1/tenants', bearer(user.accessToken)],
      ['tenants (forged bearer)', '/v1/tenants', bearer(badBearer)],
      ['tenants (API key as bearer)', '/v1/tenants', bearer(apiKey)],
      ['sla (bad tenant)', `/v1/tenants/${encodeURIComponent(email)}/sla`, bearer(adminToken)],
      [
        'logs (bad parameters)',
        `/v1/logs?${new URLSearchParams({ tenant: 'acme', from: email, limit: card })}`,
        bearer(adminToken),
      ],
      ['trace (bad id)', `/v1/traces/${card}`, bearer(adminToken)],
    ];
    for (const [what, path, headers] of apiCalls) {
      const r = await send(`GET api ${what}`, `${API}${path}`, {
        headers: { ...headers, 'x-forwarded-for': ip },
      });
      count(`api ${r.status}`);
    }
  }
  // Malformed bodies and requests that provoke error answers, with secrets inside them.
  await send('POST api login (malformed JSON)', `${API}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"email":"${email}","password":"${wrongPassword}"`,
  });
  await send(
    'POST api login (not an e-mail)',
    `${API}/v1/auth/login`,
    json({ email: card, password: wrongPassword }),
  );
  await send(
    'POST api login (unknown field)',
    `${API}/v1/auth/login`,
    json({ email, password: wrongPassword, card }),
  );
  await send(
    'POST auth users (invalid)',
    `${AUTH}/admin/v1/users`,
    json({ email, password: 'short', tenantId: 'acme', roles: ['nobody'] }, bearer(adminToken)),
  );
  await send('POST gateway auth route (malformed JSON)', `${GATEWAY}/auth/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: `{"email":"${email}","password":"${wrongPassword}",`,
  });
  await send(
    'POST gateway auth route (wrong password)',
    `${GATEWAY}/auth/v1/auth/login`,
    json({ email, password: wrongPassword }, { 'x-forwarded-for': ip }),
  );
  await send('GET gateway (dot segments)', `${GATEWAY}/api/%2e%2e/orders?${query}`, {
    headers: { 'x-api-key': apiKey },
  });
  await send('GET gateway (oversized header)', `${GATEWAY}/api/orders`, {
    headers: { 'x-api-key': apiKey, 'x-customer-email': `${email} ${'x'.repeat(20_000)}` },
  }).catch(() => undefined);
  await send('POST auth token (Basic, wrong secret)', `${AUTH}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${wrongPassword}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  await send('GET console login page (PII in query)', `${CONSOLE}/login?${query}`, { headers: piiHeaders });
  await send('GET console trace page (PII in query)', `${CONSOLE}/traces/${'0'.repeat(32)}?${query}`, {
    headers: piiHeaders,
  });

  // An instrumented application sending OTLP straight to the collector, with PII where applications put it.
  const now = `${Date.now()}000000`;
  const attrs = [
    { key: 'enduser.email', value: { stringValue: email } },
    { key: 'client.address', value: { stringValue: ip } },
    { key: 'http.request.header.x-forwarded-for', value: { stringValue: `${ip}, ${ip6}` } },
    { key: 'payment.card', value: { stringValue: card } },
    { key: 'http.request.header.authorization', value: { stringValue: `Bearer ${user.accessToken}` } },
    { key: 'url.query', value: { stringValue: query } },
  ];
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'drill-shop' } }] };
  const traceId = Buffer.from(c.id.padEnd(16, '0')).toString('hex').slice(0, 32);
  const spans = {
    resourceSpans: [
      {
        resource,
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: traceId.slice(0, 16),
                name: 'checkout',
                kind: 2,
                startTimeUnixNano: now,
                endTimeUnixNano: now,
                attributes: attrs,
                status: { code: 2, message: `card ${card} declined for ${email} at ${ip}` },
              },
            ],
          },
        ],
      },
    ],
  };
  const logs = {
    resourceLogs: [
      {
        resource,
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: now,
                severityNumber: 17,
                severityText: 'ERROR',
                body: {
                  stringValue: `payment failed for ${email} (${ip}, ${ip6}) card ${card.match(/\d{4}/g)!.join('-')} Authorization: Bearer ${user.accessToken}`,
                },
                attributes: attrs,
                traceId,
              },
            ],
          },
        ],
      },
    ],
  };
  for (const [path, payload] of [
    ['/v1/traces', spans],
    ['/v1/logs', logs],
  ] as const) {
    const r = await send(
      `POST collector ${path}`,
      `${COLLECTOR}${path}`,
      json(payload, { 'x-api-key': p.collectorApiKey }),
    );
    if (r.status === 200) count('otlp accepted');
    await send(
      `POST collector ${path} (unknown key)`,
      `${COLLECTOR}${path}`,
      json(payload, { 'x-api-key': badKey }),
    );
  }
  await send('POST collector /v1/logs (malformed)', `${COLLECTOR}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': p.collectorApiKey },
    body: `{"resourceLogs":[{"note":"${email} ${card}"`,
  });

  // An alert paged out through a policy of our own: PagerDuty and Slack from the environment, and e-mail.
  const recipient = c.email('e-mail of an alert recipient');
  p.fakes.smtp.reject(450, 'rcpt', `4.2.0 <${recipient}>: Recipient address rejected: try again later`);
  const config = async (what: string, body: unknown) => {
    const r = await send(
      `POST api /v1/alerting/${what}`,
      `${API}/v1/alerting/${what}`,
      json(body, bearer(adminToken)),
    );
    if (r.status !== 201)
      throw new Error(`creating alerting ${what} answered ${r.status}: ${r.text.slice(0, 300)}`);
  };
  await config('channels', {
    id: 'drill-email',
    name: 'Drill e-mail',
    config: { type: 'email', to: [recipient] },
  });
  await config('policies', {
    id: 'drill-policy',
    name: 'Drill policy',
    steps: [
      {
        targets: ['env-pagerduty', 'env-slack', 'drill-email'].map((id) => ({ type: 'channel', id })),
        waitMinutes: 15,
      },
    ],
  });
  await config('routes', {
    id: 'drill-route',
    name: 'Drill route',
    parentId: 'root',
    matchers: [{ name: 'alertname', type: '=', value: ALERTNAME }],
    groupWaitSeconds: 1,
    policyId: 'drill-policy',
  });
  const alert = [
    {
      labels: { alertname: ALERTNAME, tenant: 'acme', severity: 'page' },
      annotations: { summary: 'secrets scan drill' },
    },
  ];
  const posted = await send(
    'POST alerting /api/v2/alerts',
    `${ALERTING}/api/v2/alerts`,
    json(alert, bearer(p.intakeToken)),
  );
  if (posted.status === 200) count('alerts accepted');
  await send(
    'POST alerting /api/v2/alerts (wrong token)',
    `${ALERTING}/api/v2/alerts`,
    json(alert, bearer(wrongPassword)),
  );
  await send('POST alerting /api/v1/pagerduty (bad signature)', `${ALERTING}/api/v1/pagerduty`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pagerduty-signature': `v1=${'0'.repeat(64)}` },
    body: JSON.stringify({ event: { event_type: 'incident.acknowledged', data: { id: 'X' } } }),
  });
  const webhook = JSON.stringify({
    event: { event_type: 'incident.acknowledged', data: { id: 'PDRILL', incident_key: 'unknown' } },
  });
  const signed = await send('POST alerting /api/v1/pagerduty (signed)', `${ALERTING}/api/v1/pagerduty`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-pagerduty-signature': `v1=${createHmac('sha256', p.pagerDutyWebhookSecret).update(webhook).digest('hex')}`,
    },
    body: webhook,
  });
  if (signed.status === 202) count('signed webhooks accepted');
  p.log('waiting for the page to reach PagerDuty, Slack and the SMTP relay (each refuses the first try)');
  await waitFor(
    () => p.fakes.received.pagerduty >= 1 && p.fakes.received.slack >= 2 && p.fakes.smtp.messages.length >= 1,
    45_000,
    200,
  ).catch(() => undefined);
  count('pagerduty requests', p.fakes.received.pagerduty);
  count('slack requests', p.fakes.received.slack);
  count('e-mails delivered', p.fakes.smtp.messages.length);
  return { exchanges, counts };
}
