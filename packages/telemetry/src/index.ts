export { createLogger, REDACT_PATHS, serializeError } from './createLogger';
export type { LoggerOptions } from './createLogger';
export { OtlpLogShipper, toOtlpLogs } from './OtlpLogShipper';
export type { OtlpLogShipperOptions } from './OtlpLogShipper';
export { initTracing } from './initTracing';
export type { Tracing, TracingOptions } from './initTracing';
export { createMetrics } from './createMetrics';
export { withTenant, activeTenant } from './tenantContext';
