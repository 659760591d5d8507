import type { Logger } from 'pino';
import { createLogger } from './createLogger';
import { OtlpLogShipper } from './OtlpLogShipper';

/** ServiceLoggerOptions configures createServiceLogger. */
export interface ServiceLoggerOptions {
  service: string;
  level?: string;
  /** Collector base URL; log lines are also shipped there as OTLP when it is set. */
  otlpEndpoint?: string | undefined;
}

/** ServiceLogger is a service's logger and the way to flush it at shutdown. */
export interface ServiceLogger {
  logger: Logger;
  close(): Promise<void>;
}

/**
 * createServiceLogger returns the JSON logger every service uses: stdout, plus the collector when an OTLP
 * endpoint is configured, so that a trace shows its services' log lines.
 */
export function createServiceLogger(options: ServiceLoggerOptions): ServiceLogger {
  const shipper = options.otlpEndpoint
    ? new OtlpLogShipper({ service: options.service, endpoint: options.otlpEndpoint })
    : undefined;
  const logger = createLogger({
    service: options.service,
    ...(options.level ? { level: options.level } : {}),
    extraStreams: shipper ? [shipper] : [],
  });
  return {
    logger,
    async close() {
      logger.flush();
      await shipper?.close();
    },
  };
}
