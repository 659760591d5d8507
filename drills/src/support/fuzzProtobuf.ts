import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import type { OtlpSignal } from './fuzzOtlp';
import { repoRoot } from './repoRoot';

interface MessageType {
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): unknown;
}

const SERVICES: Record<OtlpSignal, [string, string]> = {
  traces: ['trace', 'ExportTraceServiceRequest'],
  logs: ['logs', 'ExportLogsServiceRequest'],
  metrics: ['metrics', 'ExportMetricsServiceRequest'],
};
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

let root: Record<string, unknown> | undefined;

/** requestType loads the collector's own OTLP protobuf root (its pinned otlp-transformer), so both sides agree. */
function requestType(signal: OtlpSignal): MessageType {
  root ??= createRequire(join(repoRoot(), 'collector', 'package.json'))(
    '@opentelemetry/otlp-transformer/build/src/generated/root',
  ) as Record<string, unknown>;
  const [pkg, name] = SERVICES[signal];
  const path = ['opentelemetry', 'proto', 'collector', pkg, 'v1', name];
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root) as MessageType;
}

/** encodeOtlp encodes an OTLP/JSON request as protobuf, with hex ids turned into bytes as the wire format wants. */
export function encodeOtlp(signal: OtlpSignal, json: unknown): Buffer {
  const withBytes = JSON.parse(JSON.stringify(json), (key: string, value: unknown) =>
    ID_FIELDS.has(key) && typeof value === 'string' ? Buffer.from(value, 'hex') : value,
  ) as Record<string, unknown>;
  const type = requestType(signal);
  return Buffer.from(type.encode(type.fromObject(withBytes)).finish());
}

/**
 * fuzzProtobuf garbles encoded protobuf: left as it is, bytes overwritten, cut short, bytes inserted, a field whose
 * length runs past the end, the first tag's wire type changed, or replaced by random bytes.
 */
export const fuzzProtobuf: fc.Arbitrary<(b: Buffer) => Buffer> = fc.oneof(
  { arbitrary: fc.constant((b: Buffer) => b), weight: 4 },
  {
    arbitrary: fc
      .array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 })
      .map((edits) => (b: Buffer) => {
        const out = Buffer.from(b);
        for (const [at, v] of edits) if (out.length > 0) out[at % out.length] = v;
        return out;
      }),
    weight: 3,
  },
  {
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((f) => (b: Buffer) => b.subarray(0, Math.floor(b.length * f))),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 }))
      .map(([at, bytes]) => (b: Buffer) => {
        const i = b.length === 0 ? 0 : at % b.length;
        return Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
      }),
    weight: 2,
  },
  {
    arbitrary: fc.constant((b: Buffer) =>
      Buffer.concat([b, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])]),
    ),
    weight: 1,
  },
  {
    arbitrary: fc
      .constantFrom(0x08, 0x0b, 0x0c, 0x0d, 0x0f)
      .map((tag) => (b: Buffer) => Buffer.concat([Buffer.from([tag]), b.subarray(1)])),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 512 }).map((r) => () => Buffer.from(r)), weight: 1 },
);
