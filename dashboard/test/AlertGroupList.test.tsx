/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AlertGroupList } from '../components/AlertGroupList';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { nodeFetch } from './support/nodeFetch';
import { fakeApiSession } from './support/fakeApiSession';

// The App Router is not mounted in a component test; navigation and the URL's search are faked.
let search = '';
const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({
  useRouter: () => router,
  useSearchParams: () => new URLSearchParams(search),
}));

const session = fakeApiSession({ router });

afterEach(() => {
  search = '';
});

const rows = () => screen.getAllByTestId('alert-row');
const row = (id: number) =>
  screen.getByTestId('alert-groups').querySelector(`[data-group-id="${id}"]`) as HTMLElement;

describe('AlertGroupList', () => {
  it('lists firing unacknowledged groups first, then acknowledged, then muted, then resolved, each state in words', async () => {
    render(<AlertGroupList apiUrl={session.api.url} />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(rows().map((r) => r.getAttribute('data-group-id'))).toEqual(['11', '12', '13', '14', '15']);
    expect(rows().map((r) => within(r).getByTestId('alert-state').textContent)).toEqual([
      'Firing',
      'Firing',
      'Acknowledged',
      'Muted',
      'Resolved',
    ]);
    expect(screen.getByTestId('alerts-status').textContent).toBe(
      '5 groups: 4 open, 2 firing and unacknowledged',
    );
  });

  it("titles each group with its alert's summary, and shows tenant, severity, firing time, escalation and mute", async () => {
    render(<AlertGroupList apiUrl={session.api.url} />);
    await waitFor(() =>
      expect(within(row(11)).getByTestId('alert-link').textContent).toBe(
        'Checkout fails for 9 % of requests',
      ),
    );
    const first = row(11);
    expect(within(first).getByTestId('alert-link').getAttribute('href')).toBe('/alerts/11');
    expect(first.textContent).toContain('acme');
    expect(within(first).getByTestId('alert-severity').textContent).toBe('page');
    expect(within(first).getByTestId('alert-firing-for').textContent).toBe('12 min');
    expect(within(first).getByTestId('alert-escalation').textContent).toBe('Step 1 · next in 4 min');
    expect(within(row(12)).getByTestId('alert-link').textContent).toBe('SlowSearch');
    expect(within(row(12)).getByTestId('alert-escalation').textContent).toBe('Step 2 · no further step');
    expect(within(row(13)).getByTestId('alert-escalation').textContent).toBe(
      'Step 1 · stopped (acknowledged)',
    );
    expect(within(row(14)).getByTestId('alert-muted').textContent).toBe('maintenance weekly-db');
    expect(within(row(15)).getByTestId('alert-firing-for').textContent).toMatch(/^resolved /);
  });

  it('sends the filter in the URL to the api and shows it in the form', async () => {
    search = 'tenant=acme&state=firing&severity=page';
    render(<AlertGroupList apiUrl={session.api.url} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.getAttribute('data-group-id')).toBe('11');
    await waitFor(() => expect((screen.getByLabelText('Tenant') as HTMLSelectElement).value).toBe('acme'));
    expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('firing');
    expect((screen.getByLabelText('Severity') as HTMLSelectElement).value).toBe('page');
  });

  it('writes the chosen filter into the URL, so it can be shared and reloaded', async () => {
    render(<AlertGroupList apiUrl={session.api.url} />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'acknowledged' } });
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'ticket' } });
    fireEvent.submit(screen.getByTestId('alert-filters'));
    expect(router.push).toHaveBeenCalledWith('/alerts?state=acknowledged&severity=ticket');
  });

  it('offers no tenant filter to a tenant user, whose list the api confines to its tenant', async () => {
    userStore.set({ email: 'dev@acme.example', tenantId: 'acme', roles: ['developer'] });
    render(<AlertGroupList apiUrl={session.api.url} />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(screen.queryByLabelText('Tenant')).toBeNull();
  });

  it('refreshes on its own: a group acknowledged elsewhere moves down without a reload', async () => {
    render(<AlertGroupList apiUrl={session.api.url} refreshMs={150} />);
    await waitFor(() => expect(rows()[0]!.getAttribute('data-group-id')).toBe('11'));
    const acked = await nodeFetch(`${session.api.url}/v1/alert-groups/11/ack`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token' },
    });
    expect(acked.status).toBe(200);
    await waitFor(() => expect(within(row(11)).getByTestId('alert-state').textContent).toBe('Acknowledged'));
    expect(rows()[0]!.getAttribute('data-group-id')).toBe('12');
  });

  it("shows the api's refusal of a bad filter instead of an empty list", async () => {
    search = 'tenant=Not A Tenant';
    render(<AlertGroupList apiUrl={session.api.url} />);
    expect((await screen.findByTestId('alerts-error')).textContent).toMatch(/tenant: does not match/);
    expect(screen.queryByTestId('alert-groups')).toBeNull();
  });

  it('tells a viewer that their role cannot see alerts', async () => {
    userStore.set({ email: 'v@example.com', tenantId: 'acme', roles: ['viewer'] });
    render(<AlertGroupList apiUrl={session.api.url} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/role cannot see alerts/);
  });

  it('sends a visitor whose token the api refuses to the login page', async () => {
    tokenStore.set('expired-token');
    render(<AlertGroupList apiUrl={session.api.url} />);
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith('/login'));
  });
});
