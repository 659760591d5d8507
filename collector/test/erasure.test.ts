import { randomBytes } from 'node:crypto';
import { waitFor } from '@sightline/testing';
import pg from 'pg';
import type { TestCollector } from './collectorHarness';
import { TEST_TOKEN, internalGet, postOtlp, startTestCollector } from './collectorHarness';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const now = Date.now() - 30_000;
const tenantAttr = (tenant: string) => [{ key: 'tenant.id', value: { stringValue: tenant } }];
const traces: Record<string, string> = { acme: hex(16), globex: hex(16) };

let c: TestCollector;
let sql: pg.Client;

function spansOf(tenant: string): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'gateway' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: traces[tenant],
                spanId: hex(8),
                name: 'GET /v1/orders',
                kind: 2,
                startTimeUnixNano: String(now * 1e6),
                endTimeUnixNano: String((now + 20) * 1e6),
                attributes: [
                  ...tenantAttr(tenant),
                  { key: 'http.response.status_code', value: { intValue: 200 } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

function logsOf(tenant: string): unknown {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: String(now * 1e6),
                severityNumber: 9,
                body: { stringValue: `order placed by customer 4711 of ${tenant}` },
                traceId: traces[tenant],
                attributes: [
                  ...tenantAttr(tenant),
                  { key: 'enduser.id', value: { stringValue: 'customer-4711' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

const erase = (tenant: string, token = TEST_TOKEN) =>
  fetch(`${c.base}/internal/v1/erasure/tenants/${tenant}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ requestedBy: 'super-admin-1' }),
  });

const count = async (table: string, tenant: string): Promise<number> =>
  (await sql.query(`SELECT count(*)::int AS n FROM collector.${table} WHERE tenant_id = $1`, [tenant]))
    .rows[0].n;

beforeAll(async () => {
  c = await startTestCollector();
  sql = new pg.Client({ connectionString: c.db.url });
  await sql.connect();
  for (const tenant of ['acme', 'globex']) {
    const json = { 'content-type': 'application/json' };
    expect((await postOtlp(c.base, 'traces', JSON.stringify(spansOf(tenant)), json)).status).toBe(200);
    expect((await postOtlp(c.base, 'logs', JSON.stringify(logsOf(tenant)), json)).status).toBe(200);
  }
  // The gateway's SERVER span becomes a rollup (a count, no request in it), which an erasure keeps.
  await waitFor(async () => (await count('sli_rollups', 'acme')) > 0, 5_000);
});

afterAll(async () => {
  await sql?.end();
  await c?.close();
});

describe("the collector's part of a tenant's right to erasure", () => {
  it('refuses a caller without the internal token', async () => {
    expect((await erase('acme', 'wrong-token-0123456789')).status).toBe(401);
    expect(await count('spans', 'acme')).toBe(1);
  });

  it("deletes the tenant's spans and logs, keeps its rollups, and leaves other tenants' telemetry", async () => {
    const res = await erase('acme');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      service: 'collector',
      tenantId: 'acme',
      counts: { spans: 1, logs: 1, metric_points: 0 },
    });
    expect(await count('spans', 'acme')).toBe(0);
    expect(await count('logs', 'acme')).toBe(0);
    expect(await count('sli_rollups', 'acme')).toBeGreaterThan(0);
    expect(await count('spans', 'globex')).toBe(1);
    expect(await count('logs', 'globex')).toBe(1);

    const trace = await internalGet(c.base, `/internal/v1/traces/${traces.acme}`);
    expect(trace.status).toBe(404);
    const search = await internalGet(c.base, '/internal/v1/logs?tenant=acme&q=customer');
    expect(((await search.json()) as { logs: unknown[] }).logs).toEqual([]);
    const other = await internalGet(c.base, '/internal/v1/logs?tenant=globex&q=customer');
    expect(((await other.json()) as { logs: unknown[] }).logs).toHaveLength(1);
  });

  it('erases nothing more when run again', async () => {
    const res = await erase('acme');
    expect(((await res.json()) as { counts: Record<string, number> }).counts).toEqual({
      spans: 0,
      logs: 0,
      metric_points: 0,
    });
  });
});
