import { createRequire } from 'node:module';

// The generated module is typed only as a protobufjs Root, so the few message types we use are declared here.
const rootPath = require.resolve('@opentelemetry/otlp-transformer/build/src/generated/root');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const root = require(rootPath) as OtlpRoot;
// The generated code checks `reader instanceof Reader`, so readers must come from the protobufjs it loaded itself.
const protobufMinimal = createRequire(rootPath)('protobufjs/minimal') as {
  Reader: { create(buffer: Uint8Array): OtlpReader };
};

/** OtlpMessageType is the part of a protobufjs static message class the collector uses. */
export interface OtlpMessageType {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): unknown;
  toObject(message: unknown, options?: Record<string, unknown>): Record<string, unknown>;
}

/** OtlpReader is the part of a protobufjs Reader the collector uses: its position in the buffer. */
export interface OtlpReader {
  pos: number;
  readonly len: number;
}

/** OtlpPartType is a nested OTLP message type, decoded in place from a reader positioned on its bytes. */
export interface OtlpPartType<T> {
  decode(reader: OtlpReader, length: number): T;
}

/** OtlpAttributesMessage is what protobufjs decodes a message holding `repeated KeyValue attributes` into. */
export interface OtlpAttributesMessage {
  attributes: unknown[];
}

interface OtlpRoot {
  opentelemetry: {
    proto: {
      common: {
        v1: { AnyValue: OtlpPartType<unknown>; InstrumentationScope: OtlpPartType<unknown> };
      };
      resource: { v1: { Resource: OtlpPartType<OtlpAttributesMessage> } };
      trace: {
        v1: { Span: { Event: OtlpPartType<unknown>; Link: OtlpPartType<unknown> } };
      };
      collector: {
        trace: {
          v1: { ExportTraceServiceRequest: OtlpMessageType; ExportTraceServiceResponse: OtlpMessageType };
        };
        logs: {
          v1: { ExportLogsServiceRequest: OtlpMessageType; ExportLogsServiceResponse: OtlpMessageType };
        };
        metrics: {
          v1: { ExportMetricsServiceRequest: OtlpMessageType; ExportMetricsServiceResponse: OtlpMessageType };
        };
      };
    };
  };
}

/** OTLP_TYPES are the protobuf request and response types of the three signals the collector receives. */
export const OTLP_TYPES = {
  traces: {
    request: root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest,
    response: root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse,
  },
  logs: {
    request: root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest,
    response: root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse,
  },
  metrics: {
    request: root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest,
    response: root.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse,
  },
} as const;

/** createOtlpReader makes a protobufjs reader over a whole request body, for decoding nested parts in place. */
export function createOtlpReader(body: Buffer): OtlpReader {
  return protobufMinimal.Reader.create(body);
}

/** OTLP_PARTS are the nested message types the single-pass trace decoder leaves to protobufjs. */
export const OTLP_PARTS = {
  anyValue: root.opentelemetry.proto.common.v1.AnyValue,
  scope: root.opentelemetry.proto.common.v1.InstrumentationScope,
  resource: root.opentelemetry.proto.resource.v1.Resource,
  event: root.opentelemetry.proto.trace.v1.Span.Event,
  link: root.opentelemetry.proto.trace.v1.Span.Link,
} as const;
