import express from 'express';
import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import type { AuthServices } from '../AuthServices';
import type { OAuthErrorResponse, OAuthTokenResponse } from '@sightline/contracts';
import { issueAccessToken } from '../tokens/issueAccessToken';

type OAuthError = OAuthErrorResponse['error'];

/** OAuthProblem is an RFC 6749 §5.2 error: 401 for invalid_client, 400 otherwise. */
class OAuthProblem extends Error {
  override readonly name = 'OAuthProblem';
  constructor(
    readonly error: OAuthError,
    readonly description: string,
  ) {
    super(description);
  }
}

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const VSCHAR = /^[\x20-\x7E]*$/;
const SINGLE_PARAMS = ['grant_type', 'scope', 'client_id', 'client_secret'] as const;

/**
 * oauthTokenRoute serves POST /oauth/token for the client-credentials grant (RFC 6749 §4.4). Clients
 * authenticate with HTTP Basic or client_id/client_secret in the body (§2.3.1), never both. A requested
 * scope is a space-separated subset of the client's roles; without one the client gets all its roles.
 */
export function oauthTokenRoute(services: AuthServices): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 16 });
  router.post('/oauth/token', form, async (req, res) => {
    try {
      await grant(services, req, res);
    } catch (err) {
      if (!(err instanceof OAuthProblem)) throw err;
      sendError(res, err.error, err.description);
    }
  });
  const onBodyError: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
    if (err.type === 'entity.too.large' || err.type === 'parameters.too.many') {
      sendError(res, 'invalid_request', 'request body too large', 413);
      return;
    }
    if (typeof err.status === 'number' && err.status < 500) {
      sendError(res, 'invalid_request', 'the request body could not be read');
      return;
    }
    next(err);
  };
  router.all('/oauth/token', (_req, res) => {
    res.set('allow', 'POST');
    sendError(res, 'invalid_request', 'use POST', 405);
  });
  router.use('/oauth/token', onBodyError);
  return router;
}

async function grant(services: AuthServices, req: Request, res: Response): Promise<void> {
  if (!req.is('application/x-www-form-urlencoded')) {
    throw new OAuthProblem('invalid_request', 'send the body as application/x-www-form-urlencoded');
  }
  const params = readParams(req.body);
  if (params.grant_type === undefined) throw new OAuthProblem('invalid_request', 'grant_type is missing');
  if (params.grant_type !== 'client_credentials') {
    throw new OAuthProblem('unsupported_grant_type', 'only client_credentials is supported here');
  }
  const credentials = clientCredentials(req.get('authorization'), params);
  // RFC 6749 A.1-A.2: both are VSCHAR. Anything else is no client of ours, and a NUL reaching the lookup (or the
  // audit row of the failure) was a 500, found by the fuzz drill.
  if (!VSCHAR.test(credentials.clientId) || !VSCHAR.test(credentials.secret))
    throw new OAuthProblem('invalid_client', 'malformed client credentials');
  const client = await services.clients.authenticate(credentials.clientId, credentials.secret);
  if (!client) {
    await services.audit.record({
      actor: { type: 'anonymous', id: credentials.clientId.slice(0, 128) },
      action: 'oauth.token',
      result: 'failure',
      reason: 'invalid_client',
      ip: req.ip,
    });
    throw new OAuthProblem('invalid_client', 'client authentication failed');
  }
  let roles = client.roles;
  if (params.scope !== undefined) {
    const requested = params.scope.split(' ');
    const unknown = requested.find((s) => !SCOPE_TOKEN.test(s) || !client.roles.some((r) => r === s));
    if (unknown !== undefined) {
      throw new OAuthProblem('invalid_scope', 'scope must be a space-separated subset of the client roles');
    }
    roles = client.roles.filter((r) => requested.includes(r));
  }
  const ttl = services.accessTtlSeconds;
  const accessToken = await issueAccessToken(
    services.keys,
    { id: client.clientId, clientId: client.clientId, tenantId: client.tenantId, roles },
    { issuer: services.issuer, ttlSeconds: ttl },
  );
  services.metrics.tokensIssued.inc({ grant: 'client_credentials' });
  await services.audit.record({
    actor: { type: 'client', id: client.clientId },
    action: 'oauth.token',
    tenantId: client.tenantId,
    result: 'success',
    ip: req.ip,
    details: { scope: roles.join(' ') },
  });
  const body: OAuthTokenResponse = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ttl,
    scope: roles.join(' '),
  };
  res.set({ 'cache-control': 'no-store', pragma: 'no-cache' }).json(body);
}

function readParams(body: unknown): Partial<Record<(typeof SINGLE_PARAMS)[number], string>> {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const out: Partial<Record<(typeof SINGLE_PARAMS)[number], string>> = {};
  for (const name of SINGLE_PARAMS) {
    const value = raw[name];
    if (value === undefined) continue;
    // RFC 6749 §3.2: parameters must not repeat; the form parser turns repeats into arrays.
    if (typeof value !== 'string') throw new OAuthProblem('invalid_request', `${name} must appear once`);
    out[name] = value;
  }
  return out;
}

function clientCredentials(
  authorization: string | undefined,
  params: ReturnType<typeof readParams>,
): { clientId: string; secret: string } {
  if (authorization !== undefined) {
    if (params.client_secret !== undefined) {
      throw new OAuthProblem('invalid_request', 'use one client authentication method, not two');
    }
    const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(authorization);
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 1) throw new OAuthProblem('invalid_client', 'malformed Basic credentials');
    try {
      // §2.3.1: both halves are form-urlencoded before they are joined.
      const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      if (params.client_id !== undefined && params.client_id !== clientId) {
        throw new OAuthProblem('invalid_request', 'client_id does not match the Basic credentials');
      }
      return { clientId, secret };
    } catch (err) {
      if (err instanceof OAuthProblem) throw err;
      throw new OAuthProblem('invalid_client', 'malformed Basic credentials');
    }
  }
  if (!params.client_id || params.client_secret === undefined) {
    throw new OAuthProblem('invalid_client', 'client authentication is missing');
  }
  return { clientId: params.client_id, secret: params.client_secret };
}

function sendError(res: Response, error: OAuthError, description: string, status?: number): void {
  const code = status ?? (error === 'invalid_client' ? 401 : 400);
  const body: OAuthErrorResponse = { error, error_description: description };
  res.set({ 'cache-control': 'no-store', pragma: 'no-cache' });
  if (code === 401) res.set('www-authenticate', 'Basic realm="sightline", charset="UTF-8"');
  res.status(code).json(body);
}
