import { randomBytes } from 'node:crypto';
import { waitFor } from '@sightline/testing';
import pg from 'pg';
import type { AttrValue, TestCollector } from './collectorHarness';
import { internalGet, jsonSpan, postOtlp, startTestCollector, traceRequest } from './collectorHarness';

interface Route {
  route: string;
  requests: number;
  errors: number;
  errorPercent: number;
}

const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

let c: TestCollector;
let pool: pg.Pool;
const now = Date.now();
const from = new Date(now - 10 * 60_000).toISOString();
const to = new Date(now + 60_000).toISOString();

/** span builds one span of a request to `path` that answered `status`, ten seconds into the range by default. */
function span(
  tenant: string,
  method: string,
  path: string,
  status: AttrValue,
  o: { kind?: number; error?: boolean; startMs?: number } = {},
): Record<string, unknown> {
  return {
    ...jsonSpan({
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      kind: o.kind ?? SERVER,
      startMs: o.startMs ?? Date.parse(from) + 10_000,
      durationMs: 5,
      attributes: {
        'tenant.id': { stringValue: tenant },
        'http.request.method': { stringValue: method },
        'url.path': { stringValue: path },
        'http.response.status_code': status,
      },
    }),
    ...(o.error ? { status: { code: STATUS_ERROR, message: 'upstream reset' } } : {}),
  };
}

const code = (n: number): AttrValue => ({ intValue: n });

async function send(
  service: string,
  spans: unknown[],
  resource: Record<string, AttrValue> = {},
): Promise<void> {
  const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest(service, spans, resource)), {
    'content-type': 'application/json',
  });
  expect(res.status).toBe(200);
}

async function routes(tenant: string, query = ''): Promise<Route[]> {
  const res = await internalGet(
    c.base,
    `/internal/v1/rollups/${tenant}/routes?from=${from}&to=${to}${query}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { routes: Route[] }).routes;
}

beforeAll(async () => {
  c = await startTestCollector();
  pool = new pg.Pool({ connectionString: c.db.url, max: 2 });
  await send('gateway', [
    span('rt-a', 'GET', '/v1/orders/123', code(500)),
    // Some SDKs send the status as a string.
    span('rt-a', 'GET', '/v1/orders/456', { stringValue: '503' }),
    span('rt-a', 'GET', '/v1/orders/789', code(200)),
    span('rt-a', 'GET', '/v1/blobs/deadbeefdeadbeef0123', code(500)),
    span('rt-a', 'GET', '/v1/blobs/0123456789ABCDEF', code(504)),
    span('rt-a', 'POST', '/v1/orders', code(429)),
    span('rt-a', 'POST', '/v1/orders', code(200)),
    span('rt-a', 'POST', '/v1/orders', code(500)),
    span('rt-a', 'DELETE', '/v1/users/3f2a8c1e-1b2c-4d5e-8f90-0123456789ab', code(200), { error: true }),
    span('rt-a', 'DELETE', '/v1/users/3f2a8c1e-1b2c-4d5e-8f90-0123456789ac', code(204)),
    // 15 hex digits are not an id; 42 is.
    span('rt-a', 'GET', '/v1/carts/cafe0123456789a/items/42', code(502)),
    span('rt-a', 'GET', '/v1/health', code(200)),
    span('rt-a', 'GET', '/v1/health', code(200)),
    // Not a gateway server span in [from, to): left out.
    span('rt-a', 'GET', '/v1/orders/1', code(500), { kind: CLIENT }),
    span('rt-a', 'GET', '/v1/orders/2', code(500), { startMs: Date.parse(from) - 1000 }),
    ...Array.from({ length: 5 }, (_, i) => span('rt-b', 'GET', `/v1/orders/${i}`, code(500))),
    ...Array.from({ length: 12 }, (_, i) => span('rt-c', 'GET', `/v1/report-${i}`, code(500))),
  ]);
  await send('auth', [span('rt-a', 'GET', '/v1/orders/3', code(500))]);
  // A gateway that samples one trace in ten and keeps every failed one: a sampled success stands for ten requests,
  // a failure marked kept for itself.
  const kept = (s: Record<string, unknown>) => {
    (s.attributes as unknown[]).push({ key: 'sightline.trace.kept', value: { stringValue: 'outcome' } });
    return s;
  };
  await send(
    'gateway',
    [
      kept(span('rt-s', 'GET', '/v1/orders/1', code(500))),
      kept(span('rt-s', 'GET', '/v1/orders/3', code(502))),
      span('rt-s', 'GET', '/v1/orders/2', code(200)),
    ],
    { 'sightline.trace.sample_ratio': { stringValue: '0.1' } },
  );
  // A ratio that is no probability is ignored: the span counts once.
  await send('gateway', [span('rt-t', 'GET', '/v1/orders/1', code(500))], {
    'sightline.trace.sample_ratio': { stringValue: '0; DROP TABLE x' },
  });
  await waitFor(async () => (await routes('rt-b')).length > 0);
  await waitFor(async () => (await routes('rt-a')).length === 5);
});

afterAll(async () => {
  await pool.end();
  await c.close();
});

describe('GET /internal/v1/rollups/:tenant/routes', () => {
  it("lists a tenant's failing gateway routes with ids folded into :id, most errors first, then most requests", async () => {
    const list = await routes('rt-a');
    expect(list).toEqual([
      { route: 'GET /v1/orders/:id', requests: 3, errors: 2, errorPercent: 200 / 3 },
      { route: 'GET /v1/blobs/:id', requests: 2, errors: 2, errorPercent: 100 },
      { route: 'POST /v1/orders', requests: 3, errors: 1, errorPercent: 100 / 3 },
      { route: 'DELETE /v1/users/:id', requests: 2, errors: 1, errorPercent: 50 },
      { route: 'GET /v1/carts/cafe0123456789a/items/:id', requests: 1, errors: 1, errorPercent: 100 },
    ]);
  });

  it('returns at most limit routes, ten by default', async () => {
    expect((await routes('rt-a', '&limit=2')).map((r) => r.route)).toEqual([
      'GET /v1/orders/:id',
      'GET /v1/blobs/:id',
    ]);
    expect(await routes('rt-a', '&limit=50')).toHaveLength(5);
    expect(await routes('rt-c')).toHaveLength(10);
    expect(await routes('rt-c', '&limit=50')).toHaveLength(12);
  });

  it('scales the sampled spans of a head-sampled gateway back to requests, counting kept failures once', async () => {
    await waitFor(async () => (await routes('rt-s')).length > 0);
    expect(await routes('rt-s')).toEqual([
      { route: 'GET /v1/orders/:id', requests: 12, errors: 2, errorPercent: 100 / 6 },
    ]);
    await waitFor(async () => (await routes('rt-t')).length > 0);
    expect(await routes('rt-t')).toEqual([
      { route: 'GET /v1/orders/:id', requests: 1, errors: 1, errorPercent: 100 },
    ]);
  });

  it("answers each tenant's own routes only, and none for a tenant without spans", async () => {
    expect(await routes('rt-b')).toEqual([
      { route: 'GET /v1/orders/:id', requests: 5, errors: 5, errorPercent: 100 },
    ]);
    expect(await routes('nobody')).toEqual([]);
  });

  it('refuses requests without the internal token', async () => {
    const res = await internalGet(c.base, `/internal/v1/rollups/rt-a/routes?from=${from}&to=${to}`, null);
    expect(res.status).toBe(401);
  });

  const ok = 'from=2024-03-01T10:00:00Z&to=2024-03-08T10:00:00Z';
  it.each([
    ['a malformed tenant', `/internal/v1/rollups/Bad!/routes?${ok}`, /tenant/],
    ['no from', '/internal/v1/rollups/rt-a/routes?to=2024-03-01T10:00:00Z', /from is required/],
    [
      'an instant without a zone',
      '/internal/v1/rollups/rt-a/routes?from=2024-03-01T10:00:00&to=2024-03-02T10:00:00Z',
      /from must be an ISO 8601/,
    ],
    [
      'from after to',
      '/internal/v1/rollups/rt-a/routes?from=2024-03-02T10:00:00Z&to=2024-03-01T10:00:00Z',
      /from must be before to/,
    ],
    [
      'more than 35 days',
      '/internal/v1/rollups/rt-a/routes?from=2024-01-01T00:00:00Z&to=2024-02-05T00:00:01Z',
      /at most 35 days/,
    ],
    [
      'a limit of 0',
      `/internal/v1/rollups/rt-a/routes?${ok}&limit=0`,
      /limit must be an integer from 1 to 50/,
    ],
    [
      'a limit of 51',
      `/internal/v1/rollups/rt-a/routes?${ok}&limit=51`,
      /limit must be an integer from 1 to 50/,
    ],
    ['a fractional limit', `/internal/v1/rollups/rt-a/routes?${ok}&limit=2.5`, /limit must be an integer/],
    [
      'a repeated limit',
      `/internal/v1/rollups/rt-a/routes?${ok}&limit=1&limit=2`,
      /limit must be given once/,
    ],
    [
      'an unknown parameter',
      `/internal/v1/rollups/rt-a/routes?${ok}&service=auth`,
      /unknown parameter service/,
    ],
  ])('answers 400 with the reason for %s', async (_name, route, reason) => {
    const res = await internalGet(c.base, route);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(reason);
  });
});

describe('GET /internal/v1/rollups/:tenant/series with step=15m', () => {
  it('aligns steps to quarter hours, so a week in Asia/Kathmandu (+05:45) starts on a step of its own', async () => {
    const seed = (at: string, requests: number) =>
      pool.query(
        `INSERT INTO collector.sli_rollups (tenant_id, bucket_start, requests, errors, rate_limited, latency_buckets)
         VALUES ('ktm', $1, $2, 0, 0, $3)`,
        [at, requests, [requests, ...new Array<number>(12).fill(0)]],
      );
    await seed('2024-03-03T18:10:00Z', 1000); // Sunday 23:55 in Kathmandu: the week before
    await seed('2024-03-03T18:15:00Z', 1);
    await seed('2024-03-03T18:29:50Z', 2);
    await seed('2024-03-03T18:30:00Z', 4);
    await seed('2024-03-10T18:15:00Z', 2000); // the next Monday 00:00 there: the week after
    const res = await internalGet(
      c.base,
      '/internal/v1/rollups/ktm/series?from=2024-03-04T00:00:00%2B05:45&to=2024-03-11T00:00:00%2B05:45&step=15m',
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { step: string; points: Array<{ t: string; requests: number }> };
    expect(body.step).toBe('15m');
    expect(body.points.map((p) => [p.t, p.requests])).toEqual([
      ['2024-03-03T18:15:00.000Z', 3],
      ['2024-03-03T18:30:00.000Z', 4],
    ]);
  });

  it('names 15m among the accepted steps', async () => {
    const res = await internalGet(
      c.base,
      '/internal/v1/rollups/ktm/series?from=2024-03-04T00:00:00Z&to=2024-03-05T00:00:00Z&step=30m',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/one of .*\b15m\b/);
  });
});
