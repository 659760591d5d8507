import { SlaUpdateEvent, SOCKET_EVENTS } from '@sightline/contracts';
import { waitFor } from '@sightline/testing';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { CONSOLE_ORIGIN, startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const sockets: Socket[] = [];

beforeAll(async () => {
  // A long refresh period, so every update after the first one is caused by a rollups event.
  f = await startApiWithStubs({ slaRefreshMs: 60_000, slaCoalesceMs: 100 });
  await waitFor(() => f.api.isFollowingCollectorEvents() && f.collector.eventClients() > 0);
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  await f?.close();
});

function open(token?: string): { socket: Socket; updates: SlaUpdateEvent[] } {
  const socket = connect(f.base, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token === undefined ? {} : { auth: { token } }),
  });
  sockets.push(socket);
  const updates: SlaUpdateEvent[] = [];
  socket.on(SOCKET_EVENTS.slaUpdate, (payload: unknown) => updates.push(SlaUpdateEvent.parse(payload)));
  return { socket, updates };
}

function refusal(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (err) => resolve(err.message));
    socket.once('connect', () => reject(new Error('connected without a valid token')));
  });
}

describe('Socket.io hub', () => {
  it('refuses a socket without a token', async () => {
    expect(await refusal(open().socket)).toMatch(/unauthorized/);
  });

  it('refuses a socket with a forged token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', tenant: null, roles: ['super_admin'] })).toString(
      'base64url',
    );
    expect(await refusal(open(`${header}.${body}.`).socket)).toMatch(/unauthorized/);
  });

  it("sends a tenant's socket every SLA window of its own tenant on connect, and nothing of other tenants", async () => {
    const { updates } = open(await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] }));
    await waitFor(() => updates.length >= 1);
    expect(updates[0]!.tenantId).toBe('acme');
    expect(updates[0]!.snapshots.map((s) => s.window)).toEqual(['5m', '1h', '1d', '30d']);
  });

  it('pushes fresh numbers to the tenant room after the collector announces a rollups flush, and only to that room', async () => {
    const { updates } = open(await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] }));
    await waitFor(() => updates.length >= 1);
    expect(updates[0]!.snapshots[0]!.requests).not.toBe(4242);

    f.collector.setRollups('acme', { requests: 4242, errors: 42, rateLimited: 42 });
    f.collector.setRollups('globex', { requests: 7, errors: 0, rateLimited: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(updates).toHaveLength(1);

    f.collector.emitRollups(['acme', 'globex']);
    const fresh = await waitFor(() => updates.find((u) => u.snapshots[0]!.requests === 4242));
    expect(fresh.tenantId).toBe('acme');
    expect(fresh.snapshots[0]!.availability).toBeCloseTo(1 - 42 / 4200, 10);
    await new Promise((r) => setTimeout(r, 200));
    expect(updates.every((u) => u.tenantId === 'acme')).toBe(true);
  });

  it('coalesces a burst of rollups events into at most one recompute per coalescing window, plus one trailing', async () => {
    const { updates } = open(await f.issuer.sign({ tenant: 'initech', roles: ['viewer'] }));
    await waitFor(() => updates.length >= 1);
    const before = f.collector.rollupRequests.filter((r) => r.startsWith('initech:')).length;
    for (let i = 0; i < 10; i++) f.collector.emitRollups(['initech']);
    await new Promise((r) => setTimeout(r, 400));
    const recomputes =
      (f.collector.rollupRequests.filter((r) => r.startsWith('initech:')).length - before) / 4;
    expect(recomputes).toBeGreaterThanOrEqual(1);
    expect(recomputes).toBeLessThanOrEqual(2);
  });

  it('ignores a malformed rollups event and keeps following the stream', async () => {
    const { updates } = open(await f.issuer.sign({ tenant: 'globex', roles: ['viewer'] }));
    await waitFor(() => updates.length >= 1);
    f.collector.sendRaw('event: rollups\ndata: {not json\n\nevent: rollups\ndata: {"tenants":"globex"}\n\n');
    f.collector.emitRollups(['globex']);
    await waitFor(() => updates.length >= 2);
    expect(f.api.isFollowingCollectorEvents()).toBe(true);
  });

  it('joins a platform super_admin to every tenant room', async () => {
    const { updates } = open(await f.issuer.sign({ tenant: null, roles: ['super_admin'] }));
    await waitFor(() => updates.length >= 3);
    expect(updates.map((u) => u.tenantId).sort()).toEqual(['acme', 'globex', 'initech']);
  });

  it('accepts the console origin for the browser handshake', async () => {
    const res = await fetch(`${f.base}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: CONSOLE_ORIGIN },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    await res.text();
  });
});

describe('Socket.io hub periodic refresh', () => {
  let g: ApiFixture;

  beforeAll(async () => {
    g = await startApiWithStubs({ slaRefreshMs: 150, slaCoalesceMs: 50 });
  });

  afterAll(async () => {
    await g?.close();
  });

  it('re-sends the SLA every refresh period even when no rollups event arrives', async () => {
    const socket = connect(g.base, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: await g.issuer.sign({ tenant: 'acme', roles: ['viewer'] }) },
    });
    sockets.push(socket);
    let count = 0;
    socket.on(SOCKET_EVENTS.slaUpdate, () => count++);
    await waitFor(() => count >= 3, 5000, 50);
    expect(count).toBeGreaterThanOrEqual(3);
  });
});

describe('collector event stream', () => {
  it('reconnects after the collector drops the stream and keeps delivering updates', async () => {
    const { updates } = open(await f.issuer.sign({ tenant: 'acme', roles: ['sre'] }));
    await waitFor(() => updates.length >= 1);
    f.collector.dropStreams();
    await waitFor(() => f.collector.eventClients() === 1, 10_000, 50);
    f.collector.setRollups('acme', { requests: 999, errors: 0, rateLimited: 0 });
    f.collector.emitRollups(['acme']);
    const fresh = await waitFor(() => updates.find((u) => u.snapshots[0]!.requests === 999));
    expect(fresh.tenantId).toBe('acme');
  });
});
