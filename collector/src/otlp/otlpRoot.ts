// The generated module is typed only as a protobufjs Root, so the few message types we use are declared here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root') as OtlpRoot;

/** OtlpMessageType is the part of a protobufjs static message class the collector uses. */
export interface OtlpMessageType {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): unknown;
  toObject(message: unknown, options?: Record<string, unknown>): Record<string, unknown>;
}

interface OtlpRoot {
  opentelemetry: {
    proto: {
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
