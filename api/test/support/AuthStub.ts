import { LoginRequest } from '@sightline/contracts';
import { readBody, sendJson, startStubServer } from './startStubServer';
import type { StubServer } from './startStubServer';
import type { TestIssuer } from './TestIssuer';

/** AuthStub serves auth's JWKS and login contract for api tests. */
export interface AuthStub extends StubServer {
  jwksRequests: number;
  loginRequests: number;
}

/** startAuthStub serves GET /.well-known/jwks.json from the issuer and POST /v1/auth/login for one known user. */
export async function startAuthStub(issuer: TestIssuer): Promise<AuthStub> {
  const stats = { jwksRequests: 0, loginRequests: 0 };
  const server = await startStubServer((req, res) => {
    if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
      stats.jwksRequests++;
      sendJson(res, 200, issuer.jwks());
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/auth/login') {
      stats.loginRequests++;
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
