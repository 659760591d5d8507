import type { Tracer } from '@opentelemetry/api';
import {
  errorMiddleware,
  healthRoutes,
  notFoundHandler,
  requireInternalToken,
  tenantErasureRoute,
} from '@sightline/http';
import express from 'express';
import type { Express } from 'express';
import type { Registry } from 'prom-client';
import type { AuthServices } from '../AuthServices';
import { eraseTenantUsers } from '../erasure/eraseTenantUsers';
import { apiKeysRouter } from './admin/apiKeysRouter';
import { auditRouter } from './admin/auditRouter';
import { clientsRouter } from './admin/clientsRouter';
import { signingKeysRouter } from './admin/signingKeysRouter';
import { usersRouter } from './admin/usersRouter';
import { apiKeyRevocationsRoute } from './apiKeyRevocationsRoute';
import { apiKeyVerifyRoute } from './apiKeyVerifyRoute';
import { jsonBody } from './jsonBody';
import { jwksRoute } from './jwksRoute';
import { loginRoute } from './loginRoute';
import { logoutRoute } from './logoutRoute';
import { oauthTokenRoute } from './oauthTokenRoute';
import { refreshRoute } from './refreshRoute';
import { traceRequests } from './traceRequests';

/** AuthAppDeps is everything createAuthApp wires together. */
export interface AuthAppDeps {
  services: AuthServices;
  registry: Registry;
  tracer: Tracer;
  internalToken: string;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR blocks); none by default. */
  trustedProxies: string[];
  ready: () => Promise<boolean>;
}

/** createAuthApp builds auth's express app: sessions, OAuth2, JWKS, admin, internal routes, health and errors. */
export function createAuthApp(deps: AuthAppDeps): Express {
  const { services } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustedProxies.length > 0 ? deps.trustedProxies : false);
  app.use(healthRoutes({ registry: deps.registry, ready: deps.ready }));
  app.use(traceRequests(deps.tracer));
  app.get('/.well-known/jwks.json', jwksRoute(services.keys));
  app.post('/v1/auth/login', ...jsonBody(), loginRoute(services));
  app.post('/v1/auth/refresh', ...jsonBody(), refreshRoute(services));
  app.post('/v1/auth/logout', ...jsonBody(), logoutRoute(services));
  app.use(oauthTokenRoute(services));
  app.use(usersRouter(services));
  app.use(apiKeysRouter(services));
  app.use(clientsRouter(services));
  app.use(signingKeysRouter(services));
  app.use(auditRouter(services));
  const internal = requireInternalToken(deps.internalToken);
  app.post('/internal/v1/api-keys/verify', internal, ...jsonBody(), apiKeyVerifyRoute(services.db));
  app.get('/internal/v1/api-keys/revocations', internal, apiKeyRevocationsRoute(services.apiKeys));
  app.use(
    tenantErasureRoute({
      service: 'auth',
      internalToken: deps.internalToken,
      erase: (tenantId, requestedBy) => eraseTenantUsers(services.db, services.audit, tenantId, requestedBy),
      log: (fields, message) => services.logger.info(fields, message),
    }),
  );
  app.use(notFoundHandler);
  app.use(errorMiddleware(services.logger));
  return app;
}
