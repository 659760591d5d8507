import { SpanStatusCode } from '@opentelemetry/api';
import { DEMO_TENANTS } from '@sightline/contracts';
import { freePort } from '@sightline/testing';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';

const acme = DEMO_TENANTS.find((t) => t.id === 'acme')!;

describe('when the upstream misbehaves', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 502 problem+json when the upstream drops the connection', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/reset',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json()).toMatchObject({ status: 502, title: 'Bad Gateway' });
    // Logged after the upstream exchange's await, still in the request's context: its trace and its tenant.
    const span = h.telemetry
      .spans()
      .find((s) => s.name === 'gateway.Proxy.handle' && s.attributes['url.path'] === '/reset')!;
    const warn = h.telemetry.logs().find((l) => l.msg === 'upstream request failed');
    expect(warn).toMatchObject({
      status: 502,
      tenant_id: 'acme',
      trace_id: span.spanContext().traceId,
    });
  });

  it('passes an upstream 5xx through and records it on a tenant-stamped server span with ERROR status', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/status/503',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(503);
    expect(res.body).toBe('status 503');
    const span = h.telemetry
      .spans()
      .find((s) => s.name === 'gateway.Proxy.handle' && s.attributes['url.path'] === '/status/503')!;
    expect(span.attributes).toMatchObject({ 'tenant.id': 'acme', 'http.response.status_code': 503 });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('counts proxied responses per tenant and status code on the admin /metrics endpoint', async () => {
    await send(h.gateway.proxyPort, { path: '/status/404', headers: { 'x-api-key': acme.demoApiKey } });
    const metrics = await send(h.gateway.adminPort, { path: '/metrics' });
    expect(metrics.body).toMatch(
      /gateway_requests_total\{tenant="acme",route="\/",code="404",service="gateway"\} 1/,
    );
    expect(metrics.body).toMatch(
      /gateway_requests_total\{tenant="acme",route="\/",code="503",service="gateway"\} 1/,
    );
    expect(metrics.body).toMatch(/gateway_limiter_backend\{backend="memory",service="gateway"\} 1/);
    expect(metrics.body).toMatch(
      /gateway_ratelimit_decisions_total\{tenant="acme",decision="allowed",limit_type="tenant",service="gateway"\} \d+/,
    );
  });
});

describe('when the upstream is not running', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { UPSTREAM_URL: `http://127.0.0.1:${await freePort()}` } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 502 problem+json with the rate-limit headers and an ERROR server span that names the tenant', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/api/orders',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers.ratelimit).toMatch(/^"(tenant|data)-1s";r=\d+;t=1$/);
    const span = h.telemetry.spans().find((s) => s.name === 'gateway.Proxy.handle')!;
    expect(span.attributes).toMatchObject({ 'tenant.id': 'acme', 'http.response.status_code': 502 });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('when auth is not running', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { AUTH_URL: `http://127.0.0.1:${await freePort()}` } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 503 problem+json rather than letting an unverified key through', async () => {
    const res = await send(h.gateway.proxyPort, {
      path: '/api/orders',
      headers: { 'x-api-key': acme.demoApiKey },
    });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(h.upstream.received).toHaveLength(0);
  });
});
