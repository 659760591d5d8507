import { cleanup } from '@testing-library/react';
import { tokenStore } from '../../lib/tokenStore';
import { userStore } from '../../lib/userStore';
import { nodeFetch } from './nodeFetch';
import { startFakeApi, type FakeApi } from './startFakeApi';

/** FakeApiSession is the fake api of one test file and the signed-in user each test starts with. */
export interface FakeApiSession {
  /** api is the running fake (set in beforeAll). */
  readonly api: FakeApi;
}

/**
 * fakeApiSession starts the contract-checking fake api for a test file, resets it before each test, signs in a
 * platform SRE (unless `signIn` is false), and cleans the DOM, the session and the given router mocks after each.
 */
export function fakeApiSession(
  options: { signIn?: boolean; router?: { replace: jest.Mock; push: jest.Mock } } = {},
): FakeApiSession {
  const session: { api?: FakeApi } = {};
  beforeAll(async () => {
    globalThis.fetch = nodeFetch as typeof fetch;
    session.api = await startFakeApi();
  });
  afterAll(async () => {
    await session.api?.stop();
  });
  beforeEach(async () => {
    await nodeFetch(`${session.api!.url}/test/reset`, { method: 'POST' });
    if (options.signIn !== false) {
      tokenStore.set('test-token');
      userStore.set({ email: 'sre@example.com', tenantId: null, roles: ['sre'] });
    }
  });
  afterEach(() => {
    cleanup();
    tokenStore.clear();
    userStore.clear();
    options.router?.replace.mockClear();
    options.router?.push.mockClear();
  });
  return {
    get api(): FakeApi {
      return session.api!;
    },
  };
}
