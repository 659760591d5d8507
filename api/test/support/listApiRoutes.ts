import { TokenVerifier } from '@sightline/authn';
import { InternalService } from '@sightline/http';
import { Registry } from 'prom-client';
import { AlertingClient } from '../../src/clients/AlertingClient';
import { CollectorClient } from '../../src/clients/CollectorClient';
import { GatewayAdminClient } from '../../src/clients/GatewayAdminClient';
import { ReportsClient } from '../../src/clients/ReportsClient';
import { createApiApp } from '../../src/http/createApiApp';
import { buildOpenApiDocument } from '../../src/openapi/buildOpenApiDocument';
import { SlaService } from '../../src/sla/SlaService';
import { registeredRoutes } from '@sightline/testing';

/**
 * listApiRoutes builds the api's express app exactly as startApi wires it, with dependencies that are never
 * called, and lists every route it registers ("METHOD /path").
 */
export function listApiRoutes(): string[] {
  // Nothing listens on port 9 (discard); building the app calls no dependency.
  const service = (name: string) =>
    new InternalService({ name, baseUrl: 'http://127.0.0.1:9', internalToken: 'route-listing-token-0123' });
  const collector = new CollectorClient(service('collector'));
  const app = createApiApp({
    verifier: TokenVerifier.fromConfig({ authUrl: 'http://127.0.0.1:9', issuer: 'sightline-auth' }),
    auth: service('auth'),
    collector,
    alerting: new AlertingClient(service('alerting')),
    gateway: new GatewayAdminClient(service('gateway')),
    reports: new ReportsClient(service('reports')),
    sla: new SlaService(collector),
    registry: new Registry(),
    logger: { error: () => undefined },
    consoleOrigins: [],
    openApiDocument: buildOpenApiDocument(),
    ready: () => Promise.resolve(true),
  });
  return registeredRoutes(app);
}
