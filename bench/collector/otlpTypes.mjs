// The OTLP protobuf types the collector itself decodes with (its own @opentelemetry/otlp-transformer, protobufjs
// generated code), so the load generator and the bare receiver speak exactly the collector's wire format.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'collector', 'package.json'),
);
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root');

/** TRACE_REQUEST is ExportTraceServiceRequest (decode, encode, fromObject). */
export const TRACE_REQUEST = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
