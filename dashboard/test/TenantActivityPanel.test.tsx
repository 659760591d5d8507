/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TenantActivityPanel } from '../components/TenantActivityPanel';
import { nodeFetch } from './support/nodeFetch';
import { fakeApiSession } from './support/fakeApiSession';

const session = fakeApiSession();

function renderPanel(tenantId: string, token: string, roles: string[], onUnauthorized = jest.fn()) {
  render(
    <TenantActivityPanel
      apiUrl={session.api.url}
      tenantId={tenantId}
      token={token}
      roles={roles}
      onUnauthorized={onUnauthorized}
    />,
  );
}

async function activityRequests(): Promise<string[]> {
  return (await (await nodeFetch(`${session.api.url}/test/activity-requests`)).json()) as string[];
}

describe('TenantActivityPanel', () => {
  it("lists the tenant's top failing routes of the last hour, most failures first", async () => {
    renderPanel('acme', 'test-token', ['sre']);
    const table = await screen.findByTestId('failing-routes');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'POST /checkout',
      'GET /orders/:id',
      'GET /search',
    ]);
    expect(rows[0]!.textContent).toContain('1,200');
    expect(rows[0]!.textContent).toContain('8.00%');
    expect(await activityRequests()).toContain('/v1/tenants/acme/routes?window=1h');
  });

  it('asks again for a day when the viewer picks it from the labelled window control', async () => {
    renderPanel('acme', 'test-token', ['sre']);
    await screen.findByTestId('failing-routes');
    fireEvent.change(screen.getByLabelText('Window'), { target: { value: '1d' } });
    await screen.findByTestId('failing-routes');
    const requests = await activityRequests();
    expect(requests).toContain('/v1/tenants/acme/routes?window=1d');
    expect(requests.some((r) => r.startsWith('/v1/tenants/acme/sla/history') && r.includes('step=1m'))).toBe(
      true,
    );
  });

  it('says so when no route failed', async () => {
    renderPanel('globex', 'test-token', ['sre']);
    expect((await screen.findByTestId('failing-routes-none')).textContent).toBe(
      'No route failed in the last 1 hour.',
    );
  });

  it('sets the limits in force against the busiest rate sent, and counts the rate-limited requests', async () => {
    renderPanel('acme', 'test-token', ['sre']);
    await screen.findByTestId('rate-limits');
    // acme's fake history: 100 or 120 requests per 10 s step (12/s at most) against enterprise's 200/s and 10,000/min.
    const second = screen.getByTestId('rate-limit-second');
    expect(within(second).getByRole('rowheader').textContent).toBe('Per second');
    expect(second.textContent).toContain('200');
    expect(within(second).getByTestId('rate-limit-second-used').textContent).toBe('6.00%');
    expect(screen.getByRole('meter', { name: 'Per second: peak 6.00% of the limit' })).toBeTruthy();
    const minute = screen.getByTestId('rate-limit-minute');
    expect(minute.textContent).toContain('10,000');
    expect(Number(within(minute).getAllByRole('cell')[1]!.textContent!.replace(/,/g, ''))).toBeGreaterThan(
      600,
    );
    expect(screen.getByTestId('rate-limited-count').textContent).toMatch(
      /^[\d,]+ of [\d,]+ requests rate-limited \([\d.]+%\) in the last 1 hour\. Peaks are averaged over 10 s steps\.$/,
    );
  });

  it('shows each incident of the last 7 days with its start, duration, time to ack and to resolve, and whether it paged', async () => {
    renderPanel('acme', 'test-token', ['sre']);
    const rows = await screen.findAllByTestId('incident-row');
    expect(rows).toHaveLength(3);
    const [open, resolved, quiet] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(open.getAttribute('data-open')).toBe('true');
    expect(within(open).getByTestId('incident-duration').textContent).toBe('20 min so far');
    expect(within(open).getByTestId('incident-ack').textContent).toBe('3 min');
    expect(within(open).getByTestId('incident-resolve').textContent).toBe('open');
    expect(within(resolved).getByTestId('incident-duration').textContent).toBe('45 min');
    expect(within(resolved).getByTestId('incident-ack').textContent).toBe('2 min');
    expect(within(resolved).getByTestId('incident-resolve').textContent).toBe('45 min');
    expect(within(quiet).getByTestId('incident-ack').textContent).toBe('not acknowledged');
    expect(within(quiet).getAllByRole('cell').at(-1)!.textContent).toBe('No');
    expect(within(open).getByTestId('incident-link').getAttribute('href')).toBe('/alerts/11');
    expect(await activityRequests()).toContain('/v1/tenants/acme/incidents?window=7d');
  });

  it('links incidents to their alert group only for roles that may read alerts', async () => {
    renderPanel('acme', 'test-token', ['viewer']);
    const rows = await screen.findAllByTestId('incident-row');
    expect(within(rows[0]!).queryByRole('link')).toBeNull();
    expect(rows[0]!.textContent).toContain('HighErrorRate: Checkout fails for 9 % of requests');
  });

  it("shows a tenant admin the api's refusal of another tenant in every panel, in words", async () => {
    renderPanel('globex', 'tenant-admin-token', ['tenant_admin']);
    expect((await screen.findByTestId('failing-routes-error')).textContent).toBe(
      'this token may not see that tenant',
    );
    expect((await screen.findByTestId('incidents-error')).textContent).toBe(
      'this token may not see that tenant',
    );
    expect((await screen.findByTestId('rate-limits-error')).textContent).toBe(
      'this token may not see that tenant',
    );
  });

  it("shows a tenant admin its own tenant's activity", async () => {
    renderPanel('acme', 'tenant-admin-token', ['tenant_admin']);
    expect(await screen.findByTestId('failing-routes')).toBeTruthy();
    expect(await screen.findByTestId('rate-limits')).toBeTruthy();
    expect((await screen.findAllByTestId('incident-link')).length).toBe(3);
  });

  it('hands a refused token to onUnauthorized', async () => {
    const onUnauthorized = jest.fn();
    renderPanel('acme', 'expired-token', ['sre'], onUnauthorized);
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
    expect((await screen.findByTestId('incidents-error')).textContent).toBe(
      'Your session has ended; sign in again.',
    );
  });
});
