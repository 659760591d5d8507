import { PasswordHashBusyError, PasswordHashLimiter } from '../src/passwords/PasswordHashLimiter';
import type { AuthHarness } from './support/startAuthHarness';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startAuthHarness } from './support/startAuthHarness';

describe('PasswordHashLimiter', () => {
  it('runs at most `concurrency` hashes at once, queues the next ones in order and refuses past the queue', async () => {
    const limiter = new PasswordHashLimiter(2, 2);
    const release: (() => void)[] = [];
    const started: number[] = [];
    const job = (i: number) => () =>
      new Promise<number>((resolve) => {
        started.push(i);
        release.push(() => resolve(i));
      });
    const results = [0, 1, 2, 3].map((i) => limiter.run(job(i)));
    await expect(limiter.run(job(4))).rejects.toBeInstanceOf(PasswordHashBusyError);
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.stats()).toEqual({ running: 2, queued: 2, rejected: 1 });
    release.shift()!();
    await results[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    while (release.length > 0) {
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
    expect(limiter.stats()).toEqual({ running: 0, queued: 0, rejected: 1 });
  });

  it('frees the slot when a hash fails', async () => {
    const limiter = new PasswordHashLimiter(1, 0);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('refuses a limit that could never run a hash', () => {
    expect(() => new PasswordHashLimiter(0, 10)).toThrow(RangeError);
    expect(() => new PasswordHashLimiter(1, -1)).toThrow(RangeError);
  });
});

describe('auth with one password hash at a time and no queue', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthHarness({ PASSWORD_HASH_CONCURRENCY: 1, PASSWORD_HASH_QUEUE: 0 });
  });

  afterAll(async () => {
    await h?.close();
  });

  const burst = (n: number, email: string, password: string) =>
    Promise.all(Array.from({ length: n }, () => h.post('/v1/auth/login', { email, password })));

  it('answers a login burst past the bound with 503 and Retry-After, and every other login normally', async () => {
    const answers = await burst(8, ADMIN_EMAIL, ADMIN_PASSWORD);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const busy = answers.find((r) => r.status === 503)!;
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(busy.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await busy.json()) as { detail: string }).detail).toBe(
      'password hashing is at capacity; retry shortly',
    );

    const metrics = await (await h.get('/metrics')).text();
    const rejected = Number(/^auth_password_hashes_rejected_total(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1]);
    expect(rejected).toBe(statuses.filter((s) => s === 503).length);
    expect(metrics).toMatch(/^auth_password_hashes\{[^}]*state="running"[^}]*\} 0$/m);
  });

  it('does not count a refused hash as a failed login, so a busy moment cannot lock anyone out', async () => {
    const answers = await burst(8, ADMIN_EMAIL, 'wrong password, tried in a burst');
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    const { rows } = await h.sql.query(
      `SELECT count(*)::int AS n FROM auth.audit_log
       WHERE action = 'auth.login' AND result = 'failure' AND actor_email = $1`,
      [ADMIN_EMAIL],
    );
    expect(rows[0].n).toBe(statuses.filter((s) => s === 401).length);
  });

  it('still answers an unknown email 401 (its decoy hash made at start) once a burst is over', async () => {
    await burst(6, 'nobody@example.com', 'whatever it is');
    const res = await h.post('/v1/auth/login', { email: 'nobody@example.com', password: 'whatever it is' });
    expect(res.status).toBe(401);
  });
});
