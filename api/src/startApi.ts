import { closeServer, listen } from '@sightline/http';
import { createLogger, createMetrics } from '@sightline/telemetry';
import { createServer } from 'node:http';
import { TokenVerifier } from '@sightline/authn';
import { AlertingClient } from './clients/AlertingClient';
import { CollectorClient } from './clients/CollectorClient';
import { GatewayAdminClient } from './clients/GatewayAdminClient';
import { ReportsClient } from './clients/ReportsClient';
import { InternalService } from '@sightline/http';
import type { ApiConfig } from './config';
import { createApiApp } from './http/createApiApp';
import { buildOpenApiDocument } from './openapi/buildOpenApiDocument';
import { SlaHub } from './realtime/SlaHub';
import { SlaService } from './sla/SlaService';

/** ApiHandle is a running api. */
export interface ApiHandle {
  port: number;
  /** isFollowingCollectorEvents is true while the collector's SSE stream is open. */
  isFollowingCollectorEvents(): boolean;
  close(): Promise<void>;
}

/** ApiTuning holds timings tests may shorten; production uses the defaults. */
export interface ApiTuning {
  slaRefreshMs?: number;
  slaCoalesceMs?: number;
}

/** startApi starts the public REST API and the Socket.io hub on one HTTP server. */
export async function startApi(config: ApiConfig, tuning: ApiTuning = {}): Promise<ApiHandle> {
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
  const service = (name: string, baseUrl: string) =>
    new InternalService({ name, baseUrl, internalToken: config.INTERNAL_TOKEN });
  const auth = service('auth', config.AUTH_URL);
  const collector = new CollectorClient(service('collector', config.COLLECTOR_URL));
  const alerting = new AlertingClient(service('alerting', config.ALERTING_URL));
  const gateway = new GatewayAdminClient(service('gateway', config.GATEWAY_ADMIN_URL));
  const reports = new ReportsClient(service('reports', config.REPORTS_URL));
  const verifier = TokenVerifier.fromConfig({ authUrl: config.AUTH_URL, issuer: config.AUTH_ISSUER });
  const sla = new SlaService(collector);
  const app = createApiApp({
    verifier,
    auth,
    collector,
    alerting,
    gateway,
    reports,
    sla,
    registry: createMetrics('api'),
    logger,
    consoleOrigins: config.CONSOLE_ORIGINS,
    openApiDocument: buildOpenApiDocument(),
    // Reports are not part of readiness: the SLA board works without them, and their routes answer 503 instead.
    ready: async () => {
      const [jwks, col] = await Promise.all([
        auth.isHealthy('/.well-known/jwks.json'),
        collector.isHealthy(),
      ]);
      return jwks && col;
    },
  });
  const server = createServer(app);
  const hub = SlaHub.attach({
    server,
    verifier,
    gateway,
    sla,
    collector: collector.service,
    consoleOrigins: config.CONSOLE_ORIGINS,
    logger,
    ...(tuning.slaRefreshMs === undefined ? {} : { refreshMs: tuning.slaRefreshMs }),
    ...(tuning.slaCoalesceMs === undefined ? {} : { coalesceMs: tuning.slaCoalesceMs }),
  });
  let port: number;
  try {
    port = await listen(server, config.API_PORT, config.HOST);
  } catch (err) {
    await hub.close();
    throw err;
  }
  logger.info({ port, host: config.HOST }, 'api listening');
  return {
    port,
    isFollowingCollectorEvents: () => hub.isFollowingEvents(),
    async close() {
      await hub.close();
      await closeServer(server);
      logger.flush();
    },
  };
}
