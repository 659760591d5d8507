/** @jest-environment jsdom */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LogExplorer } from '../components/LogExplorer';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { nodeFetch } from './support/nodeFetch';
import { startFakeApi, type FakeApi } from './support/startFakeApi';

// The App Router is not mounted in a component test; navigation and the URL's search are faked.
let search = '';
const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({
  useRouter: () => router,
  useSearchParams: () => new URLSearchParams(search),
}));

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
let api: FakeApi;

beforeAll(async () => {
  globalThis.fetch = nodeFetch as typeof fetch;
  api = await startFakeApi();
});

afterAll(async () => {
  await api.stop();
});

beforeEach(() => {
  tokenStore.set('test-token');
  userStore.set({ email: 'sre@example.com', tenantId: null, roles: ['sre'] });
});

afterEach(() => {
  cleanup();
  tokenStore.clear();
  userStore.clear();
  router.push.mockClear();
  router.replace.mockClear();
  search = '';
});

async function lastLogRequest(): Promise<URLSearchParams> {
  const list = (await (await nodeFetch(`${api.url}/test/log-requests`)).json()) as string[];
  return new URLSearchParams(list[list.length - 1]);
}

describe('LogExplorer', () => {
  it('restores the search from the URL into the form and runs it', async () => {
    search = `tenant=acme&severity=error&q=timed&from=2026-11-25T11:00:00.000Z&traceId=${TRACE}`;
    render(<LogExplorer apiUrl={api.url} />);

    await waitFor(() => expect(screen.getAllByTestId('log-line').length).toBeGreaterThan(0));
    for (const line of screen.getAllByTestId('log-line')) {
      expect(line.textContent).toContain('upstream timed out');
      expect(line.getAttribute('data-trace-id')).toBe(TRACE);
    }
    expect((screen.getByLabelText('Tenant') as HTMLSelectElement).value).toBe('acme');
    expect((screen.getByLabelText('Minimum severity') as HTMLSelectElement).value).toBe('error');
    expect((screen.getByLabelText('Text') as HTMLInputElement).value).toBe('timed');
    expect((screen.getByLabelText('Trace id') as HTMLInputElement).value).toBe(TRACE);
    expect(new Date((screen.getByLabelText('From') as HTMLInputElement).value).toISOString()).toBe(
      '2026-11-25T11:00:00.000Z',
    );
    const sent = await lastLogRequest();
    expect(sent.get('q')).toBe('timed');
    expect(sent.get('traceId')).toBe(TRACE);
    expect(sent.get('from')).toBe('2026-11-25T11:00:00.000Z');
  });

  it('writes a submitted search into the URL, so it can be shared and reloaded', async () => {
    search = 'tenant=acme';
    render(<LogExplorer apiUrl={api.url} />);
    await screen.findAllByTestId('log-line');

    fireEvent.change(screen.getByLabelText('Text'), { target: { value: "x' OR 1=1 --" } });
    fireEvent.change(screen.getByLabelText('Minimum severity'), { target: { value: 'warn' } });
    fireEvent.submit(screen.getByTestId('explore-form'));

    expect(router.push).toHaveBeenCalledTimes(1);
    const pushed = new URL(router.push.mock.calls[0][0] as string, 'http://console');
    expect(pushed.pathname).toBe('/explore');
    expect(Object.fromEntries(pushed.searchParams)).toEqual({
      tenant: 'acme',
      severity: 'warn',
      q: "x' OR 1=1 --",
    });
  });

  it('pages on with "Load more" and stops when the api has no further page', async () => {
    search = 'tenant=acme';
    render(<LogExplorer apiUrl={api.url} />);
    await waitFor(() => expect(screen.getAllByTestId('log-line')).toHaveLength(50));

    await act(async () => {
      fireEvent.click(screen.getByTestId('load-more'));
    });
    await waitFor(() => expect(screen.getAllByTestId('log-line')).toHaveLength(100));
    expect((await lastLogRequest()).get('cursor')).toBe('50');

    await act(async () => {
      fireEvent.click(screen.getByTestId('load-more'));
    });
    await waitFor(() => expect(screen.getAllByTestId('log-line')).toHaveLength(120));
    expect(screen.queryByTestId('load-more')).toBeNull();
    const ids = screen.getAllByTestId('log-line').map((l) => l.getAttribute('data-log-id'));
    expect(new Set(ids).size).toBe(120);
  });

  it('links every line that has a trace id to its trace page', async () => {
    search = 'tenant=acme';
    render(<LogExplorer apiUrl={api.url} />);
    await screen.findAllByTestId('log-line');
    const withTrace = screen.getAllByTestId('log-line').filter((l) => l.getAttribute('data-trace-id') !== '');
    expect(withTrace.length).toBeGreaterThan(0);
    for (const line of withTrace)
      expect(line.querySelector('[data-testid="log-trace-link"]')!.getAttribute('href')).toBe(
        `/traces/${TRACE}`,
      );
  });

  it('asks a platform user to pick a tenant instead of searching without one', async () => {
    render(<LogExplorer apiUrl={api.url} />);
    await waitFor(() =>
      expect(screen.getByTestId('explore-status').textContent).toBe('Pick a tenant, then search.'),
    );
    expect(screen.queryByTestId('log-list')).toBeNull();
  });

  it("shows the api's refusal for a tenant the token may not see", async () => {
    search = 'tenant=globex';
    render(<LogExplorer apiUrl={api.url} />);
    expect((await screen.findByRole('alert')).textContent).toBe('this token may not see that tenant');
  });

  it('tells a viewer that their role cannot search logs, without asking the api', async () => {
    userStore.set({ email: 'v@example.com', tenantId: 'acme', roles: ['viewer'] });
    search = 'tenant=acme&q=unique-viewer-probe';
    render(<LogExplorer apiUrl={api.url} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/role cannot search logs/);
    expect((await lastLogRequest()).get('q')).not.toBe('unique-viewer-probe');
  });

  it('sends a visitor without a token to the login page', async () => {
    tokenStore.clear();
    render(<LogExplorer apiUrl={api.url} />);
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith('/login'));
  });
});
