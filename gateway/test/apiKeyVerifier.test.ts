import { ApiKeyVerifier } from '../src/auth/ApiKeyVerifier';
import type { FakeAuth } from './support/fakeAuth';
import { startFakeAuth } from './support/fakeAuth';

const TOKEN = 'verifier-test-token-0123456789';
let auth: FakeAuth;
let now = 1_000_000;

beforeAll(async () => {
  auth = await startFakeAuth({ sl_good: 'acme' }, TOKEN);
});

afterAll(async () => {
  await auth.close();
});

function verifier(): ApiKeyVerifier {
  return ApiKeyVerifier.fromConfig({ authUrl: auth.url, internalToken: TOKEN, now: () => now });
}

describe('the API key verifier', () => {
  it('asks auth once for many concurrent requests with the same key', async () => {
    const v = verifier();
    auth.delayMs = 50;
    auth.calls.length = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => v.verify('sl_good')));
    auth.delayMs = 0;
    expect(results.every((r) => r.kind === 'valid' && r.tenantId === 'acme')).toBe(true);
    expect(auth.calls).toEqual(['sl_good']);
    await v.close();
  });

  it('remembers a valid key for 30 seconds by default and an unknown key for 10 seconds', async () => {
    const v = verifier();
    auth.calls.length = 0;
    await v.verify('sl_good');
    await v.verify('sl_bad');
    now += 9_000;
    await v.verify('sl_good');
    await v.verify('sl_bad');
    expect(auth.calls).toEqual(['sl_good', 'sl_bad']);
    now += 2_000;
    expect((await v.verify('sl_bad')).kind).toBe('invalid');
    expect(auth.calls).toEqual(['sl_good', 'sl_bad', 'sl_bad']);
    now += 20_000;
    await v.verify('sl_good');
    expect(auth.calls).toEqual(['sl_good', 'sl_bad', 'sl_bad', 'sl_good']);
    await v.close();
  });

  it('reports auth as unavailable when it rejects the internal token, and does not cache that', async () => {
    const v = ApiKeyVerifier.fromConfig({
      authUrl: auth.url,
      internalToken: 'the-wrong-token-entirely',
      now: () => now,
    });
    const first = await v.verify('sl_good');
    expect(first.kind).toBe('unavailable');
    expect((await v.verify('sl_good')).kind).toBe('unavailable');
    expect(auth.violations.filter((x) => x === 'missing or wrong internal token')).toHaveLength(2);
    await v.close();
  });

  it('keeps its cache bounded when flooded with distinct unknown keys', async () => {
    const v = ApiKeyVerifier.fromConfig({
      authUrl: auth.url,
      internalToken: TOKEN,
      now: () => now,
      maxEntries: 5,
    });
    for (let i = 0; i < 12; i++) await v.verify(`sl_flood_${i}`);
    auth.calls.length = 0;
    await v.verify('sl_flood_11');
    await v.verify('sl_flood_0');
    expect(auth.calls).toEqual(['sl_flood_0']);
    await v.close();
  });
});
