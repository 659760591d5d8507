import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import express from 'express';
import { z } from 'zod';
import {
  BadRequestError,
  errorMiddleware,
  listen,
  closeServer,
  notFoundHandler,
  sendProblem,
  ForbiddenError,
} from '../src';

async function serve(app: express.Express | ((req: IncomingMessage, res: ServerResponse) => void)) {
  const server = createServer(app);
  const port = await listen(server, 0);
  return { base: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

describe('problem+json errors', () => {
  const logged: unknown[] = [];
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  app.post('/zod', (req, res) => {
    z.object({ n: z.number() }).parse(req.body);
    res.json({ ok: true });
  });
  app.get('/bad', () => {
    throw new BadRequestError('window must be one of 5m, 1h');
  });
  app.get('/forbidden', () => {
    throw new ForbiddenError('tenant globex is not yours');
  });
  app.get('/boom', () => {
    throw new Error('secret internals postgres://u:pw@db');
  });
  app.use(notFoundHandler);
  app.use(errorMiddleware({ error: (obj) => logged.push(obj) }));

  let s: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    s = await serve(app);
  });
  afterAll(() => s.close());

  it('answers a named error with its status and an RFC 9457 body', async () => {
    const res = await fetch(`${s.base}/bad`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()) as object).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: 'window must be one of 5m, 1h',
    });
    expect((await fetch(`${s.base}/forbidden`)).status).toBe(403);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await fetch(`${s.base}/zod`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toBe('malformed JSON body');
    const big = await fetch(`${s.base}/zod`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1, pad: 'x'.repeat(5000) }),
    });
    expect(big.status).toBe(413);
  });

  it('answers a schema violation with 400 naming the field', async () => {
    const res = await fetch(`${s.base}/zod`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":"x"}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^n:/);
  });

  it('hides internal error details from the client but logs them', async () => {
    const res = await fetch(`${s.base}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('postgres://');
    expect(logged.length).toBeGreaterThan(0);
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await fetch(`${s.base}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toBe('no route for GET /nope');
  });
});

describe('sendProblem and listen', () => {
  it('writes problem+json on a bare node:http response with extra headers', async () => {
    const s = await serve((_req: IncomingMessage, res: ServerResponse) =>
      sendProblem(res, 429, 'Too Many Requests', 'limit 10/s', { 'retry-after': 1 }),
    );
    const res = await fetch(s.base);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await res.json()) as object).toMatchObject({ status: 429, detail: 'limit 10/s' });
    await s.close();
  });

  it('rejects with EADDRINUSE instead of crashing when the port is taken', async () => {
    const a = createServer();
    const port = await listen(a, 0);
    await expect(listen(createServer(), port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await closeServer(a);
  });
});
