import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '@sightline/testing';
import type { TestCollector } from './collectorHarness';
import { jsonSpan, postOtlp, startTestCollector, traceRequest } from './collectorHarness';
import { FakeElasticsearch } from './fakes/FakeElasticsearch';
import { FakeJaeger } from './fakes/FakeJaeger';

const JSON_HEADERS = { 'content-type': 'application/json' };
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

let jaeger: FakeJaeger;
let es: FakeElasticsearch;
let c: TestCollector;

beforeAll(async () => {
  jaeger = new FakeJaeger();
  es = new FakeElasticsearch();
  await jaeger.start();
  await es.start();
  c = await startTestCollector({
    JAEGER_OTLP_URL: jaeger.url,
    ELASTICSEARCH_URL: es.url,
    EXPORT_RETRY_INITIAL_MS: 50,
    EXPORT_RETRY_MAX_MS: 400,
    EXPORT_TIMEOUT_MS: 2000,
  });
});
afterAll(async () => {
  await c.close();
  await jaeger.stop();
  await es.stop();
});

async function postSpans(traceId: string, count: number, attributes = {}): Promise<number> {
  const now = Date.now();
  const spans = Array.from({ length: count }, (_, i) =>
    jsonSpan({ traceId, spanId: hex(8), name: `op-${i}`, startMs: now, durationMs: 2, attributes }),
  );
  const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('svc', spans)), JSON_HEADERS);
  await res.arrayBuffer();
  return res.status === 200 ? count : 0;
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${c.base}/metrics`)).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (want.every((w) => line.includes(w))) total += Number(line.split(' ').pop());
  }
  return total;
}

describe('queued exporters', () => {
  it('installs the Elasticsearch ILM policy (rollover, then delete) and the data stream template at start', async () => {
    await waitFor(() => es.templates.size > 0 && es.policies.size > 0);
    const policy = es.policies.get('sightline-policy') as { policy: { phases: Record<string, unknown> } };
    expect(policy.policy.phases).toMatchObject({
      hot: { actions: { rollover: { max_age: '1d' } } },
      delete: { min_age: '7d', actions: { delete: {} } },
    });
    expect(es.templates.get('sightline-template')).toMatchObject({
      index_patterns: ['sightline-*'],
      data_stream: {},
      template: { settings: { 'index.lifecycle.name': 'sightline-policy' } },
    });
  });

  it('forwards spans to Jaeger as OTLP protobuf and indexes spans and logs into Elasticsearch data streams', async () => {
    const traceId = hex(16);
    expect(await postSpans(traceId, 3, { 'tenant.id': { stringValue: 'acme' } })).toBe(3);
    const log = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeLogs: [
            {
              logRecords: [
                { timeUnixNano: String(Date.now() * 1e6), body: { stringValue: 'hello es' }, traceId },
              ],
            },
          ],
        },
      ],
    };
    expect((await postOtlp(c.base, 'logs', JSON.stringify(log), JSON_HEADERS)).status).toBe(200);
    await waitFor(() => jaeger.spans.filter((s) => s.traceId === traceId).length === 3);
    expect(jaeger.spans.find((s) => s.traceId === traceId)!.attributes['tenant.id']).toBe('acme');
    await waitFor(() => [...es.docs.values()].filter((d) => d.trace_id === traceId).length === 4);
    const keys = [...es.docs.entries()]
      .filter(([, d]) => d.trace_id === traceId)
      .map(([k]) => k.split('/')[0]);
    expect(keys.sort()).toEqual(['sightline-logs', 'sightline-spans', 'sightline-spans', 'sightline-spans']);
    expect(jaeger.rejected).toEqual([]);
    expect(es.contractErrors).toEqual([]);
  });

  it('retries Elasticsearch items answered 429 and dead-letters items refused for their mapping, with the reason', async () => {
    const throttled = hex(16);
    const unmappable = hex(16);
    let throttles = 2;
    es.answer = (doc) => {
      if (doc.trace_id === throttled && throttles > 0) {
        throttles--;
        return 429;
      }
      return doc.trace_id === unmappable ? 400 : 201;
    };
    try {
      expect(await postSpans(throttled, 1)).toBe(1);
      expect(await postSpans(unmappable, 1)).toBe(1);
      await waitFor(() => [...es.docs.values()].some((d) => d.trace_id === throttled));
      await waitFor(
        async () => (await metric('collector_dead_letters_total', { exporter: 'elasticsearch' })) >= 1,
      );
      const letters = readFileSync(
        path.join(c.dataDir, 'queue', 'dead-letters', 'elasticsearch.ndjson'),
        'utf8',
      )
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { reason: string; record: { trace_id: string } });
      const letter = letters.find((l) => l.record.trace_id === unmappable);
      expect(letter?.reason).toContain('400 document_parsing_exception');
      expect([...es.docs.values()].some((d) => d.trace_id === unmappable)).toBe(false);
    } finally {
      es.answer = () => 201;
    }
  });

  it('delivers every acknowledged span to Jaeger after a 60 s outage under steady load (count in = count out)', async () => {
    const traceId = hex(16);
    let acknowledged = 0;
    const LOAD_MS = 64_000;
    const OUTAGE_MS = 60_000;
    const deadline = Date.now() + LOAD_MS;
    let downAt: number | null = null;
    let restarted = false;
    while (Date.now() < deadline) {
      const elapsed = LOAD_MS - (deadline - Date.now());
      if (downAt === null && elapsed > 500) {
        await jaeger.stop();
        downAt = Date.now();
      }
      if (downAt !== null && !restarted && Date.now() - downAt > OUTAGE_MS) {
        await jaeger.start();
        restarted = true;
      }
      acknowledged += await postSpans(traceId, 5);
      await new Promise((r) => setTimeout(r, 40));
    }
    if (!restarted) await jaeger.start();
    expect(acknowledged).toBeGreaterThan(100);
    expect(
      await metric('collector_export_failures_total', { exporter: 'jaeger', retryable: 'true' }),
    ).toBeGreaterThan(0);
    await waitFor(
      () =>
        new Set(jaeger.spans.filter((s) => s.traceId === traceId).map((s) => s.spanId)).size >= acknowledged,
      20_000,
    );
    expect(new Set(jaeger.spans.filter((s) => s.traceId === traceId).map((s) => s.spanId)).size).toBe(
      acknowledged,
    );
    expect(await metric('collector_signals_dropped_total', { exporter: 'jaeger' })).toBe(0);
    await waitFor(async () => (await metric('collector_exporter_queue_depth', { exporter: 'jaeger' })) === 0);
  }, 150_000);
});
