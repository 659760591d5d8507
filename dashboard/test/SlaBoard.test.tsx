/** @jest-environment jsdom */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SlaBoard } from '../components/SlaBoard';
import { tokenStore } from '../lib/tokenStore';
import { makeSnapshot } from './support/makeSnapshot';
import { nodeFetch } from './support/nodeFetch';
import { startFakeApi, type FakeApi } from './support/startFakeApi';

// The App Router is not mounted in a component test; navigation and the URL's search are faked.
let search = '';
const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({
  useRouter: () => router,
  useSearchParams: () => new URLSearchParams(search),
}));
// Jest ignores package.json "browser" maps, so it would load the Node build (which needs `ws`, unloadable
// under jsdom). Browsers get the browser build from Next's bundler; the test uses it too, over jsdom's WebSocket.
jest.mock('socket.io-client', () => jest.requireActual('socket.io-client/dist/socket.io.js'));

let api: FakeApi;

beforeAll(async () => {
  globalThis.fetch = nodeFetch as typeof fetch;
  api = await startFakeApi();
});

afterAll(async () => {
  await api.stop();
});

afterEach(() => {
  cleanup();
  tokenStore.clear();
  router.replace.mockClear();
  search = '';
});

async function emit(payload: unknown) {
  await nodeFetch(`${api.url}/test/emit`, { method: 'POST', body: JSON.stringify(payload) });
}

describe('SlaBoard', () => {
  it('sends a visitor without a token to the login page', async () => {
    render(<SlaBoard apiUrl={api.url} />);
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith('/login'));
  });

  it('sends a visitor whose token the api refuses back to the login page and forgets the token', async () => {
    tokenStore.set('expired-token');
    render(<SlaBoard apiUrl={api.url} />);

    await waitFor(() => expect(router.replace).toHaveBeenCalledWith('/login'));
    expect(tokenStore.get()).toBeNull();
  });

  it('shows one tile per tenant and fills it from live sla:update events', async () => {
    tokenStore.set('test-token');
    render(<SlaBoard apiUrl={api.url} />);

    await screen.findByTestId('tile-acme');
    expect(screen.getByTestId('tile-globex')).toBeTruthy();
    expect(screen.getByTestId('tile-initech')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('Live'));
    expect(screen.getByTestId('tile-acme').getAttribute('data-status')).toBe('nodata');

    const fiveMin = makeSnapshot({ tenantId: 'acme', updatedAt: new Date().toISOString() });
    const hour = makeSnapshot({
      tenantId: 'acme',
      window: '1h',
      availability: 0.998,
      errorBudgetRemaining: -1,
      updatedAt: new Date().toISOString(),
    });
    await act(async () => {
      await emit({ tenantId: 'acme', snapshots: [fiveMin, hour] });
    });

    await waitFor(() => expect(screen.getByTestId('availability-acme').textContent).toBe('99.984%'));
    expect(screen.getByTestId('tile-acme').getAttribute('data-status')).toBe('ok');
    expect(screen.getByTestId('tile-globex').getAttribute('data-status')).toBe('nodata');

    fireEvent.click(screen.getByLabelText('1h'));
    expect(screen.getByTestId('availability-acme').textContent).toBe('99.800%');
    expect(screen.getByTestId('tile-acme').getAttribute('data-status')).toBe('breach');
  });

  it('ignores a malformed sla:update instead of breaking the board', async () => {
    tokenStore.set('test-token');
    render(<SlaBoard apiUrl={api.url} />);
    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('Live'));

    await act(async () => {
      await emit({ tenantId: 'acme', snapshots: [{ tenantId: 'acme', window: '5m', availability: 'lots' }] });
      await emit({ tenantId: 'acme', snapshots: [makeSnapshot({ updatedAt: new Date().toISOString() })] });
    });

    await waitFor(() => expect(screen.getByTestId('availability-acme').textContent).toBe('99.984%'));
  });

  it('greys out a tile whose last update is more than 15 seconds old', async () => {
    tokenStore.set('test-token');
    render(<SlaBoard apiUrl={api.url} />);
    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('Live'));
    await act(async () => {
      await emit({ tenantId: 'acme', snapshots: [makeSnapshot({ updatedAt: new Date().toISOString() })] });
    });
    await waitFor(() => expect(screen.getByTestId('availability-acme').textContent).toBe('99.984%'));
    expect(screen.getByTestId('tile-acme').getAttribute('data-stale')).toBe('false');

    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 16_000);
    try {
      await waitFor(() => expect(screen.getByTestId('tile-acme').getAttribute('data-stale')).toBe('true'), {
        timeout: 3000,
      });
      expect(screen.getByTestId('status-acme').textContent).toContain('stale');
      // A tile that never had data is "no data", not stale.
      expect(screen.getByTestId('tile-globex').getAttribute('data-stale')).toBe('false');
    } finally {
      clock.mockRestore();
    }
  });

  it('says it is reconnecting when the api goes away', async () => {
    const doomed = await startFakeApi();
    tokenStore.set('test-token');
    render(<SlaBoard apiUrl={doomed.url} />);
    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('Live'));

    await act(async () => {
      await doomed.stop();
    });

    await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('Reconnecting…'));
    expect(screen.getByTestId('connection').getAttribute('role')).toBe('status');
  });
});
