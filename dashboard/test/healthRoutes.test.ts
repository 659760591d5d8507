import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GET as healthz } from '../app/healthz/route';
import { GET as readyz } from '../app/readyz/route';

let api: Server;
let apiStatus = 200;
const before = process.env.API_URL;

beforeAll(async () => {
  api = createServer((req, res) => {
    res.statusCode = req.url === '/healthz' ? apiStatus : 404;
    res.end('{}');
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  process.env.API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.env.API_URL = before;
  await new Promise((r) => api.close(r));
});

describe('the console health routes for Kubernetes probes', () => {
  it('answers /healthz 200 while the server runs', async () => {
    const res = healthz();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the api answers its /healthz, and says why not when it does not', async () => {
    apiStatus = 200;
    expect((await readyz()).status).toBe(200);
    apiStatus = 503;
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unready', reason: 'api answered 503' });
    process.env.API_URL = 'http://127.0.0.1:1';
    expect(await (await readyz()).json()).toEqual({ status: 'unready', reason: 'api unreachable' });
  });
});
