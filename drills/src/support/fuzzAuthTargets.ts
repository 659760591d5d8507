import {
  AuditQueryParams,
  CreateApiKeyRequest,
  CreateClientRequest,
  CreateUserRequest,
  LoginRequest,
  RefreshRequest,
} from '@sightline/contracts';
import fc from 'fast-check';
import { z } from 'zod';
import { fuzzAuthHeader } from './fuzzAuthHeader';
import { fuzzQuery } from './fuzzQuery';
import type { FuzzRoute } from './fuzzRoutes';
import { fuzzRoutes } from './fuzzRoutes';
import type { JsonSchema } from './fuzzSchema';
import { fuzzSchema } from './fuzzSchema';
import type { FuzzStage } from './fuzzStage';
import type { FuzzTarget } from './fuzzTarget';
import { hostileString } from './fuzzValues';

/** valid generates values of a contracts schema, through its JSON Schema (refinements are left to the service). */
function valid(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fuzzSchema(json, { components: {} });
}

const tenant = fc.oneof(
  fc.constantFrom('acme', 'globex', 'initech'),
  fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
);
const uuid = fc.oneof(fc.uuid(), fc.constant('00000000-0000-0000-0000-000000000000'));
const FORM = 'application/x-www-form-urlencoded';

/** oauthRequests generates client-credentials token requests: form bodies with the real client or not, Basic or not. */
function oauthRequests(stage: FuzzStage): FuzzTarget['requests'] {
  const { client } = stage;
  const form = fuzzQuery(
    {
      grant_type: fc.oneof(
        { arbitrary: fc.constant('client_credentials'), weight: 6 },
        { arbitrary: fc.constantFrom('password', 'refresh_token', 'authorization_code', ''), weight: 1 },
      ),
      client_id: fc.oneof(
        { arbitrary: fc.constant(client.id), weight: 4 },
        { arbitrary: fc.constantFrom('slc_unknown', ''), weight: 1 },
      ),
      client_secret: fc.oneof(
        { arbitrary: fc.constant(client.secret), weight: 3 },
        { arbitrary: fc.constantFrom(`${client.secret}x`, '', 'slcs_'), weight: 1 },
      ),
      scope: fc.constantFrom('viewer', 'viewer sre', 'super_admin', '', ' ', 'viewer\tviewer'),
    },
    ['grant_type'],
  );
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const authorization = fc.oneof(
    { arbitrary: fc.constant<string | undefined>(undefined), weight: 6 },
    { arbitrary: fc.constant(basic(client.id, client.secret)), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        'Basic',
        'Basic !!!',
        `Basic ${Buffer.from('nocolon').toString('base64')}`,
        `Basic ${Buffer.from(':x').toString('base64')}`,
        `Basic ${Buffer.from('%zz:%').toString('base64')}`,
      ),
      weight: 1,
    },
    {
      arbitrary: hostileString.map((s) => `Basic ${Buffer.from(s.slice(0, 200)).toString('base64')}`),
      weight: 1,
    },
  );
  const type = fc.oneof(
    { arbitrary: fc.constant(FORM), weight: 10 },
    {
      arbitrary: fc.constantFrom('application/json', `${FORM}; charset=latin1`, 'text/plain', ''),
      weight: 1,
    },
  );
  const method = fc.oneof(
    { arbitrary: fc.constant('POST'), weight: 20 },
    { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE'), weight: 1 },
  );
  const big = fc.oneof(
    { arbitrary: fc.constant(''), weight: 20 },
    { arbitrary: fc.constantFrom('&a=1'.repeat(20), `&scope=${'x'.repeat(5000)}`), weight: 1 },
  );
  return fc.tuple(form, authorization, type, method, big).map(([body, auth, contentType, m, extra]) => ({
    method: m,
    path: '/oauth/token',
    headers: {
      ...(contentType === '' ? {} : { 'content-type': contentType }),
      ...(auth === undefined ? {} : { authorization: auth }),
    },
    body: Buffer.from(body + extra),
  }));
}

/**
 * fuzzAuthTargets are auth's sessions (login, refresh, logout), the client-credentials grant and the admin API
 * (users, API keys, OAuth clients, signing keys, audit), with bodies and queries from the contracts' schemas.
 */
export function fuzzAuthTargets(stage: FuzzStage): FuzzTarget[] {
  const email = fc.oneof(fc.constant(stage.admin.email), fc.emailAddress());
  const login = fc.oneof(
    { arbitrary: valid(LoginRequest), weight: 3 },
    {
      arbitrary: fc.record({
        email,
        password: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constant(stage.admin.password)),
      }),
      weight: 2,
    },
  );
  const refresh = fc.oneof(valid(RefreshRequest), fc.constant({ refreshToken: stage.refreshToken }));
  const sessions: FuzzRoute[] = [
    { method: 'POST', path: '/v1/auth/login', body: login },
    { method: 'POST', path: '/v1/auth/refresh', body: refresh },
    { method: 'POST', path: '/v1/auth/logout', body: refresh },
  ];
  const admin: FuzzRoute[] = [
    { method: 'POST', path: '/admin/v1/users', body: valid(CreateUserRequest) },
    { method: 'GET', path: '/admin/v1/users', query: { tenant } },
    { method: 'DELETE', path: '/admin/v1/users/:id', params: { id: uuid } },
    {
      method: 'POST',
      path: '/admin/v1/tenants/:tenant/api-keys',
      params: { tenant },
      body: valid(CreateApiKeyRequest),
    },
    { method: 'GET', path: '/admin/v1/tenants/:tenant/api-keys', params: { tenant } },
    { method: 'DELETE', path: '/admin/v1/tenants/:tenant/api-keys/:id', params: { tenant, id: uuid } },
    {
      method: 'POST',
      path: '/admin/v1/tenants/:tenant/clients',
      params: { tenant },
      body: valid(CreateClientRequest),
    },
    { method: 'GET', path: '/admin/v1/tenants/:tenant/clients', params: { tenant } },
    { method: 'DELETE', path: '/admin/v1/tenants/:tenant/clients/:id', params: { tenant, id: uuid } },
    // No input to vary, and each rotation keeps a key for the token lifetime: about 1 % of the draws.
    { method: 'POST', path: '/admin/v1/signing-keys/rotate', weight: 1 },
    {
      method: 'GET',
      path: '/admin/v1/audit',
      query: Object.fromEntries(
        Object.entries(
          (z.toJSONSchema(AuditQueryParams, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
            .properties ?? {},
        ).map(([k, s]) => [k, fuzzSchema(s, { components: {} }).map(String)]),
      ),
    },
  ];
  return [
    {
      name: 'auth sessions (login, refresh, logout)',
      service: 'auth',
      requests: fuzzRoutes(sessions, fc.constant({})),
    },
    { name: 'auth POST /oauth/token (client credentials)', service: 'auth', requests: oauthRequests(stage) },
    {
      name: `auth admin API (${admin.length} routes)`,
      service: 'auth',
      requests: fuzzRoutes(admin, fuzzAuthHeader(stage.adminToken)),
    },
  ];
}
