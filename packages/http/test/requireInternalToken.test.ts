import { createServer } from 'node:http';
import express from 'express';
import { closeServer, errorMiddleware, listen, notFoundHandler, requireInternalToken } from '../src';

const TOKEN = 'internal-token-0123456789abcdef';

describe('requireInternalToken', () => {
  const app = express();
  app.get('/internal/v1/ping', requireInternalToken(TOKEN), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(notFoundHandler);
  app.use(errorMiddleware({ error: () => undefined }));
  const server = createServer(app);
  let base = '';

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(() => closeServer(server));

  const get = (authorization?: string) =>
    fetch(`${base}/internal/v1/ping`, { headers: authorization === undefined ? {} : { authorization } });

  it('lets a request with the right bearer token through', async () => {
    const res = await get(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${TOKEN}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 8)}`],
    ['an empty bearer', 'Bearer '],
    ['another scheme', `Basic ${TOKEN}`],
    ['a lower-case scheme', `bearer ${TOKEN}`],
    ['an oversized token', `Bearer ${'x'.repeat(8000)}`],
  ])('answers %s with a 401 problem+json that does not echo the token', async (_what, authorization) => {
    const res = await get(authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(text).not.toContain(TOKEN);
  });
});
