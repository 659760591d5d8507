/**
 * The OpenSearch exporter against a fake that checks OpenSearch's contract (ISM, flat_object, data streams) and,
 * for an Amazon OpenSearch Service domain, recomputes every request's SigV4 signature for service `es`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '@sightline/testing';
import type { DeadLetter } from '../src/exporters/DeadLetterSink';
import type { OpenSearchExporterOptions } from '../src/exporters/opensearch/OpenSearchExporter';
import { OpenSearchExporter } from '../src/exporters/opensearch/OpenSearchExporter';
import type { SpanRecord } from '../src/otlp/records';
import { jsonSpan, postOtlp, startTestCollector, traceRequest } from './collectorHarness';
import { FakeOpenSearch } from './fakes/FakeOpenSearch';

const REGION = 'eu-west-1';
const KEY_ID = 'AKIAOPENSEARCHTEST01';
const SECRET = 'open/search+secret/key/for/tests/0123456789';
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

function span(traceId: string, tenant = 'acme'): SpanRecord {
  const start = Date.now();
  return {
    traceId,
    spanId: hex(8),
    parentSpanId: null,
    tenantId: tenant,
    service: 'gateway',
    name: 'GET /api/orders',
    kind: 2,
    startTime: new Date(start).toISOString(),
    endTime: new Date(start + 3).toISOString(),
    startUnixNano: `${start}000000`,
    endUnixNano: `${start + 3}000000`,
    endUnixMs: start + 3,
    durationMs: 3,
    statusCode: 0,
    statusMessage: null,
    attributes: { 'http.route': '/api/orders' },
    resource: { 'service.name': 'gateway' },
  };
}

function exporter(
  os: FakeOpenSearch,
  letters: DeadLetter[],
  extra: Partial<OpenSearchExporterOptions> = {},
): OpenSearchExporter {
  return new OpenSearchExporter({
    url: os.url,
    prefix: 'sightline',
    retentionDays: 7,
    timeoutMs: 2000,
    itemRetries: 1,
    itemRetryWaitMs: 20,
    deadLetters: { write: async (l) => void letters.push(...l) },
    ...extra,
  });
}

/** signedDomain is a started fake Amazon OpenSearch Service domain that takes KEY_ID / SECRET for REGION. */
async function signedDomain(): Promise<FakeOpenSearch> {
  const os = new FakeOpenSearch({
    credentials: { [KEY_ID]: SECRET },
    region: REGION,
    service: 'es',
    now: Date.now,
  });
  await os.start();
  return os;
}

const signed = (secret = SECRET, sessionToken?: string) => ({
  region: REGION,
  getCredentials: async () => ({
    accessKeyId: KEY_ID,
    secretAccessKey: secret,
    ...(sessionToken ? { sessionToken } : {}),
  }),
});

describe('OpenSearch exporter', () => {
  let os: FakeOpenSearch;
  afterEach(async () => os?.stop());

  it('installs an ISM policy on the data streams and a flat_object template, and replaces the policy on restart', async () => {
    os = new FakeOpenSearch();
    await os.start();
    const first = exporter(os, [], { retentionDays: 30 });
    expect(await first.start()).toEqual({ kind: 'success' });
    await first.close();
    const { policy } = os.ismPolicies.get('sightline-policy')!;
    expect(policy).toMatchObject({
      default_state: 'hot',
      states: [
        {
          name: 'hot',
          actions: [{ rollover: { min_index_age: '1d' } }],
          transitions: [{ state_name: 'delete', conditions: { min_index_age: '30d' } }],
        },
        { name: 'delete', actions: [{ delete: {} }] },
      ],
      ism_template: [
        {
          index_patterns: [
            'sightline-spans',
            'sightline-logs',
            '.ds-sightline-spans-*',
            '.ds-sightline-logs-*',
          ],
        },
      ],
    });
    expect(os.templates.get('sightline-template')).toMatchObject({
      index_patterns: ['sightline-*'],
      data_stream: {},
      template: { mappings: { properties: { attributes: { type: 'flat_object' } } } },
    });
    // A second replica (or a restart with a new retention) replaces the policy instead of failing with 409.
    const second = exporter(os, [], { retentionDays: 14 });
    expect(await second.start()).toEqual({ kind: 'success' });
    await second.close();
    expect(os.ismPolicies.get('sightline-policy')!.policy.states![0]!.transitions).toEqual([
      { state_name: 'delete', conditions: { min_index_age: '14d' } },
    ]);
    expect(os.contractErrors).toEqual([]);
  });

  it('signs every request with SigV4 for service es, a session token included, and indexes into the data streams', async () => {
    os = await signedDomain();
    const letters: DeadLetter[] = [];
    const e = exporter(os, letters, { aws: signed(SECRET, 'irsa-session-token') });
    try {
      expect(await e.start()).toEqual({ kind: 'success' });
      const traceId = hex(16);
      expect(await e.export({ spans: [span(traceId), span(traceId)], logs: [], metrics: [] })).toEqual({
        kind: 'success',
      });
      expect([...os.docs.keys()].filter((k) => k.startsWith('sightline-spans/'))).toHaveLength(2);
      expect(os.refusedSignatures).toEqual([]);
      expect(os.signedRequests).toBeGreaterThanOrEqual(4); // GET and PUT policy, template, bulk
      expect(letters).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it('keeps a batch for retry, and dead-letters nothing, when the domain refuses the signature', async () => {
    os = await signedDomain();
    const letters: DeadLetter[] = [];
    const e = exporter(os, letters, { aws: signed('not-the-secret') });
    try {
      const start = await e.start();
      expect(start).toMatchObject({ kind: 'failure', retryable: true });
      const result = await e.export({ spans: [span(hex(16))], logs: [], metrics: [] });
      expect(result).toMatchObject({ kind: 'failure', retryable: true });
      expect(os.refusedSignatures[0]).toContain('SignatureDoesNotMatch');
      expect(os.docs.size).toBe(0);
      expect(letters).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it('retries items answered 429 and dead-letters items refused for their mapping, with the reason', async () => {
    os = new FakeOpenSearch();
    await os.start();
    const letters: DeadLetter[] = [];
    const throttled = hex(16);
    const unmappable = hex(16);
    let throttles = 1;
    os.answer = (doc) => {
      if (doc.trace_id === throttled && throttles-- > 0) return 429;
      return doc.trace_id === unmappable ? 400 : 201;
    };
    const e = exporter(os, letters);
    try {
      const result = await e.export({ spans: [span(throttled), span(unmappable)], logs: [], metrics: [] });
      expect(result).toEqual({ kind: 'success' });
      expect([...os.docs.values()].map((d) => d.trace_id)).toEqual([throttled]);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ exporter: 'opensearch', record: { trace_id: unmappable } });
      expect(letters[0]!.reason).toContain('400 document_parsing_exception');
    } finally {
      await e.close();
    }
  });
});

describe('the collector with OPENSEARCH_URL and OPENSEARCH_AWS_REGION', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
      if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = saved[k];
    }
  });

  it('takes its keys from the AWS provider chain (here the environment) and delivers received spans, signed', async () => {
    process.env.AWS_ACCESS_KEY_ID = KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = SECRET;
    process.env.AWS_SESSION_TOKEN = 'env-session-token';
    const os = await signedDomain();
    const c = await startTestCollector({
      OPENSEARCH_URL: os.url,
      OPENSEARCH_AWS_REGION: REGION,
      EXPORT_RETRY_INITIAL_MS: 50,
      EXPORT_RETRY_MAX_MS: 400,
      EXPORT_TIMEOUT_MS: 2000,
    });
    try {
      const traceId = hex(16);
      const now = Date.now();
      const spans = [0, 1, 2].map((i) =>
        jsonSpan({ traceId, spanId: hex(8), name: `op-${i}`, startMs: now, durationMs: 2, attributes: {} }),
      );
      const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('svc', spans)), {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(200);
      await waitFor(() => [...os.docs.values()].filter((d) => d.trace_id === traceId).length === 3, 10_000);
      expect(os.refusedSignatures).toEqual([]);
      expect(os.contractErrors).toEqual([]);
      expect(existsSync(path.join(c.dataDir, 'queue', 'dead-letters', 'opensearch.ndjson'))).toBe(false);
    } finally {
      await c.close();
      await os.stop();
    }
  });
});
