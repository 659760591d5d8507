import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { fuzzAuthHeader } from './fuzzAuthHeader';
import { fuzzBody } from './fuzzBody';
import { fuzzMutate } from './fuzzMutate';
import type { OtlpSignal } from './fuzzOtlp';
import { fuzzOtlp } from './fuzzOtlp';
import { encodeOtlp, fuzzProtobuf } from './fuzzProtobuf';
import { fuzzQuery } from './fuzzQuery';
import type { FuzzStage } from './fuzzStage';
import type { FuzzRequest, FuzzTarget } from './fuzzTarget';
import { fuzzPast } from './fuzzPast';
import { hostileString } from './fuzzValues';

const PROTOBUF = 'application/x-protobuf';

let bomb: Buffer | undefined;
/** gzipBomb is 8 MiB of JSON-ish bytes in about 8 KiB of gzip: twice the collector's default body limit. */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(8 * 1024 * 1024, '['), { level: 9 });
  return bomb;
}

const protoType = fc.oneof(
  { arbitrary: fc.constant(PROTOBUF), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      'application/x-protobuf; charset=binary',
      'application/protobuf',
      'application/octet-stream',
      'application/json',
      '',
    ),
    weight: 1,
  },
);
const protoEncoding = fc.oneof(
  { arbitrary: fc.constant('identity'), weight: 10 },
  { arbitrary: fc.constantFrom('gzip', 'gzip-truncated', 'gzip-fake', 'deflate', 'br', ' GZIP '), weight: 2 },
);
const apiKey = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 12 },
  { arbitrary: fc.constantFrom('', 'sl_unknown_key_0123456789', 'x'.repeat(2000)), weight: 1 },
);

function withApiKey(r: FuzzRequest, key: string | undefined): FuzzRequest {
  return key === undefined ? r : { ...r, headers: { ...r.headers, 'x-api-key': key } };
}

/** receiverRequests generates OTLP/HTTP exports of one signal: mutated JSON, garbled protobuf, gzip good and bad. */
function receiverRequests(signal: OtlpSignal): fc.Arbitrary<FuzzRequest> {
  const path = `/v1/${signal}`;
  const template = fuzzOtlp(signal);
  const json = fc
    .tuple(fuzzBody(fuzzMutate(template)), apiKey)
    .map(([b, key]) => withApiKey({ method: 'POST', path, headers: b.headers, body: b.body }, key));
  const protobuf = fc
    .tuple(template, fuzzMutate(template), fuzzProtobuf, protoType, protoEncoding, apiKey)
    .map(([valid, mutated, garble, type, enc, key]) => {
      let encoded: Buffer;
      try {
        // protobufjs coerces what it can of a mutated request; what it cannot encode falls back to the valid one.
        encoded = encodeOtlp(signal, mutated);
      } catch {
        encoded = encodeOtlp(signal, valid);
      }
      let body = garble(encoded);
      const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
      if (enc !== 'identity') {
        headers['content-encoding'] = enc.replace(/-(truncated|fake)$/, '');
        if (enc === 'gzip' || enc === 'gzip-truncated' || enc === ' GZIP ') body = gzipSync(body);
        if (enc === 'gzip-truncated') body = body.subarray(0, Math.max(1, body.length >> 1));
      }
      return withApiKey({ method: 'POST', path, headers, body }, key);
    });
  const odd = fc.oneof(
    fc.constantFrom('application/json', PROTOBUF).map((type) => ({
      method: 'POST',
      path,
      headers: { 'content-type': type, 'content-encoding': 'gzip' },
      body: gzipBomb(),
    })),
    fc
      .constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS')
      .map((method) => ({ method, path, headers: {} })),
    fc
      .tuple(
        fc.uint8Array({ maxLength: 2048 }),
        hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 100)),
      )
      .map(([b, type]) => ({
        method: 'POST',
        path,
        headers: { 'content-type': type },
        body: Buffer.from(b),
      })),
  );
  return fc.oneof(
    { arbitrary: json, weight: 6 },
    { arbitrary: protobuf, weight: 6 },
    { arbitrary: odd, weight: 1 },
  );
}

/** LOG_QUERY_PARAMS are valid-ish values of the log search parameters (collector and api take the same ones). */
export const LOG_QUERY_PARAMS: Record<string, fc.Arbitrary<string>> = {
  tenant: fc.constantFrom('acme', 'globex', 'initech', 'platform', 'no-such-tenant'),
  service: fc.constantFrom('gateway', 'checkout', 'api'),
  severity: fc.oneof(
    fc.integer({ min: 1, max: 24 }).map(String),
    fc.constantFrom('info', 'WARN', 'error', 'fatal', 'trace'),
  ),
  q: fc.oneof(
    fc.constantFrom('error', 'timeout', '%', '_', '\\', "'", 'a:b', '*'),
    fc.string({ maxLength: 30 }),
  ),
  from: fuzzPast(30 * 86_400_000, 3_600_000),
  to: fuzzPast(3_600_000, 0),
  traceId: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex')),
  limit: fc.integer({ min: 1, max: 500 }).map(String),
  cursor: fc
    .tuple(fuzzPast(3_600_000, 0), fc.oneof(fc.nat().map(String), fc.constant('99999999999999999999')))
    .map(([t, id]) => Buffer.from(JSON.stringify([t.replace('Z', '000Z'), id])).toString('base64url')),
};

/** fuzzCollectorTargets are the collector's OTLP receivers (three signals) and its internal log search. */
export function fuzzCollectorTargets(stage: FuzzStage): FuzzTarget[] {
  const receivers = (['traces', 'logs', 'metrics'] as const).map((signal): FuzzTarget => ({
    name: `collector POST /v1/${signal}`,
    service: 'collector',
    requests: receiverRequests(signal),
  }));
  const search: FuzzTarget = {
    name: 'collector GET /internal/v1/logs (log search)',
    service: 'collector',
    requests: fc
      .tuple(fuzzQuery(LOG_QUERY_PARAMS, ['tenant']), fuzzAuthHeader(stage.internalToken))
      .map(([q, headers]) => ({ method: 'GET', path: `/internal/v1/logs?${q}`, headers })),
  };
  return [...receivers, search];
}
