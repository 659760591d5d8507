/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ReportCenter } from '../components/ReportCenter';
import { recentReportWeeks } from '../lib/recentReportWeeks';
import { tokenStore } from '../lib/tokenStore';
import { userStore } from '../lib/userStore';
import { fakeApiSession } from './support/fakeApiSession';
import { nodeFetch } from './support/nodeFetch';

const router = { replace: jest.fn(), push: jest.fn() };
jest.mock('next/navigation', () => ({ useRouter: () => router }));

const session = fakeApiSession({ router });
// The fake moves a job one stage per read; a short poll keeps the test quick without changing what it shows.
const JOB_POLL_MS = 150;
const STAGE_WAIT = { timeout: 5000 };

const blobs: Blob[] = [];
const clicked: HTMLAnchorElement[] = [];
beforeAll(() => {
  URL.createObjectURL = jest.fn((blob: Blob) => {
    blobs.push(blob);
    return `blob:console/${blobs.length}`;
  });
  URL.revokeObjectURL = jest.fn();
  // jsdom cannot navigate or save files; the test looks at the link the console clicked instead.
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
});
beforeEach(() => {
  blobs.length = 0;
  clicked.length = 0;
});

function signInAsAcmeAdmin() {
  tokenStore.set('tenant-admin-token');
  userStore.set({ email: 'ada@acme.test', tenantId: 'acme', roles: ['tenant_admin'] });
}

const row = (id: number) =>
  document.querySelector(`[data-testid="report-row"][data-report-id="${id}"]`) as HTMLElement | null;

async function renderPage() {
  render(<ReportCenter apiUrl={session.api.url} jobPollMs={JOB_POLL_MS} />);
  await screen.findByTestId('reports');
  // Tenant names and time zones come with the tenant list, which the form's choices are made of.
  await waitFor(() =>
    expect(screen.getByLabelText('Report for').querySelectorAll('option').length).toBeGreaterThan(0),
  );
}

async function sentReportRequests(): Promise<{ method: string; path: string; body: unknown }[]> {
  return (await (await nodeFetch(`${session.api.url}/test/report-requests`)).json()) as {
    method: string;
    path: string;
    body: unknown;
  }[];
}

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

async function generate(target: string) {
  fireEvent.change(screen.getByLabelText('Report for'), { target: { value: target } });
  await act(async () => {
    fireEvent.submit(screen.getByTestId('report-form'));
  });
  // The api's answer lands inside waitFor's act, not after the test moved on.
  await waitFor(() => expect(screen.getByTestId('report-generate').textContent).not.toBe('Asking…'));
}

const jobPanel = () => screen.getByTestId('report-job-panel');

describe('ReportCenter', () => {
  it('lists each report with its week, tenant, status colour in words, summary, generated time and job state', async () => {
    await renderPage();
    expect(screen.getByTestId('reports-status').textContent).toBe('5 reports, 1 being generated');
    const acme = row(1)!;
    expect(within(acme).getByRole('rowheader').textContent).toMatch(/^2026-W46/);
    // The week runs Monday to Monday in the tenant's zone (Europe/Berlin), whatever the viewer's zone.
    expect(within(acme).getByTestId('report-week-dates').textContent).toBe('9 Nov – 15 Nov');
    expect(within(row(2)!).getByTestId('report-week-dates').textContent).toBe('9 Nov – 15 Nov');
    expect(acme.textContent).toContain('Acme Corp');
    expect(within(acme).getByTestId('report-colour').textContent).toBe('Green: on track');
    expect(within(acme).getByTestId('report-colour').getAttribute('data-colour')).toBe('green');
    expect(within(acme).getByTestId('report-summary').textContent).toBe(
      'Met 3 of 4 objectives; budget 38 % used.',
    );
    expect(within(acme).getByTestId('report-job-text').textContent).toBe('Done');
    expect(acme.querySelector('time[datetime="2026-11-23T08:04:00.000Z"]')?.textContent).toMatch(
      /^23 Nov, \d\d:\d\d$/,
    );
    expect(within(acme).getByTestId('report-pdf').textContent).toBe('Download PDF of Acme Corp 2026-W46');
    expect(within(acme).getByTestId('report-html').textContent).toBe('View HTML of Acme Corp 2026-W46');
    expect(within(row(2)!).getByTestId('report-colour').textContent).toBe('Red: objective missed');
    expect(row(3)!.textContent).toContain('All tenants (executive summary)');
    expect(within(row(4)!).getByTestId('report-job-text').textContent).toBe(
      'Failed: collector is unavailable',
    );
    const running = row(5)!;
    expect(within(running).getByTestId('report-job-text').textContent).toBe(
      'Running: computing figures (45 %)',
    );
    const bar = within(running).getByRole('progressbar', { name: 'Progress of Acme Corp 2026-W47' });
    expect(bar.getAttribute('value')).toBe('45');
    expect(within(running).queryByTestId('report-pdf')).toBeNull();
    expect(within(running).getByText('Not ready')).toBeTruthy();
  });

  it('filters the archive by kind and by tenant through the api', async () => {
    await renderPage();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'executive' } });
    await waitFor(() => expect(row(1)).toBeNull());
    expect(screen.getAllByTestId('report-row').map((r) => r.getAttribute('data-report-id'))).toEqual(['3']);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Tenant'), { target: { value: 'globex' } });
    await waitFor(() =>
      expect(screen.getAllByTestId('report-row').map((r) => r.getAttribute('data-report-id'))).toEqual(['2']),
    );
  });

  it('generates a report, shows each stage and its progress, then offers the PDF and HTML', async () => {
    await renderPage();
    const week = recentReportWeeks(Date.now())[0]!.label;
    expect(jobPanel().getAttribute('aria-live')).toBe('polite');
    await generate('globex');
    expect((await sentReportRequests()).at(-1)).toEqual({
      method: 'POST',
      path: '/v1/reports',
      body: { kind: 'tenant', tenant: 'globex', week },
    });
    await waitFor(
      () =>
        expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe(
          'Running: printing PDF (75 %)',
        ),
      STAGE_WAIT,
    );
    expect(
      within(jobPanel())
        .getByRole('progressbar', { name: `Progress of Globex ${week}` })
        .getAttribute('value'),
    ).toBe('75');
    expect(screen.getByTestId('report-generate').hasAttribute('disabled')).toBe(true);
    await waitFor(
      () => expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe('Done'),
      STAGE_WAIT,
    );
    expect(within(jobPanel()).queryByRole('progressbar')).toBeNull();
    const pdf = within(jobPanel()).getByTestId('report-pdf');
    expect(pdf.getAttribute('href')).toBe(`${session.api.url}/v1/reports/6/pdf`);
    expect(within(jobPanel()).getByTestId('report-html').getAttribute('href')).toBe(
      `${session.api.url}/v1/reports/6/html`,
    );
    // The finished job appears in the archive too.
    await waitFor(() =>
      expect(within(row(6)!).getByTestId('report-colour').textContent).toBe('Green: on track'),
    );
  });

  it('downloads the PDF with the bearer token through a blob URL named after the report', async () => {
    await renderPage();
    await act(async () => {
      fireEvent.click(within(row(1)!).getByTestId('report-pdf'));
    });
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.getAttribute('href')).toBe('blob:console/1');
    expect(clicked[0]!.download).toBe('sightline-acme-2026-W46.pdf');
    expect(blobs[0]!.type).toBe('application/pdf');
    expect(await readBlob(blobs[0]!)).toMatch(/^%PDF-1\.7/);
  });

  it("opens the HTML in a new tab with the api's Content-Security-Policy inside the document", async () => {
    await renderPage();
    await act(async () => {
      fireEvent.click(within(row(1)!).getByTestId('report-html'));
    });
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.target).toBe('_blank');
    expect(clicked[0]!.rel).toBe('noopener');
    expect(blobs[0]!.type).toBe('text/html');
    expect(await readBlob(blobs[0]!)).toContain(
      `<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>`,
    );
  });

  it("shows a failed job's error", async () => {
    await nodeFetch(`${session.api.url}/test/report-job-failure`, {
      method: 'POST',
      body: JSON.stringify({ error: 'alerting is unavailable after 3 attempts' }),
    });
    await renderPage();
    await generate('initech');
    const error = await screen.findByTestId('report-job-error', {}, STAGE_WAIT);
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      'The report could not be generated: alerting is unavailable after 3 attempts',
    );
    expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe(
      'Failed: alerting is unavailable after 3 attempts',
    );
    expect(within(jobPanel()).queryByTestId('report-pdf')).toBeNull();
    expect(screen.getByTestId('report-generate').hasAttribute('disabled')).toBe(false);
  });

  it('says a report already exists and offers it at once instead of generating it again', async () => {
    await renderPage();
    await generate('*');
    await waitFor(
      () => expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe('Done'),
      STAGE_WAIT,
    );
    const posts = (await sentReportRequests()).length;
    await generate('*');
    const week = recentReportWeeks(Date.now())[0]!.label;
    await waitFor(() => expect(jobPanel().textContent).toMatch(`Executive summary ${week} already exists.`));
    expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe('Done');
    expect(within(jobPanel()).getByTestId('report-pdf')).toBeTruthy();
    expect(await sentReportRequests()).toHaveLength(posts + 1);
  });

  it('generates a report again when asked to, following the new job', async () => {
    await renderPage();
    await generate('initech');
    await waitFor(
      () => expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe('Done'),
      STAGE_WAIT,
    );
    fireEvent.click(screen.getByLabelText('Generate again even if the report exists'));
    await generate('initech');
    expect((await sentReportRequests()).at(-1)?.body).toMatchObject({
      kind: 'tenant',
      tenant: 'initech',
      force: true,
    });
    await waitFor(() =>
      expect(within(jobPanel()).getByTestId('report-job-text').textContent).toMatch(/^(Queued|Running)/),
    );
    expect(jobPanel().textContent).not.toContain('already exists');
    await waitFor(
      () => expect(within(jobPanel()).getByTestId('report-job-text').textContent).toBe('Done'),
      STAGE_WAIT,
    );
  });

  it('offers the executive summary to a platform reader', async () => {
    await renderPage();
    const options = within(screen.getByLabelText('Report for')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Acme Corp (acme)',
      'Globex (globex)',
      'Initech (initech)',
      'Executive summary (all tenants)',
    ]);
    expect(screen.getByLabelText('Week').querySelectorAll('option')).toHaveLength(12);
  });

  it('offers a tenant_admin only its own tenant, never the executive summary', async () => {
    signInAsAcmeAdmin();
    await renderPage();
    await waitFor(() =>
      expect(
        within(screen.getByLabelText('Report for'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Acme Corp (acme)']),
    );
    expect(
      within(screen.getByLabelText('Kind'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Tenant reports']);
    expect(screen.queryByLabelText('Tenant')).toBeNull();
    expect(screen.getAllByTestId('report-row').map((r) => r.getAttribute('data-report-id'))).toEqual([
      '5',
      '1',
    ]);
  });

  it("lets a tenant_admin edit its own tenant's recipients, and shows the api's reason for a bad address", async () => {
    signInAsAcmeAdmin();
    await renderPage();
    const emails = screen.getByLabelText('E-mail addresses') as HTMLTextAreaElement;
    await waitFor(() => expect(emails.value).toBe('cfo@acme.test'));
    expect(screen.queryByLabelText('Reports of')).toBeNull();
    fireEvent.change(emails, { target: { value: 'CEO@acme.test\ncfo@acme.test, not-an-address' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('recipients-form'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('recipients-problem').textContent).toBe('emails.2: Invalid email address'),
    );
    expect(emails.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(emails, { target: { value: 'CEO@acme.test\ncfo@acme.test' } });
    await act(async () => {
      fireEvent.submit(screen.getByTestId('recipients-form'));
    });
    await waitFor(() =>
      expect(screen.getByTestId('recipients-status').textContent).toBe('Saved 2 recipients.'),
    );
    expect(emails.value).toBe('ceo@acme.test\ncfo@acme.test');
    expect(emails.getAttribute('aria-invalid')).toBeNull();
    expect((await sentReportRequests()).at(-1)).toEqual({
      method: 'PUT',
      path: '/v1/reports/recipients/acme',
      body: { emails: ['CEO@acme.test', 'cfo@acme.test'] },
    });
  });

  it("lets a platform super_admin choose any tenant's recipients or the executive summary's", async () => {
    userStore.set({ email: 'root@example.com', tenantId: null, roles: ['super_admin'] });
    await renderPage();
    const choices = await waitFor(() => {
      const options = within(screen.getByLabelText('Reports of')).getAllByRole('option');
      expect(options).toHaveLength(4);
      return options.map((o) => o.getAttribute('value'));
    });
    expect(choices).toEqual(['acme', 'globex', 'initech', '*']);
  });

  it('shows no recipients editor to an sre or an executive', async () => {
    await renderPage();
    expect(screen.queryByTestId('recipients-form')).toBeNull();
  });

  it('tells a developer the role cannot see reports, without asking the api', async () => {
    tokenStore.set('developer-token');
    userStore.set({ email: 'dev@acme.test', tenantId: 'acme', roles: ['developer'] });
    render(<ReportCenter apiUrl={session.api.url} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Your role cannot see reports/);
    expect(screen.queryByTestId('report-form')).toBeNull();
  });
});
