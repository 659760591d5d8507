import { errorMiddleware, healthRoutes, notFoundHandler } from '@sightline/http';
import type { ErrorLogger } from '@sightline/http';
import express from 'express';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';
import type { AuthDatabase } from '../db/AuthDatabase';
import type { SigningKeyStore } from '../tokens/SigningKeyStore';
import { apiKeyVerifyRoute } from './apiKeyVerifyRoute';
import { jwksRoute } from './jwksRoute';
import { loginRoute } from './loginRoute';
import { requireInternalToken } from './requireInternalToken';

/** AuthAppDeps is everything createAuthApp wires together. */
export interface AuthAppDeps {
  db: Kysely<AuthDatabase>;
  keys: SigningKeyStore;
  registry: Registry;
  logger: ErrorLogger;
  internalToken: string;
  issuer: string;
  ttlSeconds: number;
  ready: () => Promise<boolean>;
}

/** createAuthApp builds auth's express app: login, JWKS, the internal key check, health and errors. */
export function createAuthApp(deps: AuthAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const logins = new Counter({
    name: 'auth_logins_total',
    help: 'Login attempts by result.',
    labelNames: ['result'] as const,
    registers: [deps.registry],
  });
  app.use(healthRoutes({ registry: deps.registry, ready: deps.ready }));
  app.get('/.well-known/jwks.json', jwksRoute(deps.keys));
  const json = express.json({ limit: '16kb' });
  app.post(
    '/v1/auth/login',
    json,
    loginRoute({ db: deps.db, keys: deps.keys, issuer: deps.issuer, ttlSeconds: deps.ttlSeconds, logins }),
  );
  app.post(
    '/internal/v1/api-keys/verify',
    requireInternalToken(deps.internalToken),
    json,
    apiKeyVerifyRoute(deps.db),
  );
  app.use(notFoundHandler);
  app.use(errorMiddleware(deps.logger));
  return app;
}
