/** @jest-environment jsdom */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AlertGroupView } from '../components/AlertGroupView';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { nodeFetch } from './support/nodeFetch';
import { fakeApiSession } from './support/fakeApiSession';

const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({ useRouter: () => router }));

const session = fakeApiSession({ router });

async function open(id: string) {
  render(<AlertGroupView apiUrl={session.api.url} groupId={id} />);
  await screen.findByTestId('group-facts');
}

describe('AlertGroupView', () => {
  it('shows the group with its alerts, labels, annotations and a runbook link', async () => {
    await open('11');
    expect(screen.getByTestId('group-title').textContent).toBe('Checkout fails for 9 % of requests');
    expect(screen.getByTestId('group-state').textContent).toBe('Firing');
    expect(screen.getByTestId('group-escalation').textContent).toBe('Step 1 · next in 4 min');
    const alert = screen.getByTestId('group-alert');
    expect(alert.getAttribute('data-status')).toBe('firing');
    expect(within(alert).getByTestId('runbook-link').getAttribute('href')).toBe(
      'https://runbooks.example.com/checkout-errors',
    );
    expect(within(alert).getByTestId('alert-annotations').textContent).toContain(
      'Error ratio over 5 minutes is above 5 %.',
    );
    expect(
      within(within(alert).getByTestId('alert-labels'))
        .getAllByRole('listitem')
        .map((l) => l.textContent),
    ).toEqual(['alertname="CheckoutErrors"', 'service="checkout"', 'severity="page"', 'tenant="acme"']);
  });

  it('lists the timeline and the notifications, a dead one highlighted with its reason', async () => {
    await open('11');
    expect(screen.getByTestId('timeline-entry').textContent).toContain(
      'Triggered: step 1: notified slack:#oncall, pagerduty:acme',
    );
    const [delivered, dead] = screen.getAllByTestId('notification');
    expect(within(delivered!).getByTestId('notification-status').textContent).toBe('Delivered');
    expect(dead!.getAttribute('data-status')).toBe('dead');
    expect(dead!.className).toBe('notification-dead');
    expect(within(dead!).getByTestId('notification-status').textContent).toBe('Dead (not delivered)');
    expect(within(dead!).getByTestId('notification-outcome').textContent).toBe(
      'HTTP 400: invalid routing key',
    );
    expect(screen.getByTestId('notifications-dead').textContent).toMatch(/1 notification was dead-lettered/);
  });

  it('acknowledges the group, then shows its new state and the timeline entry', async () => {
    await open('11');
    await act(async () => {
      fireEvent.click(screen.getByTestId('ack-button'));
    });
    await waitFor(() => expect(screen.getByTestId('group-state').textContent).toBe('Acknowledged'));
    expect(screen.getByTestId('action-outcome').textContent).toBe(
      'You acknowledged this group; its escalation has stopped.',
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('timeline-entry').map((e) => e.getAttribute('data-kind'))).toEqual([
        'triggered',
        'acknowledged',
      ]),
    );
    expect(screen.getAllByTestId('timeline-entry')[1]!.textContent).toContain(
      'Acknowledged: acknowledged by u-sre',
    );
    expect(screen.getByTestId('group-escalation').textContent).toBe('Step 1 · stopped (acknowledged)');
    expect(screen.queryByTestId('ack-button')).toBeNull();
    expect(screen.getByTestId('resolve-button')).toBeTruthy();
  });

  it('resolves the group, after which nothing is left to act on', async () => {
    await open('12');
    await act(async () => {
      fireEvent.click(screen.getByTestId('resolve-button'));
    });
    await waitFor(() => expect(screen.getByTestId('group-state').textContent).toBe('Resolved'));
    await waitFor(() =>
      expect(screen.getByTestId('timeline-entry').getAttribute('data-kind')).toBe('resolved'),
    );
    expect(screen.queryByTestId('resolve-button')).toBeNull();
    expect(screen.getByTestId('group-alert').getAttribute('data-status')).toBe('resolved');
  });

  it("shows the api's reason when someone else acknowledged the group first", async () => {
    await open('11');
    const first = await nodeFetch(`${session.api.url}/v1/alert-groups/11/ack`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token' },
    });
    expect(first.status).toBe(200);
    await act(async () => {
      fireEvent.click(screen.getByTestId('ack-button'));
    });
    expect((await screen.findByRole('alert')).textContent).toBe('alert group 11 is not firing');
  });

  it('offers a developer no buttons: reading is all their role may do', async () => {
    tokenStore.set('developer-token');
    userStore.set({ email: 'dev@example.com', tenantId: null, roles: ['developer'] });
    await open('11');
    expect(screen.queryByTestId('ack-button')).toBeNull();
    expect(screen.queryByTestId('resolve-button')).toBeNull();
  });

  it('still shows the refusal when the api enforces a role the console thought allowed', async () => {
    tokenStore.set('developer-token');
    await open('11');
    await act(async () => {
      fireEvent.click(screen.getByTestId('ack-button'));
    });
    expect((await screen.findByRole('alert')).textContent).toBe('your role may not use this route');
    expect(screen.getByTestId('group-state').textContent).toBe('Firing');
  });

  it('says so for a group that does not exist or is not well formed', async () => {
    render(<AlertGroupView apiUrl={session.api.url} groupId="999" />);
    expect((await screen.findByTestId('group-error')).textContent).toMatch(/No such alert group/);
    cleanup();
    render(<AlertGroupView apiUrl={session.api.url} groupId="0x10" />);
    expect((await screen.findByTestId('group-error')).textContent).toBe('That is not an alert group id.');
  });
});
