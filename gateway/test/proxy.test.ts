import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { DEMO_TENANTS } from '@sightline/contracts';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import type { ReceivedRequest } from './support/fakeUpstream';
import { send, sendRaw } from './support/send';

const acme = DEMO_TENANTS.find((t) => t.id === 'acme')!;
const globex = DEMO_TENANTS.find((t) => t.id === 'globex')!;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const lastReceived = (): ReceivedRequest => h.upstream.received[h.upstream.received.length - 1]!;

describe('the gateway proxy', () => {
  it('forwards a keyed request upstream with the tenant header, a request id and the client span traceparent', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/api/orders?page=2',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(200);
    const seen = res.json<ReceivedRequest>();
    expect(seen.url).toBe('/api/orders?page=2');
    expect(seen.headers['x-sightline-tenant']).toBe('acme');
    expect(seen.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(seen.headers['x-request-id']);
    expect(seen.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(seen.headers['x-api-key']).toBeUndefined();
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);

    const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-/.exec(String(seen.headers.traceparent))!;
    const client = h.telemetry.spans().find((s) => s.spanContext().spanId === spanId)!;
    expect(client.name).toBe('gateway.Upstream.request');
    expect(client.kind).toBe(SpanKind.CLIENT);
    const server = h.telemetry
      .spans()
      .find((s) => s.spanContext().spanId === client.parentSpanContext?.spanId)!;
    expect(server.name).toBe('gateway.Proxy.handle');
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.attributes).toMatchObject({
      'tenant.id': 'acme',
      'http.request.method': 'GET',
      'url.path': '/api/orders',
      'http.response.status_code': 200,
      'sightline.ratelimit.decision': 'allowed',
    });
  });

  it('keeps a well-formed incoming request id and replaces a malformed one', async () => {
    const kept = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, 'x-request-id': 'client-req-42' },
    });
    expect(kept.json<ReceivedRequest>().headers['x-request-id']).toBe('client-req-42');
    expect(kept.headers['x-request-id']).toBe('client-req-42');
    const replaced = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(replaced.json<ReceivedRequest>().headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts the key as an Authorization bearer token and does not pass that header upstream', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/api/users/42',
      headers: { authorization: `Bearer ${globex.demoApiKey}` },
    });
    expect(res.status).toBe(200);
    const seen = res.json<ReceivedRequest>();
    expect(seen.headers['x-sightline-tenant']).toBe('globex');
    expect(seen.headers.authorization).toBeUndefined();
  });

  it('streams a request body to the upstream unchanged', async () => {
    const body = JSON.stringify({ q: 'orders', filters: Array.from({ length: 500 }, (_, i) => i) });
    const res = await send(h.gateway.proxyPort, {
      method: 'POST',
      path: '/api/search',
      headers: { 'x-api-key': acme.demoApiKey, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.json<ReceivedRequest>().body).toBe(body);
  });

  it('overrides a client-supplied tenant header with the tenant the key belongs to', async () => {
    const res = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, 'x-sightline-tenant': 'globex' },
    });
    expect(res.json<ReceivedRequest>().headers['x-sightline-tenant']).toBe('acme');
  });

  it('links a client traceparent instead of adopting it, so a client cannot unsample its own requests', async () => {
    const clientTrace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
    const res = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, traceparent: clientTrace },
    });
    const forwarded = String(res.json<ReceivedRequest>().headers.traceparent);
    expect(forwarded).toMatch(/-01$/);
    expect(forwarded).not.toContain('0af7651916cd43dd8448eb211c80319c');
    const server = h.telemetry
      .spans()
      .find((s) => s.name === 'gateway.Proxy.handle' && s.links.length === 1)!;
    expect(server.links[0]!.context.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('answers 401 problem+json for a request without any API key', async () => {
    const before = h.upstream.received.length;
    const res = await send(h.gateway.proxyPort, { path: '/api/orders' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(h.upstream.received.length).toBe(before);
  });

  it('answers 401 problem+json for a key auth does not know, and asks auth only once within the negative cache time', async () => {
    const callsBefore = h.auth.calls.length;
    const first = await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_unknown_key_123' } });
    const second = await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_unknown_key_123' } });
    expect(first.status).toBe(401);
    expect(second.status).toBe(401);
    expect(first.json()).toMatchObject({ detail: 'unknown API key' });
    expect(h.auth.calls.length - callsBefore).toBe(1);
    expect(h.auth.violations).toEqual([]);
  });

  it('answers 403 when the key belongs to a tenant the gateway has no record of', async () => {
    const res = await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_test_ghost_key' } });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });

  it('strips hop-by-hop headers in both directions, including those named by Connection', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/hop',
      headers: {
        'x-api-key': acme.demoApiKey,
        connection: 'keep-alive, x-client-private',
        'x-client-private': 'do-not-forward',
        'keep-alive': 'timeout=30',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        te: 'trailers',
        'x-client-public': 'forward-me',
      },
    });
    expect(res.status).toBe(200);
    const seen = lastReceived().headers;
    expect(seen['x-client-private']).toBeUndefined();
    expect(seen['proxy-authorization']).toBeUndefined();
    expect(seen.te).toBeUndefined();
    expect(seen['keep-alive']).toBeUndefined();
    expect(seen['x-client-public']).toBe('forward-me');
    expect(res.headers['x-upstream-private']).toBeUndefined();
    expect(res.headers['proxy-authenticate']).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=77');
    expect(res.headers['x-upstream-public']).toBe('visible');
  });

  it('answers 504 problem+json when the upstream is slower than UPSTREAM_TIMEOUT_MS, and marks the span as an error', async () => {
    const started = Date.now();
    const res = await send(h.gateway.proxyPort, {
      path: '/slow?ms=3000',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(504);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(Date.now() - started).toBeLessThan(2_500);
    const server = h.telemetry
      .spans()
      .filter((s) => s.name === 'gateway.Proxy.handle' && s.attributes['url.path'] === '/slow')
      .pop()!;
    expect(server.attributes['tenant.id']).toBe('acme');
    expect(server.attributes['http.response.status_code']).toBe(504);
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('writes one access log line per request carrying the trace id and tenant id', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/api/logged',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(200);
    const traceId = String(res.json<ReceivedRequest>().headers.traceparent).split('-')[1];
    const lines = h.telemetry
      .logs()
      .filter((l) => l.msg === 'request completed' && l.route === '/api/logged');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 200, tenant_id: 'acme', trace_id: traceId, service: 'gateway' });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(JSON.stringify(h.telemetry.logs())).not.toContain(acme.demoApiKey);
  });

  it('ends a server span without a tenant for unauthenticated requests', async () => {
    await send(h.gateway.proxyPort, { path: '/no-key-span' });
    const span = h.telemetry.spans().find((s) => s.attributes['url.path'] === '/no-key-span')!;
    expect(span.attributes['http.response.status_code']).toBe(401);
    expect(span.attributes['tenant.id']).toBeUndefined();
  });
});

describe('the gateway without Redis', () => {
  it('says once, at start, that limits are kept in this process only', () => {
    const warnings = h.telemetry
      .logs()
      .filter((l) => l.level === 'warn' && String(l.msg).includes('REDIS_URL'));
    expect(warnings).toHaveLength(1);
  });
});

describe('the gateway proxy under hostile input', () => {
  it('answers 431 to a header block over the default size and keeps serving afterwards', async () => {
    const res = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': acme.demoApiKey, 'x-big': 'a'.repeat(20_000) },
    });
    expect(res.status).toBe(431);
    const after = await send(h.gateway.proxyPort, { headers: { 'x-api-key': acme.demoApiKey } });
    expect(after.status).toBe(200);
  });

  it('treats an absurdly long or non-ASCII API key as missing without asking auth', async () => {
    const callsBefore = h.auth.calls.length;
    const long = await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'k'.repeat(8_000) } });
    expect(long.status).toBe(401);
    const raw = await sendRaw(
      h.gateway.proxyPort,
      Buffer.concat([
        Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nx-api-key: '),
        Buffer.from([0xd0, 0xba, 0xff]),
        Buffer.from('\r\nConnection: close\r\n\r\n'),
      ]),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 401/);
    expect(h.auth.calls.length).toBe(callsBefore);
  });

  it('rejects malformed request lines and header bytes with a 4xx instead of crashing', async () => {
    const bad = await sendRaw(h.gateway.proxyPort, 'GET / HTTP/1.1\r\nHost: x\r\nx-evil: a\rb\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400/);
    const absolute = await sendRaw(
      h.gateway.proxyPort,
      `GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\nx-api-key: ${acme.demoApiKey}\r\nConnection: close\r\n\r\n`,
    );
    expect(absolute).toMatch(/^HTTP\/1\.1 400/);
    const garbage = await sendRaw(h.gateway.proxyPort, '\x00\x01\x02 not http at all\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    const after = await send(h.gateway.proxyPort, { headers: { 'x-api-key': acme.demoApiKey } });
    expect(after.status).toBe(200);
  });

  it('answers a bearer header with no token, or another scheme, as a missing key', async () => {
    expect((await send(h.gateway.proxyPort, { headers: { authorization: 'Bearer ' } })).status).toBe(401);
    expect(
      (await send(h.gateway.proxyPort, { headers: { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' } }))
        .status,
    ).toBe(401);
  });
});
