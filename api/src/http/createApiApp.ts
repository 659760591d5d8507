import { errorMiddleware, healthRoutes, notFoundHandler } from '@sightline/http';
import type { ErrorLogger } from '@sightline/http';
import express from 'express';
import type { Express } from 'express';
import type { Registry } from 'prom-client';
import { LoginRequest, RefreshRequest } from '@sightline/contracts';
import { TRACE_READER_ROLES } from '@sightline/authn';
import { requireAuth } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import { AlertEngineClient } from '../clients/AlertEngineClient';
import type { AlertingClient } from '../clients/AlertingClient';
import type { CollectorClient } from '../clients/CollectorClient';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import type { ReportsClient } from '../clients/ReportsClient';
import type { InternalService } from '@sightline/http';
import type { SlaService } from '../sla/SlaService';
import { corsMiddleware } from './corsMiddleware';
import { docsRoutes } from './docsRoutes';
import { incidentsRoute } from './incidentsRoute';
import { limitsRoute } from './limitsRoute';
import { ALERT_READER_ROLES } from './alertReaderRoles';
import { alertEngineRoutes } from './alertEngineRoutes';
import { authForwardRoute } from './authForwardRoute';
import { logsRoute } from './logsRoute';
import { reportRoutes } from './reportRoutes';
import { servicesRoute } from './servicesRoute';
import { slaHistoryRoute } from './slaHistoryRoute';
import { slaRoute } from './slaRoute';
import { sloAlertsRoute } from './sloAlertsRoute';
import { sloHistoryRoute } from './sloHistoryRoute';
import { sloStatusRoute } from './sloStatusRoute';
import { tenantErasureRoutes } from './tenantErasureRoute';
import { tenantsRoute } from './tenantsRoute';
import { topRoutesRoute } from './topRoutesRoute';
import { traceRoute } from './traceRoute';

/** ApiAppDeps is everything createApiApp wires together. */
export interface ApiAppDeps {
  verifier: TokenVerifier;
  auth: InternalService;
  collector: CollectorClient;
  alerting: AlertingClient;
  gateway: GatewayAdminClient;
  reports: ReportsClient;
  sla: SlaService;
  registry: Registry;
  logger: ErrorLogger;
  consoleOrigins: readonly string[];
  openApiDocument: object;
  ready: () => Promise<boolean>;
}

/**
 * createApiApp builds the public REST app: login, tenants, SLA, SLOs, alerts, the alert engine (groups, silences,
 * on-call configuration, audit), weekly reports, services, failing routes, incidents, limits, logs, traces, docs,
 * health and errors.
 */
export function createApiApp(deps: ApiAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(corsMiddleware(deps.consoleOrigins));
  app.use(healthRoutes({ registry: deps.registry, ready: deps.ready }));
  app.use(docsRoutes(deps.openApiDocument));
  const sessionBody = express.json({ limit: '16kb' });
  app.post('/v1/auth/login', sessionBody, authForwardRoute(deps.auth, '/v1/auth/login', LoginRequest));
  app.post('/v1/auth/refresh', sessionBody, authForwardRoute(deps.auth, '/v1/auth/refresh', RefreshRequest));
  app.post('/v1/auth/logout', sessionBody, authForwardRoute(deps.auth, '/v1/auth/logout', RefreshRequest));
  app.get('/v1/tenants', requireAuth(deps.verifier), tenantsRoute(deps.gateway));
  app.get('/v1/tenants/:id/sla', requireAuth(deps.verifier), slaRoute(deps.gateway, deps.sla));
  app.get(
    '/v1/tenants/:id/sla/history',
    requireAuth(deps.verifier),
    slaHistoryRoute(deps.gateway, deps.collector),
  );
  app.get('/v1/tenants/:id/slos', requireAuth(deps.verifier), sloStatusRoute(deps.alerting, deps.gateway));
  app.get('/v1/tenants/:id/slos/:slo/history', requireAuth(deps.verifier), sloHistoryRoute(deps.alerting));
  app.get('/v1/slo-alerts', requireAuth(deps.verifier, ALERT_READER_ROLES), sloAlertsRoute(deps.alerting));
  app.get('/v1/tenants/:id/services', requireAuth(deps.verifier), servicesRoute(deps.collector));
  app.get('/v1/tenants/:id/routes', requireAuth(deps.verifier), topRoutesRoute(deps.gateway, deps.collector));
  app.get(
    '/v1/tenants/:id/incidents',
    requireAuth(deps.verifier),
    incidentsRoute(deps.gateway, deps.alerting),
  );
  app.get('/v1/tenants/:id/limits', requireAuth(deps.verifier), limitsRoute(deps.gateway));
  app.get('/v1/logs', requireAuth(deps.verifier, TRACE_READER_ROLES), logsRoute(deps.collector));
  app.get('/v1/traces/:traceId', requireAuth(deps.verifier, TRACE_READER_ROLES), traceRoute(deps.collector));
  // The alert engine is alerting's too, so it shares alerting's connection (token, timeout, name in errors).
  app.use(alertEngineRoutes(deps.verifier, new AlertEngineClient(deps.alerting.service)));
  app.use(reportRoutes(deps.verifier, deps.reports));
  // auth first: once its users are gone nobody of the tenant can log in while the rest is erased.
  app.use(tenantErasureRoutes(deps.verifier, [deps.auth, deps.reports.service, deps.collector.service]));
  app.use(notFoundHandler);
  app.use(errorMiddleware(deps.logger));
  return app;
}
