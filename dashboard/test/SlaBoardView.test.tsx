/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SlaBoard } from '../components/SlaBoard';
import { makeSnapshot } from './support/makeSnapshot';
import { nodeFetch } from './support/nodeFetch';
import { fakeApiSession } from './support/fakeApiSession';

// The App Router is not mounted in a component test; navigation and the URL's search are faked.
let search = '';
const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({
  useRouter: () => router,
  useSearchParams: () => new URLSearchParams(search),
}));
// The browser build of socket.io-client, over jsdom's WebSocket (see SlaBoard.test.tsx).
jest.mock('socket.io-client', () => jest.requireActual('socket.io-client/dist/socket.io.js'));

const session = fakeApiSession({ router });

afterEach(() => {
  search = '';
});

const tileOrder = () =>
  screen.getAllByRole('article').map((a) => a.getAttribute('data-testid')?.replace('tile-', ''));

async function emitStatuses() {
  const now = new Date().toISOString();
  const emit = (tenantId: string, more: Parameters<typeof makeSnapshot>[0]) =>
    nodeFetch(`${session.api.url}/test/emit`, {
      method: 'POST',
      body: JSON.stringify({ tenantId, snapshots: [makeSnapshot({ tenantId, updatedAt: now, ...more })] }),
    });
  await act(async () => {
    // acme breaches, initech is at 30 % of its budget (warning), globex is fine and rate-limits a fifth.
    await emit('acme', {
      availability: 0.99,
      errorBudgetRemaining: -9,
      latencyMs: { p50: 1, p95: 2, p99: 900 },
    });
    await emit('initech', { tier: 'free', errorBudgetRemaining: 0.3, requests: 100, rateLimited: 0 });
    await emit('globex', { errorBudgetRemaining: 0.9, requests: 1000, rateLimited: 200 });
  });
  await waitFor(() => expect(screen.getByTestId('tile-acme').getAttribute('data-status')).toBe('breach'));
  await waitFor(() => expect(screen.getByTestId('tile-initech').getAttribute('data-status')).toBe('warning'));
  await waitFor(() => expect(screen.getByTestId('tile-globex').getAttribute('data-status')).toBe('ok'));
}

async function renderLive() {
  render(<SlaBoard apiUrl={session.api.url} />);
  await waitFor(() => expect(screen.getByTestId('connection').textContent).toBe('Live'));
  await screen.findByTestId('tile-acme');
}

describe('SlaBoard sort and filters', () => {
  it('lists tiles by name until asked, then by status worst first, and keeps the order in the URL', async () => {
    await renderLive();
    await emitStatuses();
    expect(tileOrder()).toEqual(['acme', 'globex', 'initech']);

    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'status' } });

    expect(tileOrder()).toEqual(['acme', 'initech', 'globex']);
    expect(router.replace).toHaveBeenLastCalledWith('/?sort=status', { scroll: false });
  });

  it('sorts by rate-limited share highest first, and by p99 slowest first', async () => {
    await renderLive();
    await emitStatuses();
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'ratelimited' } });
    expect(tileOrder()).toEqual(['globex', 'acme', 'initech']);
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'p99' } });
    expect(tileOrder()[0]).toBe('acme');
  });

  it('opens on the view a shared link names: window, order, tiers and statuses', async () => {
    search = 'window=1h&sort=availability&tier=enterprise,pro';
    await renderLive();

    expect(tileOrder()).toEqual(['acme', 'globex']);
    expect((screen.getByLabelText('1h') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Sort by') as HTMLSelectElement).value).toBe('availability');
    const tiers = within(screen.getByRole('group', { name: 'Tier' }));
    expect((tiers.getByLabelText('pro') as HTMLInputElement).checked).toBe(true);
    expect((tiers.getByLabelText('free') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByTestId('board-count').textContent).toBe('Showing 2 of 3 tenants');
  });

  it('filters by the colour a tile shows from labelled check boxes, and says when nothing matches', async () => {
    await renderLive();
    await emitStatuses();
    const statuses = within(screen.getByRole('group', { name: 'Status' }));

    fireEvent.click(statuses.getByLabelText('Breach'));
    fireEvent.click(statuses.getByLabelText('Warning'));
    expect(tileOrder()).toEqual(['acme', 'initech']);
    expect(router.replace).toHaveBeenLastCalledWith('/?status=breach,warning', { scroll: false });

    fireEvent.click(within(screen.getByRole('group', { name: 'Tier' })).getByLabelText('pro'));
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByTestId('board-empty').textContent).toBe('No tenant matches these filters.');

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(tileOrder()).toEqual(['acme', 'globex', 'initech']);
    expect(router.replace).toHaveBeenLastCalledWith('/', { scroll: false });
    expect((screen.getByRole('button', { name: 'Clear filters' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps a tile whose data went stale grey, and finds it under the Stale filter only', async () => {
    await renderLive();
    await emitStatuses();
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 16_000);
    try {
      await waitFor(() => expect(screen.getByTestId('tile-acme').getAttribute('data-stale')).toBe('true'), {
        timeout: 3000,
      });
      fireEvent.click(within(screen.getByRole('group', { name: 'Status' })).getByLabelText('Stale'));
      expect(tileOrder()).toEqual(['acme', 'globex', 'initech']);
      fireEvent.click(within(screen.getByRole('group', { name: 'Status' })).getByLabelText('Stale'));
      fireEvent.click(within(screen.getByRole('group', { name: 'Status' })).getByLabelText('Breach'));
      expect(screen.queryAllByRole('article')).toHaveLength(0);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('SlaBoard tiles', () => {
  it("shows each tile's rate-limited share of all requests over the window", async () => {
    await renderLive();
    await emitStatuses();
    expect(screen.getByTestId('ratelimited-globex').textContent).toBe('20.0%');
    expect(screen.getByTestId('ratelimited-initech').textContent).toBe('0%');
    expect(screen.getByTestId('ratelimited-acme').textContent).toBe('0.32%');
  });

  it("draws a burn-rate sparkline from each tenant's SLA history over the window, named in words", async () => {
    await renderLive();

    await waitFor(() => expect(Number(screen.getByTestId('burn-acme').getAttribute('data-points'))).toBe(29));
    const acme = screen.getByTestId('burn-acme');
    expect(acme.getAttribute('role')).toBe('img');
    expect(acme.getAttribute('aria-label')).toMatch(/^Burn rate over 5m: latest [\d.]+×, peak [\d.]+×$/);
    expect(acme.querySelector('path')?.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ l0 0 L/);
    expect(screen.getByTestId('burn-globex').getAttribute('aria-label')).toBe(
      'Burn rate over 5m: no traffic',
    );

    const requests = (await (
      await nodeFetch(`${session.api.url}/test/activity-requests`)
    ).json()) as string[];
    const acmeHistory = new URLSearchParams(
      requests.find((r) => r.startsWith('/v1/tenants/acme/'))!.split('?')[1],
    );
    expect(acmeHistory.get('step')).toBe('10s');
    expect(Date.parse(acmeHistory.get('to')!) - Date.parse(acmeHistory.get('from')!)).toBe(300_000);
  });

  it('loads the sparklines again for a longer window when the viewer picks one', async () => {
    await renderLive();
    await waitFor(() => expect(Number(screen.getByTestId('burn-acme').getAttribute('data-points'))).toBe(29));
    fireEvent.click(screen.getByLabelText('1d'));
    await waitFor(() =>
      expect(screen.getByTestId('burn-acme').getAttribute('aria-label')).toMatch(
        /^Burn rate over 1d: latest/,
      ),
    );
    const requests = (await (
      await nodeFetch(`${session.api.url}/test/activity-requests`)
    ).json()) as string[];
    expect(requests.some((r) => r.startsWith('/v1/tenants/acme/sla/history') && r.includes('step=1h'))).toBe(
      true,
    );
  });
});
