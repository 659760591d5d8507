export { createLogger, REDACT_PATHS, serializeError } from './createLogger';
export type { LoggerOptions } from './createLogger';
export { OtlpLogShipper, toOtlpLogs } from './OtlpLogShipper';
export type { OtlpLogShipperOptions } from './OtlpLogShipper';
export { initTracing } from './initTracing';
export type { Tracing, TracingOptions } from './initTracing';
export { createMetrics, liveHeapAfterMajorGc, majorGcsObserved } from './createMetrics';
export { withTenant, activeTenant } from './tenantContext';
export { createServiceLogger } from './createServiceLogger';
export type { ServiceLogger, ServiceLoggerOptions } from './createServiceLogger';
export { redactText, REDACTED } from './redaction/redactText';
export { sensitiveHints, ALL_HINTS } from './redaction/sensitiveHints';
export { luhnValid } from './redaction/luhnValid';
export { ipNetwork, truncateIPv4, truncateIPv6 } from './redaction/truncateIp';
export { throttle } from './throttle';
export { PeriodicTask } from './PeriodicTask';
export {
  OUTCOME_KEPT_ATTRIBUTE,
  OutcomeKeepingProcessor,
  RecordSampler,
  RecordingRatioSampler,
  keepsOutcome,
} from './outcomeSampling';
export type { OutcomeRule } from './outcomeSampling';
export { RecentMap } from './RecentMap';
export { SyncContextManager } from './SyncContextManager';
