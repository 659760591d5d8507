import { DEMO_TENANTS } from '@sightline/contracts';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import type { ReceivedRequest } from './support/fakeUpstream';
import { send, sendRaw } from './support/send';

const acme = DEMO_TENANTS.find((t) => t.id === 'acme')!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const rawGet = (target: string, headers: string) =>
  sendRaw(
    h.gateway.proxyPort,
    Buffer.from(
      `GET ${target} HTTP/1.1\r\nHost: gw\r\nx-api-key: ${acme.demoApiKey}\r\n${headers}Connection: close\r\n\r\n`,
      'latin1',
    ),
  );

describe('header injection through the gateway', () => {
  it.each([
    ['a bare LF that would start an injected header', 'X-Note: a\nX-Sightline-Tenant: globex\r\n'],
    ['a bare CR', 'X-Note: a\rX-Sightline-Tenant: globex\r\n'],
    ['a NUL byte', 'X-Note: a\x00b\r\n'],
    ['a bare LF inside the request id', 'X-Request-Id: abc\nX-Sightline-Tenant: globex\r\n'],
    ['a header name with a space', 'X Sightline-Tenant: globex\r\n'],
  ])('answers 400 to %s in a header value and forwards nothing', async (_name, headers) => {
    const before = h.upstream.received.length;
    const answer = await rawGet('/api/orders', headers);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toMatch(/x-sightline-tenant/i);
    expect(h.upstream.received.length).toBe(before);
  });

  it('answers 400 to a control character or space in the request target and forwards nothing', async () => {
    const before = h.upstream.received.length;
    for (const target of ['/api/a\tb', '/api/a b', '/api/a\x7fb', '/api/\xff']) {
      expect(await rawGet(target, '')).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(h.upstream.received.length).toBe(before);
  });

  it.each([
    [
      'a CRLF inside the request line (a versionless line Node reads as HTTP/0.9)',
      'GET /api/orders?x=1\r\nX-Sightline-Tenant: globex HTTP/1.1',
    ],
    ['a request line without a version', 'GET /api/orders'],
    ['HTTP/2.0 spoken as text', 'GET /api/orders HTTP/2.0'],
  ])('answers 400 to %s and forwards nothing', async (_name, line) => {
    const before = h.upstream.received.length;
    const answer = await sendRaw(
      h.gateway.proxyPort,
      `${line}\r\nHost: gw\r\nx-api-key: ${acme.demoApiKey}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('only HTTP/1.0 and HTTP/1.1 are served');
    expect(h.upstream.received.length).toBe(before);
  });

  it('still serves an HTTP/1.0 request', async () => {
    const answer = await sendRaw(
      h.gateway.proxyPort,
      `GET /api/orders HTTP/1.0\r\nx-api-key: ${acme.demoApiKey}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('forwards a percent-encoded CRLF in the path and query still encoded, never decoded into a header', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/api/a%0d%0aX-Injected:%20yes?q=%0D%0AX-Sightline-Tenant:%20globex',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(200);
    const seen = res.json<ReceivedRequest>();
    expect(seen.url).toBe('/api/a%0d%0aX-Injected:%20yes?q=%0D%0AX-Sightline-Tenant:%20globex');
    expect(seen.headers['x-injected']).toBeUndefined();
    expect(seen.headers['x-sightline-tenant']).toBe('acme');
  });
});

describe('the request id a client supplies', () => {
  it.each([
    ['over 128 characters', 'a'.repeat(129)],
    ['with a space', 'abc def'],
    ['with a comma (a second header joined onto the first)', 'abc,def'],
    ['with a semicolon', 'abc;def'],
    ['with quotes and angle brackets', '"><script>'],
    ['with non-ASCII bytes', 'r\u00e9q'],
  ])('is replaced by a generated one, upstream and in the response, when it is %s', async (_name, id) => {
    const res = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, 'x-request-id': id },
    });
    expect(res.status).toBe(200);
    expect(res.json<ReceivedRequest>().headers['x-request-id']).toMatch(UUID);
    expect(res.headers['x-request-id']).toBe(res.json<ReceivedRequest>().headers['x-request-id']);
  });

  it('is kept at exactly 128 well-formed characters', async () => {
    const id = `req-${'x'.repeat(124)}`;
    const res = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, 'x-request-id': id },
    });
    expect(res.json<ReceivedRequest>().headers['x-request-id']).toBe(id);
    expect(res.headers['x-request-id']).toBe(id);
  });

  it('is replaced when the client sends two of them', async () => {
    const answer = await rawGet('/api/orders', 'X-Request-Id: first\r\nX-Request-Id: second\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const forwarded = h.upstream.received[h.upstream.received.length - 1]!;
    expect(forwarded.headers['x-request-id']).toMatch(UUID);
    expect(answer).not.toMatch(/first|second/);
  });
});

describe('headers the gateway sets for the upstream', () => {
  it('replaces X-Forwarded-For, -Proto and -Host from a client that is not a trusted proxy', async () => {
    const res = await send(h.gateway.proxyPort, {
      headers: {
        'x-api-key': acme.demoApiKey,
        host: 'public.example',
        'x-forwarded-for': '203.0.113.9, 10.0.0.1',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'admin.internal',
      },
    });
    const seen = res.json<ReceivedRequest>().headers;
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBe('public.example');
  });

  it('drops every client-supplied X-Sightline-* header, not only the tenant, on routes with and without credentials', async () => {
    const spoofed = {
      'x-sightline-tenant': 'globex',
      'x-sightline-actor': 'platform-admin',
      'x-sightline-roles': 'super_admin',
    };
    const keyed = await send(h.gateway.proxyPort, { headers: { 'x-api-key': acme.demoApiKey, ...spoofed } });
    const seen = keyed.json<ReceivedRequest>().headers;
    expect(seen['x-sightline-tenant']).toBe('acme');
    expect(seen['x-sightline-actor']).toBeUndefined();
    expect(seen['x-sightline-roles']).toBeUndefined();

    const open = await send(h.gateway.proxyPort, {
      path: '/auth/v1/login',
      method: 'POST',
      headers: spoofed,
      body: '{}',
    });
    expect(open.status).toBe(200);
    const atAuth = h.auth.publicRequests[h.auth.publicRequests.length - 1]!.headers;
    expect(Object.keys(atAuth).filter((n) => n.startsWith('x-sightline-'))).toEqual([]);
  });

  it('keeps its own headers when a client names them in Connection, and still authenticates the request', async () => {
    const res = await send(h.gateway.proxyPort, {
      headers: {
        'x-api-key': acme.demoApiKey,
        connection:
          'close, x-sightline-tenant, x-request-id, x-forwarded-for, x-forwarded-proto, x-forwarded-host, traceparent, x-api-key',
        'x-sightline-tenant': 'globex',
        'x-request-id': 'client-chosen-id',
      },
    });
    expect(res.status).toBe(200);
    const seen = res.json<ReceivedRequest>().headers;
    expect(seen['x-sightline-tenant']).toBe('acme');
    expect(seen['x-request-id']).toBe('client-chosen-id');
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBeDefined();
    expect(seen.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(seen['x-api-key']).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('client-chosen-id');
  });

  it('does not let a client-named Connection option strip the rate-limit fields from the response', async () => {
    const res = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, connection: 'ratelimit, ratelimit-policy, x-request-id' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.ratelimit).toBeDefined();
    expect(res.headers['ratelimit-policy']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(UUID);
  });
});
