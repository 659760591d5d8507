import { trace } from '@opentelemetry/api';
import { createTestDatabase } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import pg from 'pg';
import pino from 'pino';
import type { Logger } from 'pino';
import { loadAuthConfig } from '../../src/config';
import type { AuthConfig } from '../../src/config';
import type { SessionResponse } from '@sightline/contracts';
import { startAuth } from '../../src/startAuth';
import type { AuthDeps, AuthHandle } from '../../src/startAuth';

/** INTERNAL_TOKEN is the shared secret every harness uses. */
export const INTERNAL_TOKEN = 'test-internal-token-0123456789';
/** ADMIN_EMAIL is the platform super_admin the harness creates. */
export const ADMIN_EMAIL = 'admin@sightline.local';
/** ADMIN_PASSWORD is the platform super_admin's password. */
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** AuthHarness is a running auth on a fresh database, with helpers to talk to it. */
export interface AuthHarness {
  base: string;
  config: AuthConfig;
  database: TestDatabase;
  auth: AuthHandle;
  logs: string[];
  sql: pg.Client;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
  del(path: string, token?: string): Promise<Response>;
  login(email: string, password: string): Promise<SessionResponse>;
  adminToken(): Promise<string>;
  createUser(user: {
    email: string;
    password: string;
    tenantId: string | null;
    roles: string[];
  }): Promise<string>;
  close(): Promise<void>;
}

/** startAuthHarness starts auth in-process on port 0 against a new database; close() drops it again. */
export async function startAuthHarness(
  overrides: Parameters<typeof loadAuthConfig>[1] = {},
  deps: Omit<AuthDeps, 'logger' | 'tracer'> = {},
): Promise<AuthHarness> {
  const database = await createTestDatabase('sl_auth');
  const config = loadAuthConfig(
    {},
    {
      DATABASE_URL: database.url,
      INTERNAL_TOKEN,
      AUTH_PORT: 0,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      SEED_DEMO: true,
      LOG_LEVEL: 'info',
      ...overrides,
    },
  );
  const logs: string[] = [];
  const logger: Logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const auth = await startAuth(config, { ...deps, logger, tracer: trace.getTracer('test') });
  const base = `http://127.0.0.1:${auth.port}`;
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const bearer = (token?: string): Record<string, string> =>
    token === undefined ? {} : { authorization: `Bearer ${token}` };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const login = async (email: string, password: string) => {
    const res = await post('/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as SessionResponse;
  };
  const harness: AuthHarness = {
    base,
    config,
    database,
    auth,
    logs,
    sql,
    post,
    get: (path, token) => fetch(`${base}${path}`, { headers: bearer(token) }),
    del: (path, token) => fetch(`${base}${path}`, { method: 'DELETE', headers: bearer(token) }),
    login,
    adminToken: async () => (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).accessToken,
    async createUser(user) {
      const res = await post('/admin/v1/users', user, {
        authorization: `Bearer ${await harness.adminToken()}`,
      });
      if (res.status !== 201)
        throw new Error(`creating ${user.email} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    async close() {
      await sql.end();
      await auth.close();
      await database.drop();
    },
  };
  return harness;
}
