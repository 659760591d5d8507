/** @jest-environment jsdom */
import type { Role } from '@sightline/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import { OnCallOverview } from '../components/OnCallOverview';
import { formatDateTime } from '../lib/format';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { nodeFetch } from './support/nodeFetch';
import { fakeApiSession } from './support/fakeApiSession';

const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({ useRouter: () => router }));

const session = fakeApiSession({ router, signIn: false });

beforeEach(() => {
  signInAs('test-token', null, ['sre']);
});

function signInAs(token: string, tenantId: string | null, roles: Role[]) {
  tokenStore.set(token);
  userStore.set({ email: 'someone@example.com', tenantId, roles });
}

async function configure(body: object) {
  await nodeFetch(`${session.api.url}/test/alerting-config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function requestsSeen(): Promise<string[]> {
  return (await (await nodeFetch(`${session.api.url}/test/alerting-requests`)).json()) as string[];
}

// What the api says about a schedule at an instant, asked directly, to know the shift boundaries the page must show.
async function onCallAt(schedule: string, at?: string) {
  const query = at === undefined ? '' : `?at=${encodeURIComponent(at)}`;
  const r = await nodeFetch(`${session.api.url}/v1/alerting/schedules/${schedule}/oncall${query}`, {
    headers: { authorization: 'Bearer test-token' },
  });
  return (await r.json()) as { shift: { start: string; end: string } };
}

const scheduleRow = (id: string) =>
  document.querySelector(`[data-testid="schedule-row"][data-schedule-id="${id}"]`) as HTMLElement | null;
const policyRow = (id: string) =>
  document.querySelector(`[data-testid="policy-row"][data-policy-id="${id}"]`) as HTMLElement | null;

async function renderPage(refreshMs?: number) {
  render(<OnCallOverview apiUrl={session.api.url} {...(refreshMs === undefined ? {} : { refreshMs })} />);
}

async function waitForShifts(id: string) {
  await waitFor(() => expect(within(scheduleRow(id)!).queryByTestId('schedule-until')).not.toBeNull());
}

describe('OnCallOverview', () => {
  it('shows an sre who is on call now on each schedule by name, until when, and that it is by an override', async () => {
    await renderPage();
    await waitForShifts('primary');
    const primary = scheduleRow('primary')!;
    const { shift } = await onCallAt('primary');
    expect(within(primary).getByTestId('schedule-now').textContent).toBe('Bob Marsh');
    expect(within(primary).getByTestId('schedule-source').textContent).toBe(' by override');
    expect(within(primary).getByTestId('schedule-until').textContent).toMatch(
      new RegExp(`^${formatDateTime(shift.end)} \\(in (1 h 5\\d min|2 h)\\)$`),
    );
    expect(screen.getByTestId('oncall-schedules-status').textContent).toBe('2 schedules');
    expect(screen.getByTestId('oncall-refreshed').textContent).toMatch(/every 60 s$/);
  });

  it('lists the next three hand-offs in order, asking the api at the end of each shift', async () => {
    await renderPage();
    await waitForShifts('primary');
    const next = within(scheduleRow('primary')!).getAllByTestId('schedule-next-shift');
    expect(next.map((li) => li.querySelector('strong')!.textContent)).toEqual([
      'Carol Diaz',
      'Alice Wong',
      'Bob Marsh',
    ]);
    const asked = (await requestsSeen()).filter((r) => r.startsWith('GET /v1/alerting/schedules/primary/'));
    const ats = asked.map((r) => new URL(r.slice(4), 'http://x').searchParams.get('at'));
    const first = await onCallAt('primary');
    const second = await onCallAt('primary', first.shift.end);
    const third = await onCallAt('primary', second.shift.end);
    const fourth = await onCallAt('primary', third.shift.end);
    expect(ats).toEqual([null, first.shift.end, second.shift.end, third.shift.end]);
    expect(next[0]!.textContent).toBe(
      `Carol Diaz from ${formatDateTime(second.shift.start)} until ${formatDateTime(second.shift.end)} on the Weekdays rotation`,
    );
    expect(next[2]!.textContent).toBe(
      `Bob Marsh from ${formatDateTime(fourth.shift.start)} until ${formatDateTime(fourth.shift.end)} on the Weekdays rotation`,
    );
  });

  it('says nobody is on call on a rotation that has not started, and shows an unknown participant by id', async () => {
    await renderPage();
    await waitForShifts('database');
    const database = scheduleRow('database')!;
    expect(within(database).getByTestId('schedule-now').textContent).toBe('Nobody');
    expect(within(database).getByTestId('schedule-until').textContent).toBe('—');
    expect(within(database).getByTestId('schedule-next').textContent).toBe('—');
    expect(within(database).getByTestId('schedule-layers').textContent).toMatch(
      /^Weekly rotation Nights: dave and Alice Wong take turns, 2 weeks each, hand-off Mondays at 09:00 \(America\/New_York\), from \d{4}-\d{2}-\d{2}$/,
    );
  });

  it('spells out each escalation policy with channel, user and schedule names', async () => {
    await renderPage();
    await waitForShifts('primary');
    await waitFor(() =>
      expect(within(policyRow('default')!).getByTestId('policy-steps').textContent).toBe(
        'Step 1: page PagerDuty (primary) and e-mail Alice Wong, wait 15 min; ' +
          'then step 2: notify whoever is on call on Primary on-call (now Bob Marsh) and post to #oncall on Slack, ' +
          'wait 30 min; repeats 1 time',
      ),
    );
    await waitForShifts('database');
    expect(within(policyRow('database')!).getByTestId('policy-steps').textContent).toBe(
      'Step 1: notify whoever is on call on Database on-call (nobody is on call now) and notify Bob Marsh via ' +
        'Slack @bob, wait 1 h 30 min; then step 2: notify Carol Diaz by e-mail and via PagerDuty (primary) and ' +
        'notify user ghost (no such user); does not repeat',
    );
    expect(screen.getByTestId('oncall-policies-status').textContent).toBe('2 policies');
  });

  it.each([
    ['developer', 'developer-token'],
    ['tenant_admin', 'tenant-admin-token'],
    ['viewer', 'viewer-token'],
  ] as const)(
    "shows an acme %s, read only, only the schedule and policy acme's alerts use, people by name",
    async (role, token) => {
      signInAs(token, 'acme', [role]);
      await renderPage();
      await waitForShifts('primary');
      expect(scheduleRow('database')).toBeNull();
      expect(within(scheduleRow('primary')!).getByTestId('schedule-now').textContent).toBe('Bob Marsh');
      await waitFor(() => expect(policyRow('default')).not.toBeNull());
      expect(policyRow('database')).toBeNull();
      // People by name only: how they are reached is not the tenant's to see.
      expect(within(policyRow('default')!).getByTestId('policy-steps').textContent).toMatch(
        /^Step 1: page PagerDuty \(primary\) and notify Alice Wong, wait 15 min; /,
      );
      expect(document.body.textContent).not.toContain('@example.com');
      expect(screen.getByTestId('oncall-readonly-note').textContent).toMatch(
        /your tenant's alerts use\. Only the platform's SREs can change them\.$/,
      );
      expect(screen.queryByTestId('oncall-new-policy')).toBeNull();
      expect(screen.queryByTestId('oncall-new-schedule')).toBeNull();
      // The rows still lead to the read-only pages.
      expect(within(policyRow('default')!).getByTestId('policy-link').getAttribute('href')).toBe(
        '/oncall/policies/default',
      );
    },
  );

  it('offers a platform sre new policies and schedules, and links each row to its editor', async () => {
    await renderPage();
    await waitForShifts('primary');
    expect(screen.getByTestId('oncall-new-policy').getAttribute('href')).toBe('/oncall/policies/new');
    expect(screen.getByTestId('oncall-new-schedule').getAttribute('href')).toBe('/oncall/schedules/new');
    expect(within(scheduleRow('database')!).getByTestId('schedule-link').getAttribute('href')).toBe(
      '/oncall/schedules/database',
    );
    expect(screen.queryByTestId('oncall-readonly-note')).toBeNull();
  });

  it('says so in fixed-height frames when no schedule or policy is configured', async () => {
    await configure({ schedules: [], policies: [] });
    await renderPage();
    await waitFor(() =>
      expect(screen.getByTestId('oncall-schedules-message').textContent).toBe(
        'No on-call schedule is configured.',
      ),
    );
    expect(screen.getByTestId('oncall-schedules').getAttribute('data-state')).toBe('empty');
    expect(screen.getByTestId('oncall-policies-message').textContent).toBe(
      'No escalation policy is configured.',
    );
    expect(screen.getByTestId('oncall-schedules-message').getAttribute('style')).toBe(
      screen.getByTestId('oncall-policies-message').getAttribute('style'),
    );
  });

  it("shows the api's detail in each frame when alerting cannot be reached", async () => {
    await configure({ down: true });
    await renderPage();
    await waitFor(() =>
      expect(screen.getByTestId('oncall-schedules').getAttribute('data-state')).toBe('error'),
    );
    expect(screen.getByTestId('oncall-schedules-message').textContent).toBe('alerting is unavailable');
    expect(screen.getByTestId('oncall-policies-message').textContent).toBe('alerting is unavailable');
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    expect(screen.queryByTestId('oncall-refreshed')).toBeNull();
  });

  it('shows a loading frame until the first answer arrives', async () => {
    await renderPage();
    expect(screen.getByTestId('oncall-schedules').getAttribute('data-state')).toBe('loading');
    expect(screen.getByTestId('oncall-policies').getAttribute('aria-busy')).toBe('true');
    await waitForShifts('primary');
  });

  it('keeps what it showed when a refresh fails, and says so', async () => {
    await renderPage(300);
    await waitForShifts('primary');
    await configure({ down: true });
    await waitFor(() =>
      expect(screen.getByTestId('oncall-problem').textContent).toMatch(
        /^Could not refresh: alerting is unavailable\. Showing what loaded at \d{2}:\d{2}:\d{2}\.$/,
      ),
    );
    expect(within(scheduleRow('primary')!).getByTestId('schedule-now').textContent).toBe('Bob Marsh');
    expect(policyRow('default')).not.toBeNull();
  });

  it('tells an executive their role cannot see who is on call, without asking the api', async () => {
    signInAs('test-token', 'acme', ['executive']);
    await renderPage();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your role cannot see who is on call. Ask a tenant admin for the viewer role.',
    );
    expect(await requestsSeen()).toEqual([]);
  });
});
