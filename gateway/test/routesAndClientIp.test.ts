import { request } from 'node:http';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import type { ReceivedRequest } from './support/fakeUpstream';
import { send, sendRaw } from './support/send';
import { freshWindow } from './support/freshWindow';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ redis: true });
});

afterAll(async () => {
  await h.close();
});

const login = (headers: Record<string, string> = {}) =>
  send(h.gateway.proxyPort, {
    method: 'POST',
    path: '/auth/v1/auth/login',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: 'a@b.c', password: 'hunter2' }),
  });

describe('the default route table', () => {
  it('proxies /auth/ to auth without credentials, with the prefix stripped and no client tenant header', async () => {
    const res = await login({ 'x-sightline-tenant': 'acme' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      proxied: true,
      url: '/v1/auth/login',
      body: '{"email":"a@b.c","password":"hunter2"}',
    });
    const seen = h.auth.publicRequests.at(-1)!;
    expect(seen.headers['x-sightline-tenant']).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(res.headers['ratelimit-policy']).toBe('"ip-auth-1s";q=5;w=1, "ip-auth-60s";q=20;w=60');
  });

  it('never exposes internal routes through a public prefix, nor paths with dot segments', async () => {
    const internal = await send(h.gateway.proxyPort, {
      method: 'POST',
      path: '/auth/internal/v1/api-keys/verify',
      body: '{}',
    });
    expect(internal.status).toBe(404);
    for (const path of [
      '/auth/../internal/v1/api-keys/verify',
      '/auth/%2e%2e/internal',
      '/auth/v1%2f..%2finternal',
      '/./x',
    ]) {
      const res = await send(h.gateway.proxyPort, { path });
      expect(res.status).toBe(400);
    }
    expect(h.auth.violations).toEqual([]);
  });

  it('limits login attempts per client IP, and a spoofed X-Forwarded-For from an untrusted peer cannot dodge it', async () => {
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login({ 'x-forwarded-for': `10.0.0.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = await login({ 'x-forwarded-for': '192.0.2.1' });
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ limit: 'ip-auth-1s', limitType: 'ip', quota: 5 });
    expect(h.auth.publicRequests.at(-1)!.headers['x-forwarded-for']).toBe('127.0.0.1');
    const log = h.telemetry.logs().find((l) => l.msg === 'rate limit hit' && l.limit_type === 'ip');
    expect(log).toMatchObject({
      level: 'warn',
      tenant_id: '_platform',
      endpoint_class: 'auth',
      client_network: '127.0.0.0/24',
    });
    // The process output is not redacted downstream, so the address itself never appears in the line.
    expect(log).not.toHaveProperty('client_ip');
  });
});

describe('behind trusted proxies', () => {
  let port: number;
  beforeAll(async () => {
    port = (await h.startReplica({ TRUSTED_PROXY_CIDRS: '127.0.0.0/8,::1/128' })).proxyPort;
  });

  const loginVia = (xff: string) =>
    send(port, {
      method: 'POST',
      path: '/auth/v1/auth/login',
      headers: { 'x-forwarded-for': xff },
      body: '{}',
    });

  it('limits the right-most untrusted hop, so values a client prepends change nothing', async () => {
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await loginVia(`6.6.6.${i}, 203.0.113.9`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another client behind the same proxy has its own budget.
    expect((await loginVia('6.6.6.6, 203.0.113.10')).status).toBe(200);
    // The trusted peer's header is kept and extended, not replaced.
    expect(h.auth.publicRequests.at(-1)!.headers['x-forwarded-for']).toBe('6.6.6.6, 203.0.113.10, 127.0.0.1');
    // A trusted hop in the chain is skipped to reach the client.
    expect((await loginVia('203.0.113.9, 127.0.0.5')).status).toBe(429);
  });

  it('counts IPv6 clients by their /64, so rotating addresses inside one prefix does not dodge the limit', async () => {
    await freshWindow();
    const statuses = [];
    for (let i = 1; i <= 6; i++) statuses.push((await loginVia(`2001:db8:aa:bb::${i.toString(16)}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // The next /64 is another subscriber with its own budget.
    expect((await loginVia('2001:db8:aa:bc::1')).status).toBe(200);
  });

  it('treats a malformed hop as the end of the chain instead of using it as a key', async () => {
    const res = await loginVia('not-an-ip, <script>');
    expect([200, 429]).toContain(res.status);
    expect(res.status).not.toBe(500);
  });
});

describe('a configured route table', () => {
  let port: number;
  beforeAll(async () => {
    const routes = [
      {
        prefix: '/upload',
        upstream: h.upstream.url,
        credentials: true,
        endpointClass: 'upload',
        maxBodyBytes: 1024,
      },
      {
        prefix: '/v2/',
        upstream: h.upstream.url,
        credentials: true,
        endpointClass: 'data',
        stripPrefix: true,
      },
    ];
    port = (await h.startReplica({ ROUTES_JSON: JSON.stringify(routes), MAX_HEADER_BYTES: '4096' }))
      .proxyPort;
  });
  const acme = { 'x-api-key': 'sl_demo_acme_8f3c2a91d4e54b7f9a1c' };

  it('routes by longest prefix on segment boundaries, strips prefixes, and answers 404 where nothing matches', async () => {
    const v2 = await send(port, { path: '/v2/orders?x=1', headers: acme });
    expect(v2.status).toBe(200);
    expect(v2.json<ReceivedRequest>().url).toBe('/orders?x=1');
    expect((await send(port, { path: '/uploadx', headers: acme })).status).toBe(404);
    expect((await send(port, { path: '/', headers: acme })).status).toBe(404);
  });

  it('answers 413 to a body over the route’s limit, whether it declares a length or is chunked', async () => {
    const declared = await send(port, {
      method: 'POST',
      path: '/upload',
      headers: acme,
      body: 'x'.repeat(2048),
    });
    expect(declared.status).toBe(413);
    expect(declared.headers['content-type']).toBe('application/problem+json');
    const small = await send(port, { method: 'POST', path: '/upload', headers: acme, body: 'x'.repeat(512) });
    expect(small.status).toBe(200);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/upload',
          headers: { ...acme, 'transfer-encoding': 'chunked' },
          agent: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('y'.repeat(400));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(h.upstream.received.some((r) => r.url === '/upload' && r.body.length > 1024)).toBe(false);
  });

  it('answers 431 to headers over MAX_HEADER_BYTES and keeps serving', async () => {
    const raw = await sendRaw(port, `GET /v2/x HTTP/1.1\r\nHost: x\r\nx-pad: ${'p'.repeat(5000)}\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 431/);
    expect((await send(port, { path: '/v2/x', headers: acme })).status).toBe(200);
  });

  it('uses the endpoint class of the route in the limit policies', async () => {
    const res = await send(port, { method: 'POST', path: '/upload', headers: acme, body: 'x' });
    expect(res.headers['ratelimit-policy']).toBe('"tenant-1s";q=200;w=1, "tenant-60s";q=10000;w=60');
  });
});
