import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase } from '@sightline/testing';
import type { RollupsFlushedEvent } from '@sightline/contracts';
import { OTLP_TYPES } from '../src/otlp/otlpRoot';
import { loadCollectorConfig } from '../src/config';
import type { CollectorExtras, CollectorHandle } from '../src/startCollector';
import { startCollector } from '../src/startCollector';

/** TEST_TOKEN is the internal token every test collector is started with. */
export const TEST_TOKEN = 'test-internal-token-0123456789';

/** FIXTURE_TRACE_ID is the trace id the shared OTLP fixtures carry, in lower case. */
export const FIXTURE_TRACE_ID = '5b8efff798038103d269b633813fc60c';

/** TestCollector is a collector running in-process on its own fresh database. */
export interface TestCollector {
  base: string;
  handle: CollectorHandle;
  db: TestDatabase;
  /** A fresh folder for this collector's disk queues and archives. */
  dataDir: string;
  close(): Promise<void>;
}

/** startTestCollector starts a collector on port 0 against a fresh database. */
export async function startTestCollector(
  overrides: Record<string, string | number | boolean> = {},
  extras: CollectorExtras = {},
  /** Another replica on the same database; its owner drops the database, not this one. */
  sharedDb?: TestDatabase,
): Promise<TestCollector> {
  const db = sharedDb ?? (await createTestDatabase('sl_collector'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sl-collector-'));
  const config = loadCollectorConfig({}, {
    DATABASE_URL: db.url,
    INTERNAL_TOKEN: TEST_TOKEN,
    COLLECTOR_PORT: 0,
    LOG_LEVEL: 'silent',
    ROLLUP_FLUSH_MS: 100,
    QUEUE_DIR: path.join(dataDir, 'queue'),
    ARCHIVE_DIR: path.join(dataDir, 'archive'),
    ...overrides,
  } as Parameters<typeof loadCollectorConfig>[1]);
  const handle = await startCollector(config, extras);
  return {
    base: `http://127.0.0.1:${handle.port}`,
    handle,
    db,
    dataDir,
    async close() {
      await handle.close();
      if (!sharedDb) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fixture reads one of the shared OTLP/JSON fixtures (CI clones the repo beside shared/). */
export function fixture(name: 'trace.json' | 'logs.json'): string {
  return readFileSync(path.join(__dirname, '../../../shared/fixtures/otlp', name), 'utf8');
}

/** toProtobuf encodes an OTLP/JSON request as protobuf, turning hex ids into bytes as the wire format wants. */
export function toProtobuf(signal: 'traces' | 'logs' | 'metrics', json: unknown): Buffer {
  const withBytes = JSON.parse(JSON.stringify(json), (key: string, value: unknown) =>
    (key === 'traceId' || key === 'spanId' || key === 'parentSpanId') && typeof value === 'string'
      ? Buffer.from(value, 'hex')
      : value,
  ) as Record<string, unknown>;
  const type = OTLP_TYPES[signal].request;
  return Buffer.from(type.encode(type.fromObject(withBytes)).finish());
}

/** internalGet calls an internal route with the test token. */
export function internalGet(
  base: string,
  route: string,
  token: string | null = TEST_TOKEN,
): Promise<Response> {
  return fetch(`${base}${route}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

/** postOtlp posts a body to a receiver. */
export function postOtlp(
  base: string,
  signal: 'traces' | 'logs' | 'metrics',
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(`${base}/v1/${signal}`, { method: 'POST', headers, body });
}

/** AttrValue is an OTLP/JSON AnyValue for tests. */
export type AttrValue = { stringValue: string } | { intValue: number };

/** jsonSpan builds one OTLP/JSON span for tests. */
export function jsonSpan(options: {
  traceId: string;
  spanId: string;
  name?: string;
  kind?: number;
  startMs: number;
  durationMs: number;
  attributes?: Record<string, AttrValue>;
}): Record<string, unknown> {
  const startNs = BigInt(Math.round(options.startMs)) * 1_000_000n;
  const endNs = startNs + BigInt(Math.round(options.durationMs * 1_000_000));
  return {
    traceId: options.traceId,
    spanId: options.spanId,
    name: options.name ?? 'GET /',
    kind: options.kind ?? 2,
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: endNs.toString(),
    attributes: Object.entries(options.attributes ?? {}).map(([key, value]) => ({ key, value })),
  };
}

/** traceRequest wraps spans of one service into an ExportTraceServiceRequest. */
export function traceRequest(
  service: string,
  spans: unknown[],
  resourceAttributes: Record<string, AttrValue> = {},
): unknown {
  const attrs = { 'service.name': { stringValue: service }, ...resourceAttributes };
  return {
    resourceSpans: [
      {
        resource: { attributes: Object.entries(attrs).map(([key, value]) => ({ key, value })) },
        scopeSpans: [{ scope: { name: 'test' }, spans }],
      },
    ],
  };
}

/** openEvents opens the SSE stream and collects every `rollups` event it carries. */
export async function openEvents(base: string): Promise<{
  events: RollupsFlushedEvent[];
  text: () => string;
  close: () => void;
}> {
  const abort = new AbortController();
  const res = await fetch(`${base}/internal/v1/events`, {
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: RollupsFlushedEvent[] = [];
  let buffer = '';
  let all = '';
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        all += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = frame.split('\n');
          if (lines[0] === 'event: rollups' && lines[1]?.startsWith('data: '))
            events.push(JSON.parse(lines[1].slice(6)) as RollupsFlushedEvent);
        }
      }
    } catch {
      // The stream ends when the test aborts it.
    }
  })();
  return { events, text: () => all, close: () => abort.abort() };
}
