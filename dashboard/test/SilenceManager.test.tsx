/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SilenceManager } from '../components/SilenceManager';
import { isoToLocalInput } from '../lib/logQuery';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { nodeFetch } from './support/nodeFetch';
import { fakeApiSession } from './support/fakeApiSession';

const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({ useRouter: () => router }));

const session = fakeApiSession({ router });

async function sentBodies(): Promise<unknown[]> {
  return (await (await nodeFetch(`${session.api.url}/test/silence-requests`)).json()) as unknown[];
}

const silenceRow = (id: string) =>
  document.querySelector(`[data-testid="silence-row"][data-silence-id="${id}"]`) as HTMLElement | null;

async function renderPage() {
  render(<SilenceManager apiUrl={session.api.url} />);
  await screen.findAllByTestId('silences');
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('SilenceManager', () => {
  it('lists each silence with its status in words, what it mutes, when, why and who', async () => {
    await renderPage();
    expect(screen.getByTestId('silences-status').textContent).toBe('0 muting now, 1 scheduled, 0 expired');
    const row = silenceRow('weekly-db')!;
    expect(within(row).getByTestId('silence-status').textContent).toBe('Scheduled · maintenance weekly-db');
    expect(row.textContent).toContain('tenant="acme"');
    expect(row.textContent).toContain('service="db"');
    expect(within(row).getByTestId('silence-window').textContent).toMatch(
      /^Saturdays at 02:00 for 2 h \(Europe\/Berlin\) · next /,
    );
    expect(row.textContent).toContain('Weekly database maintenance');
    expect(row.textContent).toContain('u-sre');
  });

  it('creates a one-off silence from local times and shows it in the list', async () => {
    await renderPage();
    const starts = isoToLocalInput(new Date(Date.now() - 60_000).toISOString()).slice(0, 16);
    const ends = isoToLocalInput(new Date(Date.now() + 3_600_000).toISOString()).slice(0, 16);
    fireEvent.change(screen.getByLabelText('Tenant'), { target: { value: 'globex' } });
    fill('Value 1', 'DiskFull');
    fill('Starts', starts);
    fill('Ends', ends);
    fill('Why', 'Replacing the disk');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('silence-form'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('silence-created').textContent).toBe('Created silence s1.'),
    );
    expect((await sentBodies()).at(-1)).toEqual({
      kind: 'silence',
      tenant: 'globex',
      matchers: [{ name: 'alertname', type: '=', value: 'DiskFull' }],
      window: {
        kind: 'once',
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(ends).toISOString(),
      },
      comment: 'Replacing the disk',
    });
    await waitFor(() => expect(silenceRow('s1')).not.toBeNull());
    expect(within(silenceRow('s1')!).getByTestId('silence-status').textContent).toMatch(/^Active/);
    expect((screen.getByLabelText('Why') as HTMLInputElement).value).toBe('');
  });

  it('creates a weekly maintenance window as a cron line in the chosen time zone', async () => {
    await renderPage();
    fireEvent.click(screen.getByTestId('silence-mode-weekly'));
    fill('Service', 'db');
    fill('Value 1', 'Backup.*');
    fireEvent.change(screen.getByLabelText('Operator 1'), { target: { value: '=~' } });
    fill('Day', '0');
    fill('Starts at', '03:30');
    fill('Lasts (minutes)', '45');
    fill('Time zone', 'America/New_York');
    fill('Why', 'Sunday backups');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('silence-form'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('silence-created').textContent).toBe('Created maintenance s1.'),
    );
    expect((await sentBodies()).at(-1)).toEqual({
      kind: 'maintenance',
      service: 'db',
      matchers: [{ name: 'alertname', type: '=~', value: 'Backup.*' }],
      window: { kind: 'cron', cron: '30 3 * * 0', durationMinutes: 45, timeZone: 'America/New_York' },
      comment: 'Sunday backups',
    });
    await waitFor(() =>
      expect(within(silenceRow('s1')!).getByTestId('silence-window').textContent).toMatch(
        /^Sundays at 03:30 for 45 min \(America\/New_York\)/,
      ),
    );
  });

  it("shows the api's reason next to the form and marks the field it names", async () => {
    await renderPage();
    const later = isoToLocalInput(new Date(Date.now() + 7_200_000).toISOString()).slice(0, 16);
    const earlier = isoToLocalInput(new Date(Date.now() + 3_600_000).toISOString()).slice(0, 16);
    fill('Value 1', 'DiskFull');
    fill('Starts', later);
    fill('Ends', earlier);
    fill('Why', 'typo in the times');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('silence-form'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('silence-problem').textContent).toBe(
        'window.endsAt: endsAt must be after startsAt',
      ),
    );
    expect(screen.getByLabelText('Ends').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Ends').getAttribute('aria-describedby')).toBe('silence-problem');
    expect(screen.getByLabelText('Starts').getAttribute('aria-invalid')).toBeNull();
    expect(silenceRow('s1')).toBeNull();
  });

  it('passes on the api refusing a silence that would mute everything', async () => {
    await renderPage();
    fill('Label 1', '');
    fill('Why', 'mute it all');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('silence-form'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('silence-problem').textContent).toMatch(
        /^matchers: a silence needs at least one matcher/,
      ),
    );
    expect(screen.getByTestId('silence-matchers').getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a form it cannot translate without asking the api', async () => {
    await renderPage();
    fill('Value 1', 'DiskFull');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('silence-form'));
    });
    expect(screen.getByTestId('silence-problem').textContent).toBe('say why you silence these alerts');
    expect(screen.getByLabelText('Why').getAttribute('aria-invalid')).toBe('true');
    expect(await sentBodies()).toEqual([]);
  });

  it('expires a silence, which then shows as expired and offers no button', async () => {
    await renderPage();
    await act(async () => {
      fireEvent.click(within(silenceRow('weekly-db')!).getByTestId('silence-expire'));
    });
    await waitFor(() =>
      expect(within(silenceRow('weekly-db')!).getByTestId('silence-status').textContent).toMatch(/^Expired/),
    );
    expect(within(silenceRow('weekly-db')!).queryByTestId('silence-expire')).toBeNull();
    expect(within(silenceRow('weekly-db')!).getByTestId('silence-window').textContent).toContain(
      'expired by hand',
    );
  });

  it('lets a developer read silences but shows no form and no expire button', async () => {
    tokenStore.set('developer-token');
    userStore.set({ email: 'dev@example.com', tenantId: 'acme', roles: ['developer'] });
    await renderPage();
    expect(silenceRow('weekly-db')).not.toBeNull();
    expect(screen.queryByTestId('silence-form')).toBeNull();
    expect(screen.queryByTestId('silence-expire')).toBeNull();
  });

  it("fixes a tenant admin's silences to their own tenant", async () => {
    userStore.set({ email: 'admin@acme.example', tenantId: 'acme', roles: ['tenant_admin'] });
    await renderPage();
    expect((screen.getByLabelText('Tenant') as HTMLInputElement).readOnly).toBe(true);
    fill('Value 1', 'X');
    fill('Why', 'scoped');
    await act(async () => {
      fireEvent.submit(screen.getByTestId('silence-form'));
    });
    await waitFor(() => expect(screen.getByTestId('silence-created').textContent).toMatch(/^Created/));
    expect((await sentBodies()).at(-1)).toMatchObject({ tenant: 'acme' });
  });
});
