import { trace } from '@opentelemetry/api';
import {
  aimedRow,
  cellOutcome,
  MATRIX_ROLES,
  matrixColumns,
  matrixShapeProblems,
  matrixTokenKey,
  registeredRoutes,
  rowMismatches,
  sameRow,
  TestIssuer,
  tenantMarks,
  UNKNOWN_SIGNER_KEY,
} from '@sightline/testing';
import type { MatrixColumn, MatrixRequest, MatrixRow, MatrixTable } from '@sightline/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { AuthAppDeps } from '../src/http/createAuthApp';
import { createAuthApp } from '../src/http/createAuthApp';
import type { AuthHarness } from './support/startAuthHarness';
import { ADMIN_EMAIL, ADMIN_PASSWORD, INTERNAL_TOKEN, startAuthHarness } from './support/startAuthHarness';

// The authorization matrix of auth: every route createAuthApp registers × every role × own tenant, other tenant and
// a platform token, plus no token and a token from a signer auth never published. The admin routes admit a platform
// super_admin anywhere and a tenant_admin inside its own tenant; the session, OAuth and health routes take no access
// token, and the internal routes only the internal token.

/** AuthRequest is a cell's request; auth's token endpoint takes a form, and the refresh row reads its answers. */
type AuthRequest = MatrixRequest & {
  /** form sends the body as application/x-www-form-urlencoded. */
  form?: boolean;
  /** seen reads an allowed answer (the refresh row keeps the rotated token for the next cell). */
  seen?: (text: string) => void;
};

let h: AuthHarness;
const tokens = new Map<string, string>();
// Ids made in beforeAll: a user, an API key and a client of each tenant for the routes that disable or revoke one.
const made = new Map<string, string>();
let client = { clientId: '', clientSecret: '' };
// One session whose refresh token each cell of the refresh row rotates in turn (a token is good once).
let refreshToken = '';
let serial = 0;

const login = () => h.login(ADMIN_EMAIL, ADMIN_PASSWORD);
const A = '/admin/v1';

/** REQUESTS is what each row of MATRIX sends. */
const REQUESTS: Record<string, MatrixRow<AuthRequest>> = {
  'GET /healthz': sameRow('GET', '/healthz'),
  'GET /readyz': sameRow('GET', '/readyz'),
  'GET /metrics': sameRow('GET', '/metrics'),
  'GET /.well-known/jwks.json': sameRow('GET', '/.well-known/jwks.json'),
  'POST /v1/auth/login': sameRow('POST', '/v1/auth/login', {
    body: () => ({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  }),
  'POST /v1/auth/refresh': sameRow('POST', '/v1/auth/refresh', {
    body: () => ({ refreshToken }),
    seen: (text: string) => ({ refreshToken } = JSON.parse(text) as { refreshToken: string }),
  }),
  'POST /v1/auth/logout': sameRow('POST', '/v1/auth/logout', {
    body: async () => ({ refreshToken: (await login()).refreshToken }),
    status: 204,
  }),
  // The client authenticates with its secret in the form; an access token beside it is a second method. The token
  // endpoint refuses in JSON, not problem+json (RFC 6749 §5.2).
  'POST /oauth/token': sameRow('POST', '/oauth/token', {
    body: () => ({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
    form: true,
    refusal: 'application/json',
  }),
  // Any other method of the token endpoint is refused whoever asks.
  '* /oauth/token': sameRow('GET', '/oauth/token', { refusal: 'application/json' }),
  [`POST ${A}/users`]: aimedRow('POST', () => `${A}/users`, {
    body: (t) => ({
      email: `new-${++serial}@${t}.test`,
      password: 'a new user pw 123',
      tenantId: t,
      roles: ['developer'],
    }),
    status: 201,
  }),
  [`GET ${A}/users`]: aimedRow('GET', (t) => `${A}/users?tenant=${t}`),
  [`DELETE ${A}/users/:id`]: aimedRow('DELETE', (t) => `${A}/users/${made.get(`user ${t}`)}`, {
    status: 204,
    shows: false,
  }),
  [`POST ${A}/tenants/:tenant/api-keys`]: aimedRow('POST', (t) => `${A}/tenants/${t}/api-keys`, {
    body: () => ({ name: 'matrix' }),
    status: 201,
  }),
  [`GET ${A}/tenants/:tenant/api-keys`]: aimedRow('GET', (t) => `${A}/tenants/${t}/api-keys`),
  [`DELETE ${A}/tenants/:tenant/api-keys/:id`]: aimedRow(
    'DELETE',
    (t) => `${A}/tenants/${t}/api-keys/${made.get(`api key ${t}`)}`,
    { status: 204, shows: false },
  ),
  [`POST ${A}/tenants/:tenant/clients`]: aimedRow('POST', (t) => `${A}/tenants/${t}/clients`, {
    body: () => ({ name: 'matrix bot', roles: ['viewer'] }),
    status: 201,
  }),
  [`GET ${A}/tenants/:tenant/clients`]: aimedRow('GET', (t) => `${A}/tenants/${t}/clients`),
  [`DELETE ${A}/tenants/:tenant/clients/:id`]: aimedRow(
    'DELETE',
    (t) => `${A}/tenants/${t}/clients/${made.get(`client ${t}`)}`,
    { status: 204, shows: false },
  ),
  [`POST ${A}/signing-keys/rotate`]: sameRow('POST', `${A}/signing-keys/rotate`),
  [`GET ${A}/audit`]: aimedRow('GET', (t) => `${A}/audit?tenant=${t}`),
  'POST /internal/v1/api-keys/verify': sameRow('POST', '/internal/v1/api-keys/verify', {
    body: () => ({ key: 'sl_demo_acme_8f3c2a91d4e54b7f9a1c' }),
  }),
  'GET /internal/v1/api-keys/revocations': sameRow('GET', '/internal/v1/api-keys/revocations?after=0'),
  'POST /internal/v1/erasure/tenants/:tenant': aimedRow('POST', (t) => `/internal/v1/erasure/tenants/${t}`, {
    shows: false,
  }),
};

/**
 * MATRIX is the expected outcome of every cell. Columns: the six roles with a token of tenant acme asking about
 * acme (own), the same tokens asking about globex (other), the six roles with a platform token (no tenant) asking
 * about globex, then no token and a token signed by a key auth never published. auth's API creates neither a
 * super_admin of a tenant nor a platform tenant_admin; those two users are written to its table directly, to show
 * that such a row would open nothing either.
 *
 *   ok   allowed: the row's 2xx status, and the answer shows the tenant asked about
 *   4xx  refused with that status, and no tenant's data in the body
 */
// prettier-ignore
const MATRIX: MatrixTable = [
  //                                                  own tenant (acme token)  | other tenant (acme token) | platform token            | none bad
  //                                                  SA  SRE TA  DEV EXE VWR  | SA  SRE TA  DEV EXE VWR   | SA  SRE TA  DEV EXE VWR   |
  ['GET /healthz',                                   'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /readyz',                                    'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /metrics',                                   'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /.well-known/jwks.json',                     'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /v1/auth/login',                            'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /v1/auth/refresh',                          'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /v1/auth/logout',                           'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /oauth/token',                              '400 400 400 400 400 400  | 400 400 400 400 400 400   | 400 400 400 400 400 400   | ok  400'],
  ['* /oauth/token',                                 '405 405 405 405 405 405  | 405 405 405 405 405 405   | 405 405 405 405 405 405   | 405 405'],
  ['POST /admin/v1/users',                           '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/users',                            '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/users/:id',                     '403 403 ok  403 403 403  | 403 403 404 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /admin/v1/tenants/:tenant/api-keys',        '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tenants/:tenant/api-keys',         '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/tenants/:tenant/api-keys/:id',  '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /admin/v1/tenants/:tenant/clients',         '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tenants/:tenant/clients',          '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/tenants/:tenant/clients/:id',   '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /admin/v1/signing-keys/rotate',             '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/audit',                            '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /internal/v1/api-keys/verify',              '401 401 401 401 401 401  | 401 401 401 401 401 401   | 401 401 401 401 401 401   | 401 401'],
  ['GET /internal/v1/api-keys/revocations',          '401 401 401 401 401 401  | 401 401 401 401 401 401   | 401 401 401 401 401 401   | 401 401'],
  ['POST /internal/v1/erasure/tenants/:tenant',      '401 401 401 401 401 401  | 401 401 401 401 401 401   | 401 401 401 401 401 401   | 401 401'],
];

const CODES = new Set(['ok', '400', '401', '403', '404', '405']);
const MARKS = tenantMarks(['acme', 'globex'], (t) => [
  `"tenantId":"${t}"`,
  `"tenant_id":"${t}"`,
  `"tenant":"${t}"`,
  `@${t}.test`,
]);
const COLUMNS = matrixColumns(tokens);

/** listAuthRoutes builds auth's app as startAuth does; its services are not used until a request. */
function listAuthRoutes(): string[] {
  const deps: AuthAppDeps = {
    services: { logger: pino({ level: 'silent' }) } as never,
    registry: new Registry(),
    tracer: trace.getTracer('route-listing'),
    internalToken: INTERNAL_TOKEN,
    trustedProxies: [],
    ready: () => Promise.resolve(true),
  };
  return registeredRoutes(createAuthApp(deps));
}

beforeAll(async () => {
  h = await startAuthHarness({ LOG_LEVEL: 'warn' });
  const admin = await h.adminToken();
  const asAdmin = async (path: string, body: unknown) => {
    const res = await h.post(path, body, { authorization: `Bearer ${admin}` });
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  for (const t of ['acme', 'globex']) {
    made.set(
      `user ${t}`,
      (
        await asAdmin(`${A}/users`, {
          email: `victim@${t}.test`,
          password: 'victim password 1',
          tenantId: t,
          roles: ['viewer'],
        })
      ).id!,
    );
    made.set(`api key ${t}`, (await asAdmin(`${A}/tenants/${t}/api-keys`, { name: 'victim' })).id!);
    made.set(
      `client ${t}`,
      (await asAdmin(`${A}/tenants/${t}/clients`, { name: 'victim', roles: ['viewer'] })).id!,
    );
  }
  const bot = await asAdmin(`${A}/tenants/acme/clients`, { name: 'matrix bot', roles: ['viewer'] });
  client = { clientId: bot.clientId!, clientSecret: bot.clientSecret! };
  ({ refreshToken } = await login());
  // Every principal is a user with the admin's password hash, so each logs in once and holds a real token.
  for (const r of MATRIX_ROLES)
    for (const [scope, tenant] of [
      ['acme', 'acme'],
      ['platform', null],
    ] as const) {
      const email = `${r.replace('_', '-')}@${scope}.matrix`;
      await h.sql.query(
        `insert into auth.users (email, password_hash, tenant_id, roles, created_by)
         select $1, password_hash, $2, $3, 'matrix' from auth.users where email = $4`,
        [email, tenant, [r], ADMIN_EMAIL],
      );
      tokens.set(matrixTokenKey(tenant, r), (await h.login(email, ADMIN_PASSWORD)).accessToken);
    }
  // The same key id as auth's own key, so auth checks the signature rather than looking for another key.
  const jwks = (await (await h.get('/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
  const stranger = await TestIssuer.create(jwks.keys[0]!.kid);
  tokens.set(
    UNKNOWN_SIGNER_KEY,
    await stranger.sign({ tenant: null, roles: ['super_admin'], sub: made.get('user acme') }),
  );
});

afterAll(async () => {
  await h?.close();
});

/** outcome sends a cell's request and names what came back in the table's terms, with any data that leaked. */
async function outcome(req: AuthRequest, column: MatrixColumn): Promise<string> {
  const body = await req.body?.();
  const token = column.token();
  const res = await fetch(`${h.base}${req.path()}`, {
    method: req.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined
        ? {}
        : { 'content-type': req.form ? 'application/x-www-form-urlencoded' : 'application/json' }),
    },
    ...(body === undefined
      ? {}
      : {
          body: req.form
            ? new URLSearchParams(body as Record<string, string>).toString()
            : JSON.stringify(body),
        }),
  });
  const text = await res.text();
  if (res.status === req.status) req.seen?.(text);
  return cellOutcome({ status: res.status, contentType: res.headers.get('content-type'), text }, req, MARKS);
}

describe('auth’s authorization matrix', () => {
  it('has one table row, and one request, for every route auth registers and for no other', () => {
    const routes = listAuthRoutes();
    expect(
      matrixShapeProblems({ table: MATRIX, requests: REQUESTS, routes, codes: CODES, columns: COLUMNS }),
    ).toEqual([]);
  });

  it.each(MATRIX)('%s answers every principal as its row says', async (row, cells) => {
    const mismatches = await rowMismatches(cells, COLUMNS, (column) =>
      outcome(REQUESTS[row]![column.request], column),
    );
    expect(mismatches).toEqual([]);
  });
});
