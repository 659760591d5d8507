import { LoginRequest } from '@sightline/contracts';
import { readBody, sendJson, startStubServer } from './startStubServer';
import type { StubServer } from './startStubServer';
import type { TestIssuer } from '@sightline/testing';

/** AuthStub serves auth's JWKS and login contract for api tests. */
export interface AuthStub extends StubServer {
  jwksRequests: number;
  loginRequests: number;
  refreshRequests: number;
  /** The X-Forwarded-For the api sent on its last session request. */
  lastForwardedFor: string | undefined;
}

/** startAuthStub serves GET /.well-known/jwks.json from the issuer and POST /v1/auth/login for one known user. */
export async function startAuthStub(issuer: TestIssuer): Promise<AuthStub> {
  const stats = {
    jwksRequests: 0,
    loginRequests: 0,
    refreshRequests: 0,
    lastForwardedFor: undefined as string | undefined,
  };
  const server = await startStubServer((req, res) => {
    if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
      stats.jwksRequests++;
      sendJson(res, 200, issuer.jwks());
      return;
    }
    if (req.method === 'POST' && (req.url === '/v1/auth/refresh' || req.url === '/v1/auth/logout')) {
      stats.refreshRequests++;
      stats.lastForwardedFor = req.headers['x-forwarded-for'] as string | undefined;
      const logout = req.url === '/v1/auth/logout';
      void readBody(req).then(async (text) => {
        const { refreshToken } = JSON.parse(text) as { refreshToken: string };
        if (logout) {
          res.writeHead(204).end();
        } else if (refreshToken === 'good-refresh') {
          const accessToken = await issuer.sign({ tenant: 'acme', roles: ['developer'] });
          sendJson(res, 200, {
            accessToken,
            tokenType: 'Bearer',
            expiresIn: 900,
            refreshToken: 'next-refresh',
            refreshExpiresIn: 86400,
          });
        } else {
          sendJson(
            res,
            401,
            { title: 'Unauthorized', status: 401, detail: 'refresh token reused' },
            'application/problem+json',
          );
        }
      });
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/auth/login') {
      stats.loginRequests++;
      stats.lastForwardedFor = req.headers['x-forwarded-for'] as string | undefined;
      void readBody(req).then(async (text) => {
        const parsed = LoginRequest.safeParse(JSON.parse(text));
        if (!parsed.success) {
          sendJson(
            res,
            400,
            { type: 'about:blank', title: 'Bad Request', status: 400 },
            'application/problem+json',
          );
          return;
        }
        if (parsed.data.email === 'locked@acme.test') {
          res.setHeader('retry-after', '120');
          sendJson(
            res,
            429,
            { title: 'Too Many Requests', status: 429, detail: 'account locked' },
            'application/problem+json',
          );
          return;
        }
        if (parsed.data.email !== 'dev@acme.test' || parsed.data.password !== 'right password') {
          sendJson(
            res,
            401,
            {
              type: 'https://sightline.dev/problems/unauthorized',
              title: 'Unauthorized',
              status: 401,
              detail: 'invalid email or password',
            },
            'application/problem+json',
          );
          return;
        }
        const accessToken = await issuer.sign({ tenant: 'acme', roles: ['developer'] });
        sendJson(res, 200, {
          accessToken,
          tokenType: 'Bearer',
          expiresIn: 900,
          user: { id: 'u-1', email: 'dev@acme.test', tenantId: 'acme', roles: ['developer'] },
        });
      });
      return;
    }
    sendJson(res, 404, { status: 404 });
  });
  return Object.assign(stats, server);
}
